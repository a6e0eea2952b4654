import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './fonts';
import './styles.css';
import './i18n';
import { App } from './App';

/** The studio's staff pages share this build but have their own route tree and bundle, which customers never load. */
function isAdminPath(pathname: string): boolean {
  return /^\/admin(\/|$)/.test(pathname);
}

const root = document.getElementById('root');
if (root) {
  if (isAdminPath(window.location.pathname)) {
    void import('./admin/AdminApp').then(({ AdminApp }) => {
      createRoot(root).render(
        <StrictMode>
          <AdminApp />
        </StrictMode>,
      );
    });
  } else {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
}
