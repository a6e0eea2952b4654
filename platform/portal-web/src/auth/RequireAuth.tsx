import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from './session';

/** Pages that need a customer: wait for the session, or go to login and come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <main id="main" className="page-loading" aria-busy="true">
        <p>{t('common.loading')}</p>
      </main>
    );
  }
  if (state.status === 'signedOut') {
    const here = location.pathname + location.search;
    const next = state.reason === 'logout' || here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return children;
}
