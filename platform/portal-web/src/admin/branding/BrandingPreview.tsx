import { useTranslation } from 'react-i18next';
import { AppointmentCard } from '../../appointments/AppointmentCard';
import type { Appointment } from '../../api/types';
import { tokenStyle } from './tokens';

interface BrandingPreviewProps {
  tokens: Record<string, string>;
  studioName: string;
  logoUrl?: string | null;
}

function sampleAppointment(serviceName: string, staffName: string, locationName: string, note: string): Appointment {
  const starts = new Date();
  starts.setDate(starts.getDate() + 2);
  starts.setHours(18, 0, 0, 0);
  const ends = new Date(starts.getTime() + 60 * 60_000);
  return {
    id: 'preview',
    service: { id: 'preview', name: serviceName },
    staff: { id: 'preview', name: staffName },
    location: { id: 'preview', name: locationName },
    startsAt: starts.toISOString(),
    endsAt: ends.toISOString(),
    status: 'BOOKED',
    payment: { kind: 'CREDIT' },
    actions: {
      cancel: { allowed: true, creditOutcome: 'REFUNDED' },
      reschedule: { allowed: false, message: note },
    },
  };
}

/**
 * The portal's own pieces (frame, card, buttons, a booking) dressed in the edited tokens, set as CSS custom
 * properties on this container, so the preview follows every keystroke. No iframe: the portal's CSP forbids framing.
 */
export function BrandingPreview({ tokens, studioName, logoUrl }: BrandingPreviewProps) {
  const { t } = useTranslation();
  const sample = sampleAppointment(
    t('admin.branding.sample.service'),
    t('admin.branding.sample.staff'),
    t('admin.branding.sample.location'),
    t('admin.branding.sample.note'),
  );
  return (
    <section
      className="theme-scope brand-preview"
      style={tokenStyle(tokens)}
      aria-label={t('admin.branding.preview')}
      data-testid="branding-preview"
    >
      <div className="preview-frame">
        <div className="preview-header">
          <span className="brand">
            {logoUrl && <img className="brand-logo" src={logoUrl} alt="" />}
            <span className="brand-name">{studioName}</span>
          </span>
          <ul className="preview-nav">
            <li>
              <span className="nav-link" aria-current="page">
                {t('nav.dashboard')}
              </span>
            </li>
            <li>
              <span className="nav-link">{t('nav.bookings')}</span>
            </li>
            <li>
              <span className="nav-link">{t('nav.packages')}</span>
            </li>
          </ul>
        </div>
        <div className="preview-body stack">
          <div className="card stack">
            <h2 className="card-title">{t('admin.branding.sample.creditsTitle')}</h2>
            <p className="big-number">8</p>
            <div className="progress" aria-hidden="true">
              <div className="progress-fill" style={{ inlineSize: '80%' }} />
            </div>
            <p className="notice">{t('admin.branding.sample.notice')}</p>
            <div className="actions">
              <button type="button" className="button button-primary">
                {t('admin.branding.sample.primary')}
              </button>
              <button type="button" className="button">
                {t('admin.branding.sample.secondary')}
              </button>
              <button type="button" className="button button-quiet">
                {t('admin.branding.sample.quiet')}
              </button>
            </div>
          </div>
          <AppointmentCard appointment={sample} when="upcoming" />
        </div>
      </div>
    </section>
  );
}
