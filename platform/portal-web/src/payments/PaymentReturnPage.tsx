import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../layout/usePageTitle';

/** /portal/payments/{id}?result=success|cancelled: where the payment provider sends the customer back. */
export function PaymentReturnPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const success = params.get('result') === 'success';
  const title = success ? t('payment.successTitle') : t('payment.cancelledTitle');
  usePageTitle(title);

  useEffect(() => {
    // The provider's confirmation reaches the studio by webhook; what we showed before may be stale.
    void queryClient.invalidateQueries();
  }, [queryClient]);

  return (
    <div className="page stack-lg">
      <h1>{title}</h1>
      <p>{success ? t('payment.successBody') : t('payment.cancelledBody')}</p>
      <div className="actions">
        <Link to="/bookings" className="button button-primary">
          {t('nav.bookings')}
        </Link>
        <Link to="/packages" className="button">
          {t('nav.packages')}
        </Link>
      </div>
    </div>
  );
}
