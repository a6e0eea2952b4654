import { StrictMode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { endSession } from '../api/client';
import { json, problem, session, stubApi } from '../test/api';
import { RequireAuth } from './RequireAuth';
import { SessionProvider, useSession } from './session';

function Probe() {
  const { state } = useSession();
  return (
    <p>
      {state.status === 'signedIn' ? `signed in as ${state.customer.firstName}` : state.status}
      {state.status === 'signedOut' ? ` (${state.reason})` : ''}
    </p>
  );
}

function Where() {
  const location = useLocation();
  return <p>at {location.pathname + location.search}</p>;
}

function renderApp(route: string) {
  const queryClient = new QueryClient();
  render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <Probe />
          <MemoryRouter initialEntries={[route]}>
            <Routes>
              <Route path="/login" element={<Where />} />
              <Route
                path="*"
                element={
                  <RequireAuth>
                    <p>private page</p>
                  </RequireAuth>
                }
              />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

describe('session bootstrap', () => {
  beforeEach(() => {
    endSession('logout');
  });

  it('restores the session from the refresh cookie on start-up, with a single refresh', async () => {
    const api = stubApi({ 'POST /api/client-portal/auth/refresh': () => json(200, session()) });

    renderApp('/bookings');

    expect(await screen.findByText('signed in as Maya')).toBeInTheDocument();
    expect(screen.getByText('private page')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/client-portal/auth/refresh')).toHaveLength(1);
  });

  it('sends a visitor without a session to login, with the way back', async () => {
    stubApi({ 'POST /api/client-portal/auth/refresh': () => problem(401, 'UNAUTHENTICATED', 'Log in again.') });

    renderApp('/bookings?tab=past');

    expect(await screen.findByText('signedOut (none)')).toBeInTheDocument();
    expect(await screen.findByText('at /login?next=%2Fbookings%3Ftab%3Dpast')).toBeInTheDocument();
    expect(screen.queryByText('private page')).not.toBeInTheDocument();
  });

  it('shows neither page nor login while the session is being restored', () => {
    stubApi({ 'POST /api/client-portal/auth/refresh': () => new Promise<Response>(() => undefined) });

    renderApp('/');

    expect(screen.getByText('loading')).toBeInTheDocument();
    expect(screen.queryByText('private page')).not.toBeInTheDocument();
    expect(screen.queryByText(/^at /)).not.toBeInTheDocument();
  });
});
