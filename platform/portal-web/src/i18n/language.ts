// Which language the UI speaks. Logged in: the customer's own. Before login: a saved choice, else the browser's
// language if the studio offers it, else the studio's default.
const SAVED = 'portico.language';
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

function base(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? tag;
}

export function chooseLanguage(input: {
  saved: string | null;
  browser: readonly string[];
  offered: readonly string[];
  fallback: string;
}): string {
  const offered = input.offered.length > 0 ? input.offered : [input.fallback];
  const match = (tag: string) => offered.find((o) => o.toLowerCase() === tag.toLowerCase())
    ?? offered.find((o) => base(o) === base(tag));
  if (input.saved) {
    const saved = match(input.saved);
    if (saved) {
      return saved;
    }
  }
  for (const tag of input.browser) {
    const found = match(tag);
    if (found) {
      return found;
    }
  }
  return input.fallback;
}

export function savedLanguage(): string | null {
  try {
    return localStorage.getItem(SAVED);
  } catch {
    return null;
  }
}

export function saveLanguage(language: string): void {
  try {
    localStorage.setItem(SAVED, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') {
    return [];
  }
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export function direction(language: string): 'rtl' | 'ltr' {
  return RTL.has(base(language)) ? 'rtl' : 'ltr';
}

export function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = direction(language);
}
