import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Preferences, Profile, Receipt } from '../api/types';

export const profileKey = ['profile'] as const;
export const preferencesKey = ['preferences'] as const;

export function useProfile() {
  return useQuery({ queryKey: profileKey, queryFn: () => api<Profile>('/api/client-portal/profile') });
}

export function usePreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: () => api<Preferences>('/api/client-portal/preferences') });
}

export function useReceipts() {
  return useQuery({
    queryKey: ['receipts'],
    queryFn: async () => (await api<{ items: Receipt[] }>('/api/client-portal/receipts')).items,
  });
}
