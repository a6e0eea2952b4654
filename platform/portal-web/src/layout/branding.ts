import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Branding } from '../api/types';

export const brandingQuery = {
  queryKey: ['branding'],
  queryFn: () => api<Branding>('/api/client-portal/branding', { auth: false }),
  staleTime: 5 * 60_000,
} as const;

/** The studio's public face: name, logo, languages, login channels. Needs no login. */
export function useBranding() {
  return useQuery(brandingQuery);
}
