import { useId } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useBranding } from '../layout/branding';
import { ProblemMessage } from '../layout/ProblemMessage';
import { usePageTitle } from '../layout/usePageTitle';
import { ContactForm } from './ContactForm';
import { PreferencesForm } from './PreferencesForm';
import { usePreferences, useProfile } from './queries';
import { Receipts } from './Receipts';

export function ProfilePage() {
  const { t } = useTranslation();
  const ids = { contact: useId(), preferences: useId() };
  const profile = useProfile();
  const preferences = usePreferences();
  const branding = useBranding().data;
  const { signOut } = useSession();
  const navigate = useNavigate();
  usePageTitle(t('profile.title'));

  return (
    <div className="page stack-lg">
      <h1>{t('profile.title')}</h1>
      <section className="card stack" aria-labelledby={ids.contact}>
        <h2 id={ids.contact}>{t('profile.contact')}</h2>
        {profile.isPending && <p aria-busy="true">{t('common.loading')}</p>}
        {profile.isError && <ProblemMessage error={profile.error} />}
        {profile.isSuccess && (
          <ContactForm
            profile={profile.data}
            locales={branding?.locales ?? [profile.data.locale]}
            onReload={async () => (await profile.refetch()).data}
          />
        )}
      </section>
      <section className="card stack" aria-labelledby={ids.preferences}>
        <h2 id={ids.preferences}>{t('profile.preferences')}</h2>
        {preferences.isPending && <p aria-busy="true">{t('common.loading')}</p>}
        {preferences.isError && <ProblemMessage error={preferences.error} />}
        {preferences.isSuccess && <PreferencesForm preferences={preferences.data} />}
      </section>
      <Receipts />
      {/* On desktop the sidebar holds the one "Log out" button. */}
      <div className="actions mobile-only">
        <button
          type="button"
          className="button"
          onClick={async () => {
            await signOut();
            navigate('/login', { replace: true });
          }}
        >
          {t('nav.logout')}
        </button>
      </div>
    </div>
  );
}
