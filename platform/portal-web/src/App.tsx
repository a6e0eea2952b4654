import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Outlet } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { ApiProblem } from './api/client';
import { BookingsPage } from './appointments/BookingsPage';
import { BookPage } from './appointments/BookPage';
import { CallbackPage } from './auth/CallbackPage';
import { LoginPage } from './auth/LoginPage';
import { RequireAuth } from './auth/RequireAuth';
import { SessionProvider } from './auth/session';
import { DashboardPage } from './dashboard/DashboardPage';
import { LanguageSync } from './i18n/LanguageSync';
import { NotFoundPage } from './layout/NotFoundPage';
import { Shell } from './layout/Shell';
import { StatusProvider } from './layout/status';
import { PackagesPage } from './packages/PackagesPage';
import { PaymentReturnPage } from './payments/PaymentReturnPage';
import { ProfilePage } from './profile/ProfilePage';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; network trouble and 5xx may.
        retry: (count, error) =>
          !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

export const routes = [
  {
    element: <Outlet />,
    children: [
      { path: 'login', element: <LoginPage /> },
      { path: 'auth/callback', element: <CallbackPage /> },
      {
        path: 'dev/inbox',
        lazy: async () => ({ Component: (await import('./dev/DevInboxPage')).DevInboxPage }),
      },
      {
        element: (
          <RequireAuth>
            <Shell />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'bookings', element: <BookingsPage /> },
          { path: 'book', element: <BookPage /> },
          { path: 'packages', element: <PackagesPage /> },
          { path: 'profile', element: <ProfilePage /> },
          {
            // The QR code library is only needed here.
            path: 'card',
            lazy: async () => ({ Component: (await import('./card/MemberCardPage')).MemberCardPage }),
          },
          { path: 'payments/:paymentId', element: <PaymentReturnPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

const queryClient = createQueryClient();
// Made on first render, not at import: on /admin this module is loaded but its router must not watch the URL.
let router: ReturnType<typeof createBrowserRouter> | null = null;

function portalRouter() {
  router ??= createBrowserRouter(routes, { basename: '/portal' });
  return router;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <StatusProvider>
          <LanguageSync />
          <RouterProvider router={portalRouter()} />
        </StatusProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
