import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Appointment, Slot } from '../api/types';
import { useFormat } from '../i18n/useFormat';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useStatus } from '../layout/status';
import { usePageTitle } from '../layout/usePageTitle';
import { usablePackages, usePackages } from '../packages/queries';
import { useAvailability, useOwnBookedTimes, useRefreshAfterBookingChange } from './queries';
import { SlotPicker } from './SlotPicker';

type PayWith = 'credits' | 'pay_per_visit';

function serviceNameFrom(state: unknown): string | null {
  if (typeof state === 'object' && state !== null && 'serviceName' in state && typeof state.serviceName === 'string') {
    return state.serviceName;
  }
  return null;
}

/** /book?serviceId=&staffId=: pick a time, pay with credits or per visit. */
export function BookPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const serviceId = params.get('serviceId');
  const staffId = params.get('staffId');
  const serviceName = serviceNameFrom(location.state);
  const title = serviceName ? t('book.titleService', { service: serviceName }) : t('book.title');
  usePageTitle(title);

  return (
    <div className="page stack-lg">
      <h1>{title}</h1>
      {serviceId ? (
        <BookingForm serviceId={serviceId} staffId={staffId} />
      ) : (
        <p>
          {t('book.chooseService')} <Link to="/bookings?tab=past">{t('book.pastBookings')}</Link>
        </p>
      )}
    </div>
  );
}

function BookingForm({ serviceId, staffId }: { serviceId: string; staffId: string | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { announce } = useStatus();
  const refresh = useRefreshAfterBookingChange();
  const ids = { time: useId(), pay: useId(), package: useId() };
  const availability = useAvailability(serviceId, staffId);
  const taken = useOwnBookedTimes(serviceId);
  const packages = usePackages();
  const usable = usablePackages(packages.data ?? []);
  const [selected, setSelected] = useState<Slot | null>(null);
  const [payChoice, setPayChoice] = useState<PayWith | null>(null);
  const [packageId, setPackageId] = useState('');
  const payWith: PayWith = payChoice ?? (packages.isSuccess && usable.length === 0 ? 'pay_per_visit' : 'credits');

  const book = useMutation({
    mutationFn: (slot: Slot) =>
      api<Appointment>('/api/client-portal/appointments', {
        method: 'POST',
        body: {
          serviceId,
          startsAt: slot.startsAt,
          staffId: slot.staff.id,
          payWith,
          ...(payWith === 'credits' && packageId ? { packageId } : {}),
        },
      }),
    onSuccess: async (appointment) => {
      if (appointment.checkout?.redirectUrl) {
        window.location.assign(appointment.checkout.redirectUrl);
        return;
      }
      await refresh();
      announce(t('book.booked'));
      navigate('/bookings');
    },
  });

  return (
    <form
      className="stack-lg"
      onSubmit={(event) => {
        event.preventDefault();
        if (selected) {
          book.mutate(selected);
        }
      }}
    >
      <section className="card stack" aria-labelledby={ids.time}>
        <h2 id={ids.time}>{t('book.chooseTime')}</h2>
        {availability.isPending && <p aria-busy="true">{t('slots.loading')}</p>}
        {availability.isError && <ProblemMessage error={availability.error} />}
        {availability.isSuccess && (
          <SlotPicker
            slots={availability.data.items.filter((slot) => !taken.has(Date.parse(slot.startsAt)))}
            selected={selected}
            onSelect={setSelected}
            language={fmt.language}
            timeZone={fmt.timeZone}
          />
        )}
      </section>

      <section className="card stack" aria-labelledby={ids.pay}>
        <h2 id={ids.pay}>{t('book.payment')}</h2>
        <fieldset className="choice-group">
          <legend>{t('book.payWith')}</legend>
          <label className="choice">
            <input
              type="radio"
              name="payWith"
              value="credits"
              checked={payWith === 'credits'}
              onChange={() => setPayChoice('credits')}
            />
            <span>
              {t('book.credits')}
              {packages.isSuccess && (
                <span className="muted"> — {t('book.creditsAvailable', { count: usable.reduce((n, p) => n + p.creditsRemaining, 0) })}</span>
              )}
            </span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name="payWith"
              value="pay_per_visit"
              checked={payWith === 'pay_per_visit'}
              onChange={() => setPayChoice('pay_per_visit')}
            />
            <span>{t('book.payPerVisit')}</span>
          </label>
        </fieldset>
        {payWith === 'credits' && usable.length > 1 && (
          <div className="field">
            <label htmlFor={ids.package}>{t('book.package')}</label>
            <select id={ids.package} value={packageId} onChange={(event) => setPackageId(event.target.value)}>
              <option value="">{t('book.anyPackage')}</option>
              {usable.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('book.packageOption', {
                    name: p.name,
                    count: p.creditsRemaining,
                    date: fmt.date(p.expiresAt),
                  })}
                </option>
              ))}
            </select>
          </div>
        )}
      </section>

      {selected && (
        <p data-volatile>
          {t('book.summary', { when: fmt.dateTime(selected.startsAt), name: selected.staff.name })}
        </p>
      )}
      <ProblemMessage error={book.error} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={!selected || book.isPending}>
          {t('book.confirm')}
        </button>
        <Link to="/bookings" className="button button-quiet">
          {t('common.back')}
        </Link>
      </div>
    </form>
  );
}
