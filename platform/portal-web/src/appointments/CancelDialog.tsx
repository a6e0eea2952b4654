import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Appointment, CancelResult } from '../api/types';
import { useFormat } from '../i18n/useFormat';
import { Dialog } from '../layout/Dialog';
import { ProblemMessage } from '../layout/ProblemMessage';
import { cancelConsequence } from './consequence';

interface CancelDialogProps {
  appointment: Appointment;
  onClose: () => void;
  onCancelled: (result: CancelResult) => void;
}

/** Asks before cancelling, saying what it will cost; a refusal from the server (409) is shown in place. */
export function CancelDialog({ appointment, onClose, onCancelled }: CancelDialogProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const cancel = useMutation({
    mutationFn: () =>
      api<CancelResult>(`/api/client-portal/appointments/${encodeURIComponent(appointment.id)}/cancel`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: (result) => onCancelled(result),
  });
  const sentences = cancelConsequence(appointment, fmt.money);
  const message = appointment.actions.cancel.message;

  return (
    <Dialog title={t('cancel.title', { service: appointment.service.name })} onClose={onClose}>
      <p data-volatile>
        <time dateTime={appointment.startsAt}>{fmt.dateTime(appointment.startsAt)}</time> ·{' '}
        {t('appointment.with', { name: appointment.staff.name })}
      </p>
      <div className="consequence">
        {sentences.map((s) => (
          <p key={s.key}>{t(s.key, s.values)}</p>
        ))}
      </div>
      {message && <p className="muted">{message}</p>}
      <ProblemMessage error={cancel.error} />
      <div className="actions dialog-actions">
        <button
          type="button"
          className="button button-danger"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate()}
        >
          {t('cancel.confirm')}
        </button>
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('cancel.keep')}
        </button>
      </div>
    </Dialog>
  );
}
