import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../layout/ProblemMessage';
import { useBranding } from '../layout/branding';
import { adminApi, query } from './api';
import type { Items } from './types';

/** A keyset-paged list: the first page, then "Load more" follows nextCursor. */
export function usePagedList<T>(key: readonly unknown[], path: string, params: Record<string, string | number | null | undefined>) {
  return useInfiniteQuery({
    queryKey: [...key, params],
    queryFn: ({ pageParam, signal }) =>
      adminApi<Items<T>>(`${path}${query({ ...params, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}) {
  const { t } = useTranslation();
  if (!hasNextPage) {
    return null;
  }
  return (
    <button type="button" className="button" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
      {isFetchingNextPage ? t('common.loading') : t('admin.list.loadMore')}
    </button>
  );
}

/**
 * A paged list's answer as a table: its problem, loading and empty states, the rows so far, and "Load more".
 * `row` renders one item as a `<tr>` with its key.
 */
export function PagedTable<T>({
  list,
  label,
  empty,
  headers,
  row,
}: {
  list: UseInfiniteQueryResult<InfiniteData<Items<T>>>;
  label: string;
  empty: string;
  headers: string[];
  row: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <ProblemMessage error={list.error} />
      {list.isPending && <p>{t('common.loading')}</p>}
      {list.isSuccess && rows.length === 0 && <p className="muted">{empty}</p>}
      {rows.length > 0 && (
        <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
          <table className="admin-table">
            <thead>
              <tr>
                {headers.map((header) => (
                  <th scope="col" key={header}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{rows.map(row)}</tbody>
          </table>
        </div>
      )}
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={() => list.fetchNextPage()}
      />
    </>
  );
}

/** "2026-11-25T10:00" from a datetime-local input → an instant with offset the API accepts. */
export function toInstant(local: string): string | null {
  if (!local) {
    return null;
  }
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Timestamps in the studio's time zone, as the API answers them. */
export function useWhen(): (iso: string) => string {
  const timeZone = useBranding().data?.timezone;
  return (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? iso
      : new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(date);
  };
}
