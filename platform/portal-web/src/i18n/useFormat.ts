import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Money } from '../api/types';
import { useOptionalSession } from '../auth/session';
import { useBranding } from '../layout/branding';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatDelta,
  formatMoney,
  formatNumber,
  formatTime,
} from './format';

/** Formatters bound to the UI language and the customer's time zone (the studio's before login, and on staff pages). */
export function useFormat() {
  const { i18n } = useTranslation();
  const state = useOptionalSession()?.state;
  const branding = useBranding().data;
  const language = i18n.language;
  const timeZone =
    state?.status === 'signedIn'
      ? state.customer.timezone
      : (branding?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  return useMemo(
    () => ({
      language,
      timeZone,
      money: (money: Money) => formatMoney(money, language),
      number: (value: number) => formatNumber(value, language),
      delta: (value: number) => formatDelta(value, language),
      time: (value: string | Date) => formatTime(value, language, timeZone),
      day: (value: string | Date) => formatDay(value, language, timeZone),
      date: (value: string | Date) => formatDate(value, language, timeZone),
      dateTime: (value: string | Date) => formatDateTime(value, language, timeZone),
    }),
    [language, timeZone],
  );
}
