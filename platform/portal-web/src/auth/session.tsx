import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { logout as endOnServer, onSessionChange, refreshSession, type SessionEnd } from '../api/client';
import type { Customer } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedIn'; customer: Customer }
  /** reason: how the session ended; 'none' when there was none to restore. */
  | { status: 'signedOut'; reason: SessionEnd | 'none' };

interface SessionValue {
  state: SessionState;
  /** After a profile save: the customer as the server now has them. */
  updateCustomer: (customer: Customer) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Restores the session from the refresh cookie on start-up and follows every later change (login, renewal,
 * expiry, logout). Ending a session empties the query cache, so no data of one customer outlives their session.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    const unsubscribe = onSessionChange((view, reason) => {
      if (view) {
        setState({ status: 'signedIn', customer: view.customer });
        return;
      }
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'branding' });
      setState((previous) => ({
        status: 'signedOut',
        reason: previous.status === 'loading' ? 'none' : (reason ?? 'expired'),
      }));
    });
    refreshSession().catch(() => {
      setState((previous) => (previous.status === 'loading' ? { status: 'signedOut', reason: 'none' } : previous));
    });
    return unsubscribe;
  }, [queryClient]);

  const updateCustomer = useCallback((customer: Customer) => {
    setState((previous) => (previous.status === 'signedIn' ? { status: 'signedIn', customer } : previous));
  }, []);

  const signOut = useCallback(async () => {
    await endOnServer();
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo(() => ({ state, updateCustomer, signOut }), [state, updateCustomer, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside SessionProvider');
  }
  return value;
}

/** The session, or null outside a SessionProvider (the staff pages, which show portal pieces without a customer). */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext);
}

/** The signed-in customer; only for pages behind RequireAuth. */
export function useCustomer(): Customer {
  const { state } = useSession();
  if (state.status !== 'signedIn') {
    throw new Error('useCustomer without a session');
  }
  return state.customer;
}
