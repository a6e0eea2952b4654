import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../api/types';
import { downloadIcs } from '../appointments/calendar';
import { bookAgainPath, useLatestPast, useUpcoming } from '../appointments/queries';
import { useCustomer } from '../auth/session';
import { dayPart } from '../i18n/format';
import { useFormat } from '../i18n/useFormat';
import { ProblemMessage } from '../layout/ProblemMessage';
import { usePageTitle } from '../layout/usePageTitle';
import { creditSummary } from './credits';
import { useMe } from './useMe';

const ACTIVE_BOOKING = new Set(['BOOKED', 'PENDING_PAYMENT']);

export function DashboardPage() {
  const { t } = useTranslation();
  const customer = useCustomer();
  const fmt = useFormat();
  usePageTitle(t('nav.dashboard'));
  const part = dayPart(new Date(), fmt.timeZone);

  return (
    <div className="page stack-lg">
      <h1 data-volatile>{t(`dashboard.greeting.${part}`, { name: customer.firstName })}</h1>
      <div className="dashboard-grid">
        <NextClass />
        <Credits />
        <QuickActions />
      </div>
    </div>
  );
}

function NextClass() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = useId();
  const upcoming = useUpcoming();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const now = Date.now();
  const next: Appointment | undefined = upcoming.data?.items.find(
    (a) => ACTIVE_BOOKING.has(a.status) && Date.parse(a.startsAt) > now,
  );

  const addToCalendar = async (id: string) => {
    setDownloadError(null);
    try {
      await downloadIcs(id);
    } catch (error) {
      setDownloadError(error);
    }
  };

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('dashboard.nextClass')}</h2>
      {upcoming.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {upcoming.isError && <ProblemMessage error={upcoming.error} />}
      {upcoming.isSuccess && !next && (
        <p>
          {t('dashboard.noNextClass')} <Link to="/bookings?tab=past">{t('dashboard.findClass')}</Link>
        </p>
      )}
      {next && (
        <>
          <div>
            <p className="next-service">{next.service.name}</p>
            <p data-volatile>
              <time dateTime={next.startsAt}>{fmt.dateTime(next.startsAt)}</time>
            </p>
            <p className="muted">
              {t('appointment.with', { name: next.staff.name })} · {next.location.name}
            </p>
          </div>
          <ProblemMessage error={downloadError} />
          <div className="actions">
            <button type="button" className="button" onClick={() => void addToCalendar(next.id)}>
              {t('dashboard.addToCalendar')}
            </button>
            <Link to="/bookings" className="button button-quiet">
              {t('dashboard.allBookings')}
            </Link>
          </div>
        </>
      )}
    </section>
  );
}

function Credits() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = useId();
  const me = useMe();
  const summary = me.data ? creditSummary(me.data.packages) : null;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('dashboard.credits')}</h2>
      {me.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {me.isError && <ProblemMessage error={me.error} />}
      {summary && (
        <>
          <p className="big-number">
            {t('dashboard.creditsLeft', { count: summary.remaining })}
          </p>
          {summary.nearestExpiry ? (
            <p className="muted" data-volatile>
              {t('dashboard.nearestExpiry', { date: fmt.date(summary.nearestExpiry) })}
            </p>
          ) : (
            <p className="muted">{t('dashboard.noActivePackages')}</p>
          )}
          <p>
            <Link to="/packages">{t('dashboard.viewPackages')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function QuickActions() {
  const { t } = useTranslation();
  const headingId = useId();
  const latest = useLatestPast();
  const again = latest.data ? bookAgainPath(latest.data) : '/bookings';
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('dashboard.quickActions')}</h2>
      <div className="actions">
        <Link to={again} state={latest.data ? { serviceName: latest.data.service.name } : undefined} className="button button-primary">
          {t('dashboard.bookAgain')}
        </Link>
        <Link to="/card" className="button">
          {t('dashboard.viewCard')}
        </Link>
      </div>
    </section>
  );
}
