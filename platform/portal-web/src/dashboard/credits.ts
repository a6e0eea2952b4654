import type { PackageSummary } from '../api/types';

/** Credits the customer can still use: active, unexpired packages. */
export function creditSummary(packages: readonly PackageSummary[], now: Date = new Date()) {
  const usable = packages.filter((p) => p.status === 'ACTIVE' && Date.parse(p.expiresAt) > now.getTime());
  const remaining = usable.reduce((sum, p) => sum + p.creditsRemaining, 0);
  const expiring = usable
    .filter((p) => p.creditsRemaining > 0)
    .map((p) => p.expiresAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  return { remaining, nearestExpiry: expiring ?? null };
}
