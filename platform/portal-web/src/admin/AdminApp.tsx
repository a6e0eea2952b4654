import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { useTranslation } from 'react-i18next';
import { createQueryClient } from '../App';
import { NotFoundPage } from '../layout/NotFoundPage';
import { StatusProvider } from '../layout/status';
import { AdminLoginPage } from './AdminLoginPage';
import { AdminShell } from './AdminShell';
import { AuditPage } from './audit/AuditPage';
import { BrandingPage } from './branding/BrandingPage';
import { CustomerPage } from './customers/CustomerPage';
import { CustomersPage } from './customers/CustomersPage';
import { DeliveriesPage } from './notifications/DeliveriesPage';
import { PluginSettingsPage } from './plugins/PluginSettingsPage';
import { PluginsPage } from './plugins/PluginsPage';
import { RequireAdmin } from './RequireAdmin';
import { AdminSessionProvider } from './session';
import { TeamPage } from './team/TeamPage';
import './admin.css';

export const adminRoutes = [
  {
    element: <Outlet />,
    children: [
      { path: 'login', element: <AdminLoginPage /> },
      {
        element: (
          <RequireAdmin>
            <AdminShell />
          </RequireAdmin>
        ),
        children: [
          { index: true, element: <Navigate to="/plugins" replace /> },
          { path: 'plugins', element: <PluginsPage /> },
          { path: 'plugins/:pluginId', element: <PluginSettingsPage /> },
          { path: 'branding', element: <BrandingPage /> },
          { path: 'customers', element: <CustomersPage /> },
          { path: 'customers/:customerId', element: <CustomerPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'notifications', element: <DeliveriesPage /> },
          { path: 'team', element: <TeamPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

const queryClient = createQueryClient();
const router = createBrowserRouter(adminRoutes, { basename: '/admin' });

/** The staff pages speak English; Arabic strings, where there are any, are the customers'. */
function English() {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== 'en') {
      void i18n.changeLanguage('en');
    }
  }, [i18n]);
  return null;
}

export function AdminApp() {
  return (
    <QueryClientProvider client={queryClient}>
      <AdminSessionProvider>
        <StatusProvider>
          <English />
          <RouterProvider router={router} />
        </StatusProvider>
      </AdminSessionProvider>
    </QueryClientProvider>
  );
}
