import { useTranslation } from 'react-i18next';

const KNOWN = new Set(['BOOKED', 'PENDING_PAYMENT', 'CANCELLED', 'LATE_CANCELLED', 'COMPLETED', 'NO_SHOW']);

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === 'BOOKED' || status === 'COMPLETED' ? 'badge-positive' : 'badge-neutral';
  return <span className={`badge ${tone}`}>{KNOWN.has(status) ? t(`appointment.status.${status}`) : status}</span>;
}
