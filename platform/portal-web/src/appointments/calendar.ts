import { apiDownload } from '../api/client';

/** "Add to calendar": fetches the booking's .ics with the bearer token and hands it to the browser as a download. */
export async function downloadIcs(appointmentId: string): Promise<void> {
  const { blob, filename } = await apiDownload(
    `/api/client-portal/appointments/${encodeURIComponent(appointmentId)}/ics`,
  );
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? `booking-${appointmentId}.ics`;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
