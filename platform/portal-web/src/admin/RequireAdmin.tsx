import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAdminSession } from './session';

/** Sends anyone without an admin session to the login page, remembering where they were going. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { state } = useAdminSession();
  const location = useLocation();
  if (state.status !== 'signedIn') {
    return (
      <Navigate
        to="/login"
        replace
        state={{ from: location.pathname + location.search, reason: state.reason }}
      />
    );
  }
  return children;
}
