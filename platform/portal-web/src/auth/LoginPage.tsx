import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { useBranding } from '../layout/branding';
import { ProblemMessage } from '../layout/ProblemMessage';
import { usePageTitle } from '../layout/usePageTitle';
import { LinkSentPanel } from './LinkSentPanel';
import { LoginForm, type SentLink } from './LoginForm';
import { rememberReturnPath, safeReturnPath } from './returnPath';
import { useSession } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const branding = useBranding();
  const [params] = useSearchParams();
  const [sent, setSent] = useState<SentLink | null>(null);
  const next = safeReturnPath(params.get('next'));
  usePageTitle(t('login.title'));

  if (state.status === 'signedIn') {
    return <Navigate to={next ?? '/'} replace />;
  }
  if (branding.isPending || state.status === 'loading') {
    return (
      <main id="main" className="centered-page" aria-busy="true">
        <p>{t('common.loading')}</p>
      </main>
    );
  }
  if (branding.isError) {
    return (
      <main id="main" className="centered-page">
        <div className="card narrow">
          <h1>{t('login.unavailable')}</h1>
          <ProblemMessage error={branding.error} />
        </div>
      </main>
    );
  }
  const studio = branding.data;
  const devInbox = studio.devInbox === true;

  return (
    <main id="main" className="centered-page login-page">
      <div className="card narrow login-card">
        <div className="login-brand">
          {studio.logoUrl && <img className="login-logo" src={studio.logoUrl} alt="" />}
          <h1>{studio.studioName}</h1>
        </div>
        {state.reason === 'expired' && !sent && <p className="notice">{t('login.sessionEnded')}</p>}
        {sent ? (
          <LinkSentPanel
            sent={sent}
            devInbox={devInbox}
            onResent={setSent}
            onChangeAddress={() => setSent(null)}
          />
        ) : (
          <LoginForm
            channels={studio.loginChannels}
            devInbox={devInbox}
            onSent={(link) => {
              rememberReturnPath(next);
              setSent(link);
            }}
          />
        )}
        {studio.locales.length > 1 && <LanguageSelect locales={studio.locales} />}
      </div>
    </main>
  );
}
