import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/useFormat';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useReceipts } from './queries';

const STATUSES = new Set(['SUCCEEDED', 'REFUNDED', 'PARTIALLY_REFUNDED']);

export function Receipts() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = useId();
  const receipts = useReceipts();
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('profile.receipts')}</h2>
      {receipts.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {receipts.isError && <ProblemMessage error={receipts.error} />}
      {receipts.isSuccess &&
        (receipts.data.length === 0 ? (
          <p>{t('profile.noReceipts')}</p>
        ) : (
          <ul className="receipts">
            {receipts.data.map((receipt) => (
              <li key={receipt.id} className="receipt">
                <div>
                  <p className="receipt-description">{receipt.description}</p>
                  <p className="muted" data-volatile>
                    {fmt.date(receipt.createdAt)} ·{' '}
                    {STATUSES.has(receipt.status) ? t(`profile.receiptStatus.${receipt.status}`) : receipt.status}
                  </p>
                </div>
                <div className="receipt-end">
                  <p className="price">{fmt.money(receipt.amount)}</p>
                  {receipt.receiptUrl && (
                    <a href={receipt.receiptUrl} target="_blank" rel="noopener noreferrer">
                      {t('profile.viewReceipt')}
                      <span className="visually-hidden">
                        {' '}
                        {t('profile.receiptFor', { description: receipt.description })}
                      </span>
                    </a>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
