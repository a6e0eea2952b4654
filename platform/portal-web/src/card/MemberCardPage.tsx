import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { useCustomer } from '../auth/session';
import { useBranding } from '../layout/branding';
import { usePageTitle } from '../layout/usePageTitle';

/** What the front desk scans: the member number (the customer id for customers without one). */
export function memberCode(customer: { id: string; memberNumber?: string | null }): string {
  return customer.memberNumber || customer.id;
}

export function MemberCardPage() {
  const { t } = useTranslation();
  const customer = useCustomer();
  const branding = useBranding().data;
  const code = memberCode(customer);
  const [qr, setQr] = useState<string | null>(null);
  usePageTitle(t('card.title'));

  useEffect(() => {
    let active = true;
    // Dark on white whatever the theme: scanners need the contrast.
    QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, width: 480, color: { dark: '#000000', light: '#ffffff' } })
      .then((url) => {
        if (active) {
          setQr(url);
        }
      })
      .catch(() => setQr(null));
    return () => {
      active = false;
    };
  }, [code]);

  return (
    <div className="page stack-lg">
      <h1>{t('card.title')}</h1>
      <div className="member-card">
        <div className="member-card-studio">
          {branding?.logoUrl && <img src={branding.logoUrl} alt="" className="member-card-logo" />}
          <span>{branding?.studioName}</span>
        </div>
        <p className="member-card-name">
          {customer.firstName} {customer.lastName}
        </p>
        <dl className="member-card-number">
          <dt>{t('card.memberNumber')}</dt>
          <dd dir="ltr">{code}</dd>
        </dl>
        <div className="member-card-qr">
          {qr ? <img src={qr} alt={t('card.qrAlt')} width={240} height={240} /> : <div className="qr-placeholder" />}
        </div>
        <p className="muted">{t('card.hint')}</p>
      </div>
    </div>
  );
}
