import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { endAdminSession, onAdminSessionChange, type AdminSessionEnd } from './api';
import type { AdminIdentity } from './types';

export type AdminSessionState =
  | { status: 'signedIn'; admin: AdminIdentity }
  /** reason: how the session ended; 'none' when there was none (every page load starts here). */
  | { status: 'signedOut'; reason: AdminSessionEnd | 'none' };

interface AdminSessionValue {
  state: AdminSessionState;
  signOut: () => void;
}

const AdminSessionContext = createContext<AdminSessionValue | null>(null);

/** Follows the admin client's session; ending it empties the query cache, so nothing outlives the login. */
export function AdminSessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AdminSessionState>({ status: 'signedOut', reason: 'none' });

  useEffect(
    () =>
      onAdminSessionChange((admin, reason) => {
        if (admin) {
          setState({ status: 'signedIn', admin });
          return;
        }
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] === 'admin' });
        setState({ status: 'signedOut', reason: reason ?? 'expired' });
      }),
    [queryClient],
  );

  const signOut = useCallback(() => endAdminSession('logout'), []);
  const value = useMemo(() => ({ state, signOut }), [state, signOut]);
  return <AdminSessionContext.Provider value={value}>{children}</AdminSessionContext.Provider>;
}

export function useAdminSession(): AdminSessionValue {
  const value = useContext(AdminSessionContext);
  if (!value) {
    throw new Error('useAdminSession outside AdminSessionProvider');
  }
  return value;
}

/** The signed-in admin; only for pages behind RequireAdmin. */
export function useAdmin(): AdminIdentity & { isOwner: boolean } {
  const { state } = useAdminSession();
  if (state.status !== 'signedIn') {
    throw new Error('useAdmin without a session');
  }
  return { ...state.admin, isOwner: state.admin.role === 'OWNER' };
}
