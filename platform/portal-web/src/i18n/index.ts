import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ar from './ar.json';
import { setApiLanguage } from '../api/client';
import { applyToDocument, browserLanguages, chooseLanguage, savedLanguage } from './language';

export const resources = { en: { translation: en }, ar: { translation: ar } } as const;

/** Before the studio's branding is known: a saved choice or the browser's language, among those we translate. */
const initial = chooseLanguage({
  saved: savedLanguage(),
  browser: browserLanguages(),
  offered: Object.keys(resources),
  fallback: 'en',
});

void i18n.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export default i18n;

function follow(language: string): void {
  setApiLanguage(language);
  applyToDocument(language);
}

follow(i18n.language);
i18n.on('languageChanged', follow);
