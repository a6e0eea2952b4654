import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../layout/ProblemMessage';
import { LoadMore, usePagedList } from '../paging';
import type { CustomerRow } from '../types';
import { useAdminPageTitle } from '../usePageTitle';

/** Finds customers by name, email, phone or member number. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  useAdminPageTitle(t('admin.customers.title'));
  const list = usePagedList<CustomerRow>(['admin', 'customers'], '/api/admin/customers', { query: search.trim(), limit: 25 });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

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
      <ProblemMessage error={list.error} />
      {list.isPending && <p>{t('common.loading')}</p>}
      {list.isSuccess && rows.length === 0 && <p className="muted">{t('admin.customers.none')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap" role="region" aria-label={t('admin.customers.title')} tabIndex={0}>
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.customers.name')}</th>
                <th scope="col">{t('admin.customers.memberNumber')}</th>
                <th scope="col">{t('admin.customers.email')}</th>
                <th scope="col">{t('admin.customers.phone')}</th>
                <th scope="col">{t('admin.customers.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
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
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={() => list.fetchNextPage()}
      />
    </div>
  );
}
