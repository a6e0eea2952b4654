import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../api';
import { usePagedList } from '../paging';
import type { AdminAccount, AdminRole, NewAdminAccount } from '../types';

export const teamKey = ['admin', 'admins'] as const;

/** GET /api/admin/admins: the studio's admin accounts (owners only; one page, it is never long). */
export function useTeam() {
  return usePagedList<AdminAccount>(teamKey, '/api/admin/admins', {});
}

/** POST /api/admin/admins; the list is fetched again so the new account shows where the server sorts it. */
export function useAddAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (account: NewAdminAccount) =>
      adminApi<AdminAccount>('/api/admin/admins', { method: 'POST', body: account }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKey }),
  });
}

export interface AccountChange {
  account: AdminAccount;
  role: AdminRole | string;
  active: boolean;
}

/** PUT /api/admin/admins/{id} with the whole {role, active}. */
export function useChangeAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ account, role, active }: AccountChange) =>
      adminApi<AdminAccount>(`/api/admin/admins/${encodeURIComponent(account.id)}`, {
        method: 'PUT',
        body: { role, active },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamKey }),
  });
}
