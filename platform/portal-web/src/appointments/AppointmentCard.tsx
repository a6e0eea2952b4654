import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../api/types';
import { useFormat } from '../i18n/useFormat';
import { bookAgainPath } from './queries';
import { StatusBadge } from './StatusBadge';

interface AppointmentCardProps {
  appointment: Appointment;
  when: 'upcoming' | 'past';
  onCancel?: (appointment: Appointment) => void;
  onReschedule?: (appointment: Appointment) => void;
}

export function AppointmentCard({ appointment, when, onCancel, onReschedule }: AppointmentCardProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ids = { cancel: useId(), reschedule: useId(), rate: useId() };
  const starts = fmt.dateTime(appointment.startsAt);
  const { cancel, reschedule } = appointment.actions;
  const sameMessage = !cancel.allowed && !reschedule.allowed && cancel.message === reschedule.message;

  return (
    <article className="card appointment" aria-label={`${appointment.service.name}, ${starts}`}>
      <div className="appointment-head">
        <h2 className="card-title">{appointment.service.name}</h2>
        <StatusBadge status={appointment.status} />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('appointment.when')}</dt>
          <dd data-volatile>
            <time dateTime={appointment.startsAt}>{starts}</time>–
            <time dateTime={appointment.endsAt}>{fmt.time(appointment.endsAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('appointment.instructor')}</dt>
          <dd>{appointment.staff.name}</dd>
        </div>
        <div>
          <dt>{t('appointment.location')}</dt>
          <dd>{appointment.location.name}</dd>
        </div>
      </dl>
      {when === 'upcoming' ? (
        <div className="appointment-actions">
          <div className="action">
            <button
              type="button"
              className="button"
              disabled={!cancel.allowed}
              aria-describedby={!cancel.allowed && cancel.message ? ids.cancel : undefined}
              onClick={() => onCancel?.(appointment)}
            >
              {t('appointment.cancel')}
            </button>
            {!cancel.allowed && cancel.message && (
              <p id={ids.cancel} className="action-note">
                {cancel.message}
              </p>
            )}
          </div>
          <div className="action">
            <button
              type="button"
              className="button"
              disabled={!reschedule.allowed}
              aria-describedby={
                !reschedule.allowed && reschedule.message ? (sameMessage ? ids.cancel : ids.reschedule) : undefined
              }
              onClick={() => onReschedule?.(appointment)}
            >
              {t('appointment.reschedule')}
            </button>
            {!reschedule.allowed && reschedule.message && !sameMessage && (
              <p id={ids.reschedule} className="action-note">
                {reschedule.message}
              </p>
            )}
          </div>
        </div>
      ) : (
        <div className="appointment-actions">
          <div className="action">
            <Link
              to={bookAgainPath(appointment)}
              state={{ serviceName: appointment.service.name }}
              className="button button-primary"
            >
              {t('appointment.bookAgain')}
            </Link>
          </div>
          <div className="action">
            <button type="button" className="button" disabled aria-describedby={ids.rate}>
              {t('appointment.rate')}
            </button>
            <p id={ids.rate} className="action-note">
              {t('appointment.comingSoon')}
            </p>
          </div>
        </div>
      )}
    </article>
  );
}
