import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api/client';
import type { Appointment, Page, Slot } from '../api/types';

const BASE = '/api/client-portal/appointments';
export const PAST_PAGE_SIZE = 20;
/** How far ahead the slot pickers look. */
export const BOOKING_HORIZON_DAYS = 14;

export const appointmentKeys = {
  all: ['appointments'] as const,
  upcoming: ['appointments', 'upcoming'] as const,
  past: ['appointments', 'past'] as const,
  latestPast: ['appointments', 'latest-past'] as const,
};

export function useUpcoming() {
  return useQuery({
    queryKey: appointmentKeys.upcoming,
    queryFn: () => api<Page<Appointment>>(`${BASE}?status=upcoming`),
  });
}

export function usePast() {
  return useInfiniteQuery({
    queryKey: appointmentKeys.past,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ status: 'past', limit: String(PAST_PAGE_SIZE) });
      if (pageParam) {
        params.set('cursor', pageParam);
      }
      return api<Page<Appointment>>(`${BASE}?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

/** The most recent past booking, for "Book again". */
export function useLatestPast() {
  return useQuery({
    queryKey: appointmentKeys.latestPast,
    queryFn: async () => (await api<Page<Appointment>>(`${BASE}?status=past&limit=1`)).items[0] ?? null,
  });
}

/** Free times of a service (with one instructor, when given) from now to the booking horizon. */
export function useAvailability(serviceId: string | null, staffId: string | null) {
  return useQuery({
    queryKey: ['availability', serviceId, staffId],
    enabled: serviceId !== null,
    queryFn: () => {
      const from = new Date();
      const to = new Date(from.getTime() + BOOKING_HORIZON_DAYS * 24 * 60 * 60 * 1000);
      const params = new URLSearchParams({ serviceId: serviceId ?? '', from: from.toISOString(), to: to.toISOString() });
      if (staffId) {
        params.set('staffId', staffId);
      }
      return api<Page<Slot>>(`/api/client-portal/availability?${params}`);
    },
  });
}

/** After a booking changes: lists, credits and free times are all stale. */
export function useRefreshAfterBookingChange() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['availability'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
        queryClient.invalidateQueries({ queryKey: ['packages'] }),
      ]),
    [queryClient],
  );
}

export function bookAgainPath(appointment: Pick<Appointment, 'service' | 'staff'>): string {
  const params = new URLSearchParams({ serviceId: appointment.service.id, staffId: appointment.staff.id });
  return `/book?${params}`;
}

const HOLDS_A_PLACE = new Set(['BOOKED', 'PENDING_PAYMENT']);

/**
 * Start times (epoch ms) of the customer's own active bookings of a service. Availability does not know who asks,
 * so it still lists classes the customer is already in; the pickers leave those out.
 */
export function useOwnBookedTimes(serviceId: string | null): Set<number> {
  const upcoming = useUpcoming();
  return new Set(
    (upcoming.data?.items ?? [])
      .filter((a) => a.service.id === serviceId && HOLDS_A_PLACE.has(a.status))
      .map((a) => Date.parse(a.startsAt)),
  );
}
