import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreditPackage } from '../api/types';
import { useFormat } from '../i18n/useFormat';
import { useBranding } from '../layout/branding';
import { ProblemMessage } from '../layout/ProblemMessage';
import { usePageTitle } from '../layout/usePageTitle';
import { BuyPackages } from './BuyPackages';
import { usePackages } from './queries';

const LEDGER_REASONS = new Set(['PURCHASE', 'GRANT', 'BOOKING', 'CANCEL_REFUND', 'EXPIRY']);
const STATUSES = new Set(['ACTIVE', 'EXHAUSTED', 'EXPIRED']);

export function PackagesPage() {
  const { t } = useTranslation();
  const packages = usePackages();
  const branding = useBranding().data;
  usePageTitle(t('packages.title'));

  return (
    <div className="page stack-lg">
      <h1>{t('packages.title')}</h1>
      {packages.isPending && <p aria-busy="true">{t('common.loading')}</p>}
      {packages.isError && <ProblemMessage error={packages.error} />}
      {packages.isSuccess &&
        (packages.data.length === 0 ? (
          <p>{t('packages.none')}</p>
        ) : (
          <div className="list">
            {packages.data.map((p) => (
              <PackageCard key={p.id} pack={p} />
            ))}
          </div>
        ))}
      {branding?.paymentsEnabled && <BuyPackages />}
    </div>
  );
}

function PackageCard({ pack }: { pack: CreditPackage }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ids = { heading: useId(), bar: useId() };
  const percent = pack.creditsTotal > 0 ? Math.round((pack.creditsRemaining / pack.creditsTotal) * 100) : 0;
  const expired = Date.parse(pack.expiresAt) <= Date.now();
  return (
    <article className="card stack" aria-labelledby={ids.heading}>
      <div className="appointment-head">
        <h2 id={ids.heading}>{pack.name}</h2>
        <span className={`badge ${pack.status === 'ACTIVE' ? 'badge-positive' : 'badge-neutral'}`}>
          {STATUSES.has(pack.status) ? t(`packages.status.${pack.status}`) : pack.status}
        </span>
      </div>
      <p id={ids.bar}>
        {t('packages.creditsLeft', {
          count: pack.creditsRemaining,
          remaining: fmt.number(pack.creditsRemaining),
          total: fmt.number(pack.creditsTotal),
        })}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby={ids.bar}
        aria-valuemin={0}
        aria-valuemax={pack.creditsTotal}
        aria-valuenow={pack.creditsRemaining}
        aria-valuetext={t('packages.creditsLeft', {
          count: pack.creditsRemaining,
          remaining: fmt.number(pack.creditsRemaining),
          total: fmt.number(pack.creditsTotal),
        })}
      >
        <div className="progress-fill" style={{ inlineSize: `${percent}%` }} />
      </div>
      <p className="muted" data-volatile>
        {t(expired ? 'packages.expired' : 'packages.expires', { date: fmt.date(pack.expiresAt) })}
      </p>
      {pack.ledger.length > 0 && (
        <details className="ledger">
          <summary>{t('packages.history')}</summary>
          <table>
            <caption className="visually-hidden">{t('packages.historyOf', { name: pack.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('packages.date')}</th>
                <th scope="col">{t('packages.change')}</th>
                <th scope="col">{t('packages.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {[...pack.ledger].reverse().map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td data-volatile>{fmt.date(entry.at)}</td>
                  <td className={entry.delta > 0 ? 'delta-plus' : 'delta-minus'}>
                    <span dir="ltr">{fmt.delta(entry.delta)}</span>
                  </td>
                  <td>{LEDGER_REASONS.has(entry.reason) ? t(`packages.ledger.${entry.reason}`) : entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </article>
  );
}
