import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { PagedTable, toInstant, usePagedList, useWhen } from '../paging';
import type { AuditEntry } from '../types';
import { useAdminPageTitle } from '../usePageTitle';

interface Filters {
  action: string;
  customerId: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', customerId: '', from: '', to: '' };

/** Who did what, newest first, filtered by action (exact or a prefix ending in *), customer and time. */
export function AuditPage() {
  const { t } = useTranslation();
  const when = useWhen();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  useAdminPageTitle(t('admin.audit.title'));
  const list = usePagedList<AuditEntry>(['admin', 'audit'], '/api/admin/audit', {
    action: applied.action.trim(),
    customerId: applied.customerId.trim(),
    from: toInstant(applied.from),
    to: toInstant(applied.to),
    limit: 50,
  });
  const fieldError = (field: string) =>
    list.error instanceof ApiProblem ? list.error.fieldMessage(field) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };

  const input = (name: keyof Filters, type: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{t(`admin.audit.${name}`)}</label>
      <input
        id={`audit-${name}`}
        type={type}
        value={draft[name]}
        aria-invalid={fieldError(name) ? true : undefined}
        aria-describedby={[hint ? `audit-${name}-hint` : '', fieldError(name) ? `audit-${name}-error` : ''].join(' ').trim() || undefined}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
      {hint && (
        <p id={`audit-${name}-hint`} className="hint">
          {hint}
        </p>
      )}
      {fieldError(name) && (
        <p id={`audit-${name}-error`} className="field-error">
          {fieldError(name)}
        </p>
      )}
    </div>
  );

  return (
    <div className="stack-lg">
      <h1>{t('admin.audit.title')}</h1>
      <form className="filters" onSubmit={submit} aria-label={t('admin.list.filters')}>
        {input('action', 'text', t('admin.audit.actionHint'))}
        {input('customerId', 'text')}
        {input('from', 'datetime-local')}
        {input('to', 'datetime-local')}
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
        label={t('admin.audit.title')}
        empty={t('admin.list.empty')}
        headers={[
          t('admin.audit.at'),
          t('admin.audit.actor'),
          t('admin.audit.action'),
          t('admin.audit.customer'),
          t('admin.audit.target'),
          t('admin.audit.details'),
        ]}
        row={(entry) => (
          <tr key={entry.id}>
            <td>
              <time dateTime={entry.at}>{when(entry.at)}</time>
            </td>
            <td>
              {entry.actor.type}
              {entry.actor.id && <span className="hint mono"> {entry.actor.id}</span>}
            </td>
            <td className="mono">{entry.action}</td>
            <td>
              {entry.customerId && (
                <Link className="mono" to={`/customers/${encodeURIComponent(entry.customerId)}`}>
                  {entry.customerId.slice(0, 8)}
                </Link>
              )}
            </td>
            <td className="mono">{[entry.target?.type, entry.target?.id].filter(Boolean).join(' ')}</td>
            <td>
              <code className="details">{JSON.stringify(entry.details)}</code>
            </td>
          </tr>
        )}
      />
    </div>
  );
}
