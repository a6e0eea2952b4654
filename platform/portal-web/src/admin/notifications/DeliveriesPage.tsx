import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { PagedTable, usePagedList, useWhen } from '../paging';
import type { Delivery } from '../types';
import { useAdminPageTitle } from '../usePageTitle';

const STATUSES = ['PENDING', 'RETRYING', 'SENT', 'DEAD'] as const;

interface Filters {
  status: string;
  customerId: string;
}

const EMPTY: Filters = { status: '', customerId: '' };

/** Outgoing messages, newest first: did the reminder go out, and if not, why. Recipients come masked. */
export function DeliveriesPage() {
  const { t } = useTranslation();
  const when = useWhen();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  useAdminPageTitle(t('admin.notifications.title'));
  const list = usePagedList<Delivery>(['admin', 'notifications'], '/api/admin/notifications', {
    status: applied.status,
    customerId: applied.customerId.trim(),
    limit: 50,
  });
  const customerError = list.error instanceof ApiProblem ? list.error.fieldMessage('customerId') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };

  return (
    <div className="stack-lg">
      <h1>{t('admin.notifications.title')}</h1>
      <form className="filters" onSubmit={submit} aria-label={t('admin.list.filters')}>
        <div className="field">
          <label htmlFor="deliveries-status">{t('admin.notifications.status')}</label>
          <select id="deliveries-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('admin.notifications.anyStatus')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`admin.notifications.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="deliveries-customer">{t('admin.audit.customerId')}</label>
          <input
            id="deliveries-customer"
            type="text"
            value={draft.customerId}
            aria-invalid={customerError ? true : undefined}
            aria-describedby={customerError ? 'deliveries-customer-error' : undefined}
            onChange={(e) => setDraft({ ...draft, customerId: e.target.value })}
          />
          {customerError && (
            <p id="deliveries-customer-error" className="field-error">
              {customerError}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t('admin.list.apply')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
            }}
          >
            {t('admin.list.clear')}
          </button>
        </div>
      </form>
      <PagedTable
        list={list}
        label={t('admin.notifications.title')}
        empty={t('admin.list.empty')}
        headers={[
          t('admin.notifications.createdAt'),
          t('admin.notifications.event'),
          t('admin.notifications.channel'),
          t('admin.notifications.recipient'),
          t('admin.notifications.subject'),
          t('admin.notifications.status'),
          t('admin.notifications.attempts'),
          t('admin.notifications.plugin'),
          t('admin.notifications.lastError'),
          t('admin.notifications.sentAt'),
        ]}
        row={(m) => (
          <tr key={m.id}>
            <td>
              <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
            </td>
            <td className="mono">{m.event}</td>
            <td>{m.channel}</td>
            <td className="mono">{m.recipient}</td>
            <td>{m.subject}</td>
            <td>
              <span className={`badge ${m.status === 'SENT' ? 'badge-positive' : 'badge-neutral'}`}>
                {t(`admin.notifications.statuses.${m.status}`, { defaultValue: m.status })}
              </span>
            </td>
            <td>{m.attempts}</td>
            <td className="mono">{m.pluginId}</td>
            <td>{m.lastError}</td>
            <td>{m.sentAt && <time dateTime={m.sentAt}>{when(m.sentAt)}</time>}</td>
          </tr>
        )}
      />
    </div>
  );
}
