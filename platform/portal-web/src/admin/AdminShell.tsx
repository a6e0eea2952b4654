import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useBranding } from '../layout/branding';
import { useAdmin, useAdminSession } from './session';

const ITEMS: { to: string; key: string; ownersOnly?: boolean }[] = [
  { to: '/plugins', key: 'admin.nav.plugins' },
  { to: '/branding', key: 'admin.nav.branding' },
  { to: '/customers', key: 'admin.nav.customers' },
  { to: '/audit', key: 'admin.nav.audit' },
  { to: '/notifications', key: 'admin.nav.notifications' },
  // The front desk may look at plugins and branding, but the team is the owners' business alone (the API says 403).
  { to: '/team', key: 'admin.nav.team', ownersOnly: true },
];

/**
 * The staff frame. Desktop (≥768 px): a sidebar with the studio, the links, who is logged in and log out.
 * Phones: a top bar whose Menu button opens the same links. One nav element either way.
 */
export function AdminShell() {
  const { t } = useTranslation();
  const branding = useBranding().data;
  const admin = useAdmin();
  const { signOut } = useAdminSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const firstRender = useRef(true);

  useEffect(() => {
    setMenuOpen(false);
    // After navigating, start screen readers and keyboards at the new page's heading.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
    }
  }, [location.pathname]);

  const logOut = () => {
    signOut();
    navigate('/login', { replace: true, state: { reason: 'logout' } });
  };

  return (
    <div className="admin-shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="admin-header">
        <div className="admin-bar">
          <Link to="/" className="brand">
            {branding?.logoUrl && <img className="brand-logo" src={branding.logoUrl} alt="" />}
            <span className="brand-name">
              {branding?.studioName}
              <span className="admin-badge">{t('admin.title')}</span>
            </span>
          </Link>
          <button
            type="button"
            className="button admin-menu-button"
            aria-expanded={menuOpen}
            aria-controls="admin-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('admin.nav.menu')}
          </button>
        </div>
        <div id="admin-nav" className="admin-nav" data-open={menuOpen}>
          <nav aria-label={t('admin.nav.label')}>
            <ul>
              {ITEMS.filter((item) => admin.isOwner || !item.ownersOnly).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className="nav-link">
                    {t(item.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="admin-who">
            <p className="hint">
              {admin.email}
              <br />
              {t(admin.isOwner ? 'admin.role.OWNER' : 'admin.role.FRONT_DESK')}
            </p>
            <button type="button" className="button button-quiet" onClick={logOut}>
              {t('nav.logout')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="content admin-content">
        <Outlet />
      </main>
    </div>
  );
}
