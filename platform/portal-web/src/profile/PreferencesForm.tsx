import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Preferences } from '../api/types';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useStatus } from '../layout/status';
import { preferencesKey } from './queries';

export const REMINDER_HOURS = [0, 1, 2, 6, 12, 24, 48] as const;

interface PreferencesValues {
  emailOptIn: boolean;
  smsOptIn: boolean;
  whatsappOptIn: boolean;
  marketingConsent: boolean;
  reminderHoursBefore: string;
}

function toForm(preferences: Preferences): PreferencesValues {
  return { ...preferences, reminderHoursBefore: String(preferences.reminderHoursBefore) };
}

export function PreferencesForm({ preferences }: { preferences: Preferences }) {
  const { t } = useTranslation();
  const { announce } = useStatus();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<unknown>(null);
  const ids = { channels: useId(), reminder: useId() };
  const { register, handleSubmit, reset, formState } = useForm<PreferencesValues>({ defaultValues: toForm(preferences) });

  useEffect(() => {
    reset(toForm(preferences));
  }, [preferences, reset]);

  // A value set by the studio outside the usual choices stays selectable.
  const usual: readonly number[] = REMINDER_HOURS;
  const hours = usual.includes(preferences.reminderHoursBefore)
    ? [...usual]
    : [...usual, preferences.reminderHoursBefore].sort((a, b) => a - b);

  const submit = async (values: PreferencesValues) => {
    setProblem(null);
    try {
      const saved = await api<Preferences>('/api/client-portal/preferences', {
        method: 'PUT',
        body: { ...values, reminderHoursBefore: Number(values.reminderHoursBefore) },
      });
      queryClient.setQueryData(preferencesKey, saved);
      announce(t('common.saved'));
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <form className="stack" noValidate onSubmit={handleSubmit(submit)}>
      <fieldset className="choice-group">
        <legend>{t('profile.messagesBy')}</legend>
        <label className="choice">
          <input type="checkbox" {...register('emailOptIn')} />
          <span>{t('profile.emailOptIn')}</span>
        </label>
        <label className="choice">
          <input type="checkbox" {...register('smsOptIn')} />
          <span>{t('profile.smsOptIn')}</span>
        </label>
        <label className="choice">
          <input type="checkbox" {...register('whatsappOptIn')} />
          <span>{t('profile.whatsappOptIn')}</span>
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={ids.reminder}>{t('profile.reminder')}</label>
        <select id={ids.reminder} {...register('reminderHoursBefore')}>
          {hours.map((h) => (
            <option key={h} value={String(h)}>
              {h === 0 ? t('profile.noReminder') : t('profile.hoursBefore', { count: h })}
            </option>
          ))}
        </select>
      </div>
      <label className="choice">
        <input type="checkbox" {...register('marketingConsent')} />
        <span>{t('profile.marketing')}</span>
      </label>
      <ProblemMessage error={problem} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
          {t('profile.savePreferences')}
        </button>
      </div>
    </form>
  );
}
