import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { SessionProvider, useSession } from '../auth/session';
import { StatusProvider } from '../layout/status';

function SignedIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  return state.status === 'signedIn' ? children : <p>waiting for session</p>;
}

/** Renders inside the app's providers; with signedIn, only once the (stubbed) session restore has finished. */
export function renderWithProviders(ui: ReactNode, options: { route?: string; signedIn?: boolean } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <StatusProvider>
          <MemoryRouter initialEntries={[options.route ?? '/']}>
            {options.signedIn === false ? ui : <SignedIn>{ui}</SignedIn>}
          </MemoryRouter>
        </StatusProvider>
      </SessionProvider>
    </QueryClientProvider>,
  );
}
