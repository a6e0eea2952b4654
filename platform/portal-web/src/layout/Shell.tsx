import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useBranding } from './branding';
import { CalendarIcon, CardIcon, HomeIcon, PersonIcon, TicketIcon } from './icons';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  end?: boolean;
}

/**
 * The signed-in frame. Desktop (≥768 px): a sidebar with the studio, the main links, the member card and log out.
 * Mobile: a bottom bar with the four main links. Only one of the two navs is displayed at a time.
 */
export function Shell() {
  const { t } = useTranslation();
  const branding = useBranding().data;
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const firstRender = useRef(true);

  useEffect(() => {
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

  const items: NavItem[] = [
    { to: '/', label: t('nav.dashboard'), icon: <HomeIcon />, end: true },
    { to: '/bookings', label: t('nav.bookings'), icon: <CalendarIcon /> },
    { to: '/packages', label: t('nav.packages'), icon: <TicketIcon /> },
    { to: '/profile', label: t('nav.profile'), icon: <PersonIcon /> },
  ];

  const logOut = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {branding?.logoUrl && <img className="brand-logo" src={branding.logoUrl} alt="" />}
          <span className="brand-name">{branding?.studioName}</span>
        </Link>
        <NavList label={t('nav.main')} className="nav-side" items={[...items, { to: '/card', label: t('nav.card'), icon: <CardIcon /> }]} />
        <button type="button" className="button button-quiet nav-side-logout" onClick={() => void logOut()}>
          {t('nav.logout')}
        </button>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
      <NavList label={t('nav.main')} className="nav-bottom" items={items} />
    </div>
  );
}

/** One of the two navigations (sidebar, bottom bar); CSS shows one at a time. */
function NavList({ label, className, items }: { label: string; className: string; items: NavItem[] }) {
  return (
    <nav aria-label={label} className={className}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className="nav-link">
              {item.icon}
              <span>{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
