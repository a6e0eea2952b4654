import { vi } from 'vitest';

export interface StubRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
}

type Handler = (request: StubRequest) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: code, status, detail, code, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/**
 * Replaces fetch with a table of "METHOD /path" handlers and records every call. The server is not under test
 * here; the Java Playwright tests run against the real one.
 */
export function stubApi(routes: Record<string, Handler>) {
  const calls: StubRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://serenity.localhost/');
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const request = { url, method, headers, body };
    calls.push(request);
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) {
      return problem(404, 'NOT_FOUND', `no stub for ${method} ${url.pathname}`);
    }
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  const callsTo = (method: string, path: string) => calls.filter((c) => c.method === method && c.url.pathname === path);
  return { calls, callsTo, fetchMock };
}

export const customer = {
  id: '5e000010-0000-4000-8000-000000000001',
  firstName: 'Maya',
  lastName: 'Haddad',
  email: 'maya@example.com',
  phone: '+971501234567',
  timezone: 'Asia/Dubai',
  locale: 'en',
  memberNumber: '100004',
};

export function session(token = 'token-1', expiresIn = 900) {
  return { accessToken: token, tokenType: 'Bearer', expiresIn, customer };
}

export const branding = {
  studioName: 'Serenity Yoga & Pilates',
  logoUrl: '/themes/calm/logo.svg',
  theme: { pack: 'calm', tokens: {} },
  locales: ['en', 'ar'],
  defaultLocale: 'en',
  timezone: 'Asia/Dubai',
  currency: 'AED',
  loginChannels: ['email', 'sms', 'whatsapp'],
  locations: [],
  paymentsEnabled: false,
  devInbox: false,
};
