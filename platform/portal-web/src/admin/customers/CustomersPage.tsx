import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PagedTable, usePagedList } from '../paging';
import type { CustomerRow } from '../types';
import { useAdminPageTitle } from '../usePageTitle';

/** Finds customers by name, email, phone or member number. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  useAdminPageTitle(t('admin.customers.title'));
  const list = usePagedList<CustomerRow>(['admin', 'customers'], '/api/admin/customers', { query: search.trim(), limit: 25 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft);
  };

  return (
    <div className="stack-lg">
      <h1>{t('admin.customers.title')}</h1>
      <form className="inline-form" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="customer-search">{t('admin.customers.search')}</label>
          <input id="customer-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <button type="submit" className="button button-primary">
          {t('admin.customers.find')}
        </button>
      </form>
      <PagedTable
        list={list}
        label={t('admin.customers.title')}
        empty={t('admin.customers.none')}
        headers={[
          t('admin.customers.name'),
          t('admin.customers.memberNumber'),
          t('admin.customers.email'),
          t('admin.customers.phone'),
          t('admin.customers.status'),
        ]}
        row={(c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/customers/${encodeURIComponent(c.id)}`}>
                {c.firstName} {c.lastName}
              </Link>
            </td>
            <td className="mono">{c.memberNumber}</td>
            <td>{c.email}</td>
            <td>{c.phone}</td>
            <td>{c.status}</td>
          </tr>
        )}
      />
    </div>
  );
}
