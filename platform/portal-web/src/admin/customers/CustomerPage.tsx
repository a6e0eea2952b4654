import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../layout/ProblemMessage';
import { useStatus } from '../../layout/status';
import { adminApi } from '../api';
import { useWhen } from '../paging';
import type { CustomerDetail, CustomerPackageRow } from '../types';
import { useAdminPageTitle } from '../usePageTitle';
import { AdjustCreditsDialog } from './AdjustCreditsDialog';

export function customerKey(id: string) {
  return ['admin', 'customer', id] as const;
}

/** One customer and their packages; the front desk adjusts credits here, with a reason. */
export function CustomerPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const when = useWhen();
  const { announce } = useStatus();
  const [adjusting, setAdjusting] = useState<CustomerPackageRow | null>(null);
  const customer = useQuery({
    queryKey: customerKey(customerId),
    queryFn: () => adminApi<CustomerDetail>(`/api/admin/customers/${encodeURIComponent(customerId)}`),
  });
  const c = customer.data;
  const name = c ? `${c.firstName} ${c.lastName}` : null;
  useAdminPageTitle(name);

  return (
    <div className="stack-lg">
      <p>
        <Link to="/customers">{t('admin.customers.back')}</Link>
      </p>
      <h1>{name ?? t('admin.customers.customer')}</h1>
      {customer.isPending && <p>{t('common.loading')}</p>}
      <ProblemMessage error={customer.error} />
      {c && (
        <>
          <dl className="facts card">
            <div>
              <dt>{t('admin.customers.memberNumber')}</dt>
              <dd className="mono">{c.memberNumber}</dd>
            </div>
            <div>
              <dt>{t('admin.customers.email')}</dt>
              <dd>{c.email}</dd>
            </div>
            <div>
              <dt>{t('admin.customers.phone')}</dt>
              <dd>{c.phone}</dd>
            </div>
            <div>
              <dt>{t('admin.customers.status')}</dt>
              <dd>{c.status}</dd>
            </div>
          </dl>
          <h2>{t('admin.customers.packages')}</h2>
          {c.packages.length === 0 && <p className="muted">{t('admin.customers.noPackages')}</p>}
          {c.packages.length > 0 && (
            <div className="table-wrap" role="region" aria-label={t('admin.customers.packages')} tabIndex={0}>
              <table className="admin-table">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.customers.package')}</th>
                    <th scope="col">{t('admin.customers.credits')}</th>
                    <th scope="col">{t('admin.customers.expires')}</th>
                    <th scope="col">{t('admin.customers.status')}</th>
                    <td />
                  </tr>
                </thead>
                <tbody>
                  {c.packages.map((p) => (
                    <tr key={p.id}>
                      <td>{p.name}</td>
                      <td>{t('admin.customers.creditsOf', { left: p.creditsRemaining, total: p.creditsTotal })}</td>
                      <td>
                        <time dateTime={p.expiresAt}>{when(p.expiresAt)}</time>
                      </td>
                      <td>{p.status}</td>
                      <td>
                        <button
                          type="button"
                          className="button"
                          aria-label={t('admin.customers.adjustOf', { name: p.name })}
                          onClick={() => setAdjusting(p)}
                        >
                          {t('admin.customers.adjust')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {adjusting && c && (
        <AdjustCreditsDialog
          customerId={c.id}
          pkg={adjusting}
          onClose={() => setAdjusting(null)}
          onAdjusted={() => {
            setAdjusting(null);
            void customer.refetch();
            announce(t('admin.customers.adjusted'));
          }}
        />
      )}
    </div>
  );
}
