import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { usePageTitle } from '../layout/usePageTitle';
import { verifyLink } from './links';
import { takeReturnPath } from './returnPath';
import { useSession } from './session';

const KNOWN = ['TOKEN_EXPIRED', 'TOKEN_USED', 'TOKEN_INVALID'] as const;
type Failure = (typeof KNOWN)[number] | 'OTHER';

function failureOf(error: unknown): Failure {
  if (error instanceof ApiProblem) {
    const known = KNOWN.find((code) => code === error.code);
    if (known) {
      return known;
    }
    if (error.status === 400 || error.status === 401) {
      return 'TOKEN_INVALID';
    }
  }
  return 'OTHER';
}

/** /portal/auth/callback?token=…: the login link lands here and trades its token for a session. */
export function CallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { state } = useSession();
  const token = params.get('token');
  const [failure, setFailure] = useState<{ kind: Failure; detail: string } | null>(null);
  const settled = state.status !== 'loading';
  usePageTitle(t('callback.signingIn'));

  useEffect(() => {
    // Wait for start-up's session restore, so it cannot overwrite the session this link opens.
    if (!settled) {
      return undefined;
    }
    if (!token) {
      setFailure({ kind: 'TOKEN_INVALID', detail: '' });
      return undefined;
    }
    let active = true;
    verifyLink(token).then(
      () => {
        if (active) {
          navigate(takeReturnPath() ?? '/', { replace: true });
        }
      },
      (error: unknown) => {
        if (active) {
          const kind = failureOf(error);
          setFailure({ kind, detail: kind === 'OTHER' && error instanceof ApiProblem ? error.detail : '' });
        }
      },
    );
    return () => {
      active = false;
    };
  }, [settled, token, navigate]);

  if (!failure) {
    return (
      <main id="main" className="centered-page" aria-busy="true">
        <div className="card narrow">
          <h1>{t('callback.signingIn')}</h1>
        </div>
      </main>
    );
  }
  const key = {
    TOKEN_EXPIRED: 'expired',
    TOKEN_USED: 'used',
    TOKEN_INVALID: 'invalid',
    OTHER: 'failed',
  }[failure.kind];
  return (
    <main id="main" className="centered-page">
      <div className="card narrow stack" role="alert">
        <h1>{t(`callback.${key}.title`)}</h1>
        <p>{failure.detail || t(`callback.${key}.body`)}</p>
        <div className="actions">
          <button type="button" className="button button-primary" onClick={() => navigate('/login', { replace: true })}>
            {t('callback.newLink')}
          </button>
        </div>
      </div>
    </main>
  );
}
