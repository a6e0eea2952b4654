import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment, CancelResult } from '../api/types';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useStatus } from '../layout/status';
import { usePageTitle } from '../layout/usePageTitle';
import { AppointmentCard } from './AppointmentCard';
import { CancelDialog } from './CancelDialog';
import { usePast, useRefreshAfterBookingChange, useUpcoming } from './queries';
import { RescheduleDialog } from './RescheduleDialog';
import { Tabs } from './Tabs';

type TabKey = 'upcoming' | 'past';
type Open = { kind: 'cancel' | 'reschedule'; appointment: Appointment } | null;

export function BookingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'past' ? 'past' : 'upcoming';
  usePageTitle(t('bookings.title'));

  const select = (next: TabKey) => {
    setParams(next === 'past' ? { tab: 'past' } : {}, { replace: true });
  };

  return (
    <div className="page stack-lg">
      <h1>{t('bookings.title')}</h1>
      <Tabs
        label={t('bookings.title')}
        tabs={[
          { key: 'upcoming', label: t('bookings.upcoming') },
          { key: 'past', label: t('bookings.past') },
        ]}
        selected={tab}
        onSelect={select}
      >
        {tab === 'upcoming' ? <UpcomingList /> : <PastList />}
      </Tabs>
    </div>
  );
}

function UpcomingList() {
  const { t } = useTranslation();
  const { announce } = useStatus();
  const upcoming = useUpcoming();
  const refresh = useRefreshAfterBookingChange();
  const [open, setOpen] = useState<Open>(null);
  const [feeLink, setFeeLink] = useState<string | null>(null);

  const cancelled = (result: CancelResult) => {
    setOpen(null);
    setFeeLink(result.feeCheckout?.redirectUrl ?? null);
    announce(t('bookings.cancelled'));
    void refresh();
  };
  const moved = () => {
    setOpen(null);
    announce(t('bookings.moved'));
    void refresh();
  };

  if (!upcoming.data) {
    return upcoming.isError ? <ProblemMessage error={upcoming.error} /> : <p aria-busy="true">{t('common.loading')}</p>;
  }
  return (
    <>
      {upcoming.isError && <ProblemMessage error={upcoming.error} />}
      {feeLink && (
        <p className="notice">
          <a href={feeLink}>{t('bookings.payFee')}</a>
        </p>
      )}
      {upcoming.data.items.length === 0 ? (
        <p>{t('bookings.noUpcoming')}</p>
      ) : (
        <div className="list">
          {upcoming.data.items.map((appointment) => (
            <AppointmentCard
              key={appointment.id}
              appointment={appointment}
              when="upcoming"
              onCancel={(a) => setOpen({ kind: 'cancel', appointment: a })}
              onReschedule={(a) => setOpen({ kind: 'reschedule', appointment: a })}
            />
          ))}
        </div>
      )}
      {open?.kind === 'cancel' && (
        <CancelDialog appointment={open.appointment} onClose={() => setOpen(null)} onCancelled={cancelled} />
      )}
      {open?.kind === 'reschedule' && (
        <RescheduleDialog appointment={open.appointment} onClose={() => setOpen(null)} onMoved={moved} />
      )}
    </>
  );
}

function PastList() {
  const { t } = useTranslation();
  const past = usePast();
  if (!past.data) {
    return past.isError ? <ProblemMessage error={past.error} /> : <p aria-busy="true">{t('common.loading')}</p>;
  }
  const items = past.data.pages.flatMap((page) => page.items);
  return (
    <>
      {items.length === 0 ? (
        <p>{t('bookings.noPast')}</p>
      ) : (
        <div className="list">
          {items.map((appointment) => (
            <AppointmentCard key={appointment.id} appointment={appointment} when="past" />
          ))}
        </div>
      )}
      {past.hasNextPage && (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={past.isFetchingNextPage}
            onClick={() => void past.fetchNextPage()}
          >
            {past.isFetchingNextPage ? t('common.loading') : t('bookings.showMore')}
          </button>
        </div>
      )}
      {past.isError && <ProblemMessage error={past.error} />}
    </>
  );
}
