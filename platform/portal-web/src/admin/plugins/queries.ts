import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../api';
import type { Items, PluginView } from '../types';

export const pluginsKey = ['admin', 'plugins'] as const;

export function usePlugins() {
  return useQuery({ queryKey: pluginsKey, queryFn: () => adminApi<Items<PluginView>>('/api/admin/plugins') });
}

export interface PluginUpdate {
  id: string;
  enabled: boolean;
  settings: Record<string, string>;
}

/** PUT /api/admin/plugins/{id}; the answer replaces the plugin in the list. */
export function useUpdatePlugin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled, settings }: PluginUpdate) =>
      adminApi<PluginView>(`/api/admin/plugins/${encodeURIComponent(id)}`, { method: 'PUT', body: { enabled, settings } }),
    onSuccess: (saved) => {
      queryClient.setQueryData<Items<PluginView>>(pluginsKey, (list) =>
        list ? { ...list, items: list.items.map((p) => (p.id === saved.id ? saved : p)) } : list,
      );
    },
  });
}
