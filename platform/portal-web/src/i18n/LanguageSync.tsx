import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useBranding } from '../layout/branding';
import { browserLanguages, chooseLanguage, saveLanguage, savedLanguage } from './language';

/**
 * Keeps the UI language right: the customer's own once logged in; before that a saved choice, the browser's
 * language when the studio offers it, or the studio's default.
 */
export function LanguageSync() {
  const { state } = useSession();
  const branding = useBranding().data;
  const { i18n } = useTranslation();
  const signedInLocale = state.status === 'signedIn' ? state.customer.locale : null;

  let wanted: string | null = null;
  if (signedInLocale) {
    wanted = signedInLocale;
  } else if (branding && state.status === 'signedOut') {
    wanted = chooseLanguage({
      saved: savedLanguage(),
      browser: browserLanguages(),
      offered: branding.locales,
      fallback: branding.defaultLocale,
    });
  }

  useEffect(() => {
    if (signedInLocale) {
      // The login page after logging out stays in the customer's language.
      saveLanguage(signedInLocale);
    }
  }, [signedInLocale]);

  useEffect(() => {
    if (wanted && i18n.language !== wanted) {
      void i18n.changeLanguage(wanted);
    }
  }, [wanted, i18n]);

  return null;
}
