import { describe, expect, it } from 'vitest';
import { chooseLanguage, direction } from './language';

describe('chooseLanguage', () => {
  const offered = ['en', 'ar'];

  it('prefers a saved choice the studio offers', () => {
    expect(chooseLanguage({ saved: 'ar', browser: ['en-US'], offered, fallback: 'en' })).toBe('ar');
  });

  it("uses the browser's language next, matching by base language", () => {
    expect(chooseLanguage({ saved: null, browser: ['fr-FR', 'ar-AE'], offered, fallback: 'en' })).toBe('ar');
  });

  it("falls back to the studio's default", () => {
    expect(chooseLanguage({ saved: 'de', browser: ['fr'], offered, fallback: 'en' })).toBe('en');
  });

  it('writes Arabic right to left', () => {
    expect(direction('ar')).toBe('rtl');
    expect(direction('ar-AE')).toBe('rtl');
    expect(direction('en')).toBe('ltr');
  });
});
