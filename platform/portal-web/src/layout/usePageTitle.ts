import { useEffect } from 'react';
import { useBranding } from './branding';

/** "Bookings · Serenity Yoga & Pilates" in the tab. */
export function usePageTitle(title: string | null): void {
  const studio = useBranding().data?.studioName;
  useEffect(() => {
    document.title = [title, studio].filter(Boolean).join(' · ') || 'Portal';
  }, [title, studio]);
}
