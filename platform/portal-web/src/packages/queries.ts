import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CreditPackage, PackageProducts, PackageSummary } from '../api/types';

export function usePackages() {
  return useQuery({
    queryKey: ['packages'],
    queryFn: async () => (await api<{ items: CreditPackage[] }>('/api/client-portal/packages')).items,
  });
}

export function usePackageProducts(enabled: boolean) {
  return useQuery({
    queryKey: ['package-products'],
    enabled,
    queryFn: () => api<PackageProducts>('/api/client-portal/package-products'),
  });
}

/** Packages that can still pay for a booking, the soonest to expire first. */
export function usablePackages<P extends PackageSummary>(packages: readonly P[], now: Date = new Date()): P[] {
  return packages
    .filter((p) => p.status === 'ACTIVE' && p.creditsRemaining > 0 && Date.parse(p.expiresAt) > now.getTime())
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
