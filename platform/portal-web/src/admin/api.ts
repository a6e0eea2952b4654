// The one way the staff pages talk to the server. Separate from the customers' client on purpose: it holds the
// admin's token (in memory only, so a reload asks to log in again), attaches it to /api/admin calls and nothing
// else, and never sees a customer's token. A 401 ends the admin's session, which sends the pages back to login.
import { ApiProblem, toProblem } from '../api/client';
import type { AdminIdentity, AdminLogin } from './types';

const ADMIN_API = '/api/admin/';
const LOGIN = '/api/admin/auth/login';

export type AdminSessionEnd = 'logout' | 'expired';
export type AdminSessionListener = (admin: AdminIdentity | null, reason?: AdminSessionEnd) => void;

let token: string | null = null;
let expiryTimer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<AdminSessionListener>();

export function onAdminSessionChange(listener: AdminSessionListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function hasAdminToken(): boolean {
  return token !== null;
}

function startAdminSession(login: AdminLogin): void {
  token = login.accessToken;
  if (expiryTimer !== null) {
    clearTimeout(expiryTimer);
  }
  // Admin tokens are not renewed: when one runs out, the admin logs in again.
  expiryTimer = setTimeout(() => endAdminSession('expired'), Math.max(login.expiresIn, 1) * 1000);
  listeners.forEach((listener) => listener(login.admin));
}

export function endAdminSession(reason: AdminSessionEnd): void {
  const had = token !== null;
  token = null;
  if (expiryTimer !== null) {
    clearTimeout(expiryTimer);
    expiryTimer = null;
  }
  if (had || reason === 'logout') {
    listeners.forEach((listener) => listener(null, reason));
  }
}

/** Logs in with email and password; a wrong pair is an ApiProblem 401 INVALID_CREDENTIALS. */
export async function adminLogin(email: string, password: string): Promise<AdminLogin> {
  const response = await call(LOGIN, { method: 'POST', body: { email, password } }, null);
  if (!response.ok) {
    throw await toProblem(response);
  }
  const login = (await response.json()) as AdminLogin;
  startAdminSession(login);
  return login;
}

export interface AdminRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the staff API with the admin's token; throws ApiProblem for any answer that is not 2xx. */
export async function adminApi<T>(path: string, options: AdminRequestOptions = {}): Promise<T> {
  if (!path.startsWith(ADMIN_API)) {
    throw new Error(`The admin client only calls ${ADMIN_API}, not ${path}`);
  }
  if (token === null) {
    endAdminSession('expired');
    throw new ApiProblem({ status: 401, code: 'NOT_LOGGED_IN' });
  }
  const response = await call(path, options, token);
  if (response.status === 401) {
    endAdminSession('expired');
  }
  if (!response.ok) {
    throw await toProblem(response);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function call(path: string, options: AdminRequestOptions, bearer: string | null): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json, application/problem+json', 'Accept-Language': 'en' });
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
  }
  if (bearer !== null) {
    headers.set('Authorization', `Bearer ${bearer}`);
  }
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      // The customers' refresh cookie has no business here.
      credentials: 'omit',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiProblem({ status: 0, code: 'NETWORK_ERROR' });
  }
}

/** Builds "?a=1&b=2" from the values that are set. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
