import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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

export function LoadMore({
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
