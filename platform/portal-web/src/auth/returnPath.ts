// Where to go after login: a path inside the portal, never another site.
const KEY = 'portico.returnTo';

export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return null;
  }
  return value;
}

/** Kept across the trip to the mailbox: the link opens in a new tab. */
export function rememberReturnPath(path: string | null): void {
  try {
    if (path) {
      localStorage.setItem(KEY, path);
    } else {
      localStorage.removeItem(KEY);
    }
  } catch {
    // Storage unavailable: the customer lands on the dashboard.
  }
}

export function takeReturnPath(): string | null {
  try {
    const path = safeReturnPath(localStorage.getItem(KEY));
    localStorage.removeItem(KEY);
    return path;
  } catch {
    return null;
  }
}
