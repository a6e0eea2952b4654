import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Appointment, Slot } from '../api/types';
import { useFormat } from '../i18n/useFormat';
import { Dialog } from '../layout/Dialog';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useAvailability, useOwnBookedTimes } from './queries';
import { SlotPicker } from './SlotPicker';

interface RescheduleDialogProps {
  appointment: Appointment;
  onClose: () => void;
  onMoved: (moved: Appointment) => void;
}

/** Another time of the same service with the same instructor, from now to two weeks ahead. */
export function RescheduleDialog({ appointment, onClose, onMoved }: RescheduleDialogProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [selected, setSelected] = useState<Slot | null>(null);
  const availability = useAvailability(appointment.service.id, appointment.staff.id);
  // This booking's own time and the customer's other bookings of the same class are no place to move to.
  const taken = useOwnBookedTimes(appointment.service.id);
  taken.add(Date.parse(appointment.startsAt));
  const slots = (availability.data?.items ?? []).filter((slot) => !taken.has(Date.parse(slot.startsAt)));
  const move = useMutation({
    mutationFn: (slot: Slot) =>
      api<Appointment>(`/api/client-portal/appointments/${encodeURIComponent(appointment.id)}/reschedule`, {
        method: 'POST',
        body: { startsAt: slot.startsAt, staffId: slot.staff.id },
      }),
    onSuccess: (moved) => onMoved(moved),
  });

  return (
    <Dialog title={t('reschedule.title', { service: appointment.service.name })} onClose={onClose} className="dialog-wide">
      <p data-volatile>
        {t('reschedule.current')}{' '}
        <time dateTime={appointment.startsAt}>{fmt.dateTime(appointment.startsAt)}</time> ·{' '}
        {t('appointment.with', { name: appointment.staff.name })}
      </p>
      {availability.isPending && <p aria-busy="true">{t('slots.loading')}</p>}
      {availability.isError && <ProblemMessage error={availability.error} />}
      {availability.isSuccess && (
        <SlotPicker
          slots={slots}
          selected={selected}
          onSelect={setSelected}
          language={fmt.language}
          timeZone={fmt.timeZone}
        />
      )}
      <ProblemMessage error={move.error} />
      <div className="actions dialog-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={selected === null || move.isPending}
          onClick={() => selected && move.mutate(selected)}
        >
          {t('reschedule.confirm')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
