import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { StatusProvider } from '../layout/status';
import { json } from '../test/api';
import { adminLogin, endAdminSession } from './api';
import { AdminSessionProvider, useAdminSession } from './session';
import type { AdminRole } from './types';

export function adminLoginAnswer(role: AdminRole = 'OWNER', token = 'admin-token') {
  return {
    accessToken: token,
    tokenType: 'Bearer',
    expiresIn: 900,
    admin: { id: 'a0000000-0000-4000-8000-000000000001', email: 'owner@serenity.example', role },
  };
}

/** The stub route for POST /api/admin/auth/login. */
export function loginRoute(role: AdminRole = 'OWNER') {
  return { 'POST /api/admin/auth/login': () => json(200, adminLoginAnswer(role)) };
}

function SignedIn({ children }: { children: ReactNode }) {
  const { state } = useAdminSession();
  return state.status === 'signedIn' ? children : <p>waiting for admin session</p>;
}

/** Renders inside the admin app's providers, then logs in through the (stubbed) login call. */
export async function renderAdmin(ui: ReactNode, options: { route?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <AdminSessionProvider>
        <StatusProvider>
          <MemoryRouter initialEntries={[options.route ?? '/']}>
            <SignedIn>{ui}</SignedIn>
          </MemoryRouter>
        </StatusProvider>
      </AdminSessionProvider>
    </QueryClientProvider>,
  );
  await act(async () => {
    await adminLogin('owner@serenity.example', 'serenity-demo');
  });
  return result;
}

/** Forgets the admin's token between tests (module state), inside act as the provider may still be mounted. */
export function logOutAdmin(): void {
  act(() => endAdminSession('logout'));
}
