import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      out.set(path, value);
    } else {
      flatten(value, path).forEach((v, k) => out.set(k, v));
    }
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Keys without plural suffixes, and for plural keys the forms present. */
function shape(strings: Map<string, string>) {
  const plain = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  for (const key of strings.keys()) {
    const match = PLURAL.exec(key);
    if (match?.[1]) {
      const base = key.slice(0, -match[0].length);
      plurals.set(base, (plurals.get(base) ?? new Set()).add(match[1]));
    } else {
      plain.add(key);
    }
  }
  return { plain, plurals };
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([a-zA-Z]+)/g)].map((m) => m[1] ?? '').filter((p) => p !== 'count').sort();
}

/** The studio admin's pages are in English only; Arabic falls back to English there. */
const STAFF_ONLY = /^admin\./;

const english = flatten(en);
const arabic = flatten(ar);
const customerEnglish = new Map([...english].filter(([key]) => !STAFF_ONLY.test(key)));

describe('translation files', () => {
  it('have the same keys in English and Arabic, apart from the English-only staff pages', () => {
    const a = shape(customerEnglish);
    const b = shape(arabic);
    expect([...b.plain].sort()).toEqual([...a.plain].sort());
    expect([...b.plurals.keys()].sort()).toEqual([...a.plurals.keys()].sort());
  });

  it('have every plural form each language needs', () => {
    for (const [language, strings] of [
      ['en', english],
      ['ar', arabic],
    ] as const) {
      const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const [base, forms] of shape(strings).plurals) {
        expect([...forms].sort(), `${language} ${base}`).toEqual([...needed].sort());
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of customerEnglish) {
      const base = key.replace(PLURAL, '');
      const counterpart = arabic.get(key) ?? arabic.get(`${base}_other`);
      expect(counterpart, key).toBeDefined();
      expect(placeholders(counterpart ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('really translate: no empty strings, and Arabic text is written in Arabic script', () => {
    for (const [key, text] of arabic) {
      expect(text.trim(), key).not.toBe('');
      const withoutPlaceholders = text.replace(/\{\{[^}]+\}\}/g, '');
      if (/[A-Za-z]{3,}/.test(withoutPlaceholders.replace(/QR|SMS|Asia\/Dubai|name@example\.com/g, ''))) {
        throw new Error(`${key} looks untranslated: ${text}`);
      }
    }
  });
});
