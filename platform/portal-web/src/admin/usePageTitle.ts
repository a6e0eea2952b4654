import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBranding } from '../layout/branding';

/** "Plugins · Studio admin · Serenity Yoga & Pilates" in the tab. */
export function useAdminPageTitle(title: string | null): void {
  const { t } = useTranslation();
  const studio = useBranding().data?.studioName;
  const admin = t('admin.title');
  useEffect(() => {
    document.title = [title, admin, studio].filter(Boolean).join(' · ');
  }, [title, admin, studio]);
}
