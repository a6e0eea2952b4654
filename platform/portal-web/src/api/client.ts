// The one way the portal talks to the server. It keeps the access token in memory only (never in storage), attaches
// it and the UI language to every call, restores and renews the session from the HttpOnly refresh cookie, and turns
// RFC 9457 problem answers into ApiProblem errors.
import type { FieldProblem, SessionView } from './types';

const AUTH = '/api/client-portal/auth';
const ADMIN_API = '/api/admin';
/** Renew this long before the access token runs out. */
const REFRESH_LEAD_SECONDS = 60;
/** The server revokes the whole session family when a rotated cookie is replayed, so tabs take turns. */
const REFRESH_LOCK = 'portico-refresh';

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  /** Seconds from a 429's Retry-After header. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    title?: string;
    detail?: string;
    errors?: FieldProblem[];
    retryAfterSeconds?: number | null;
  }) {
    super(init.detail || init.title || init.code);
    this.name = 'ApiProblem';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? '';
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The server's message for one field of a 400 VALIDATION_FAILED. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

export type SessionEnd = 'logout' | 'expired';
export type SessionListener = (session: SessionView | null, reason?: SessionEnd) => void;

let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let refreshing: Promise<SessionView> | null = null;
let language = 'en';
const listeners = new Set<SessionListener>();

/** The UI language, sent as Accept-Language so problem details come back in it. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Takes the answer of /verify or /refresh: keeps the token and plans its renewal. */
export function startSession(view: SessionView): void {
  accessToken = view.accessToken;
  scheduleRefresh(view.expiresIn);
  listeners.forEach((listener) => listener(view));
}

export function endSession(reason: SessionEnd): void {
  accessToken = null;
  if (refreshTimer !== null) {
    clearTimeout(refreshTimer);
    refreshTimer = null;
  }
  listeners.forEach((listener) => listener(null, reason));
}

function scheduleRefresh(expiresInSeconds: number): void {
  if (refreshTimer !== null) {
    clearTimeout(refreshTimer);
  }
  const seconds = Math.max(expiresInSeconds - REFRESH_LEAD_SECONDS, expiresInSeconds / 2, 1);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    // A failure ends the session (401) or is retried by the next call that gets a 401.
    refreshSession().catch(() => undefined);
  }, seconds * 1000);
}

/** Runs fn while holding the cross-tab refresh lock, where the browser has one. */
async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) {
    return fn();
  }
  return await locks.request(REFRESH_LOCK, fn);
}

/**
 * Trades the refresh cookie for a new access token. Single-flight: every caller during one refresh shares its
 * promise, and the lock keeps other tabs from replaying the same cookie. A 401 ends the session.
 */
export function refreshSession(): Promise<SessionView> {
  if (refreshing === null) {
    const tokenBefore = accessToken;
    refreshing = withRefreshLock(() => cookieCall<SessionView>('refresh'))
      .then(
        (view) => {
          startSession(view);
          return view;
        },
        (error: unknown) => {
          // A login that finished meanwhile (the callback page) is not undone by a refresh that failed.
          if (error instanceof ApiProblem && (error.status === 401 || error.status === 403) && accessToken === tokenBefore) {
            endSession('expired');
          }
          throw error;
        },
      )
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

/** Ends the session on the server and here. Always clears the local session, even when the server is unreachable. */
export async function logout(): Promise<void> {
  try {
    await refreshing?.catch(() => undefined);
    await withRefreshLock(() => cookieCall<void>('logout'));
  } catch {
    // Nothing to do: the token is forgotten below and the cookie expires on its own.
  } finally {
    endSession('logout');
  }
}

async function cookieCall<T>(action: 'refresh' | 'logout'): Promise<T> {
  const response = await guardedFetch(`${AUTH}/${action}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'portal', Accept: 'application/json', 'Accept-Language': language },
  });
  if (!response.ok) {
    throw await toProblem(response);
  }
  return readJson<T>(response);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** False for the calls that work without a login (branding, request-link, verify). */
  auth?: boolean;
  signal?: AbortSignal;
}

/** Calls the API and returns its JSON; throws ApiProblem for any answer that is not 2xx. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (!response.ok) {
    throw await toProblem(response);
  }
  return readJson<T>(response);
}

/** Downloads a file the API serves (e.g. an .ics) with the bearer token. */
export async function apiDownload(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const response = await send(path, {});
  if (!response.ok) {
    throw await toProblem(response);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  return { blob: await response.blob(), filename: match?.[1] ?? null };
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  if (path.startsWith(ADMIN_API)) {
    // Staff calls go through src/admin/api.ts with the admin's token; a customer's token never goes there.
    throw new Error(`The customer client does not call ${path}`);
  }
  if (options.auth === false) {
    return request(path, options, null);
  }
  if (accessToken === null) {
    await refreshSession();
  }
  const used = accessToken;
  const first = await request(path, options, used);
  if (first.status !== 401) {
    return first;
  }
  // Another call may have renewed the token while this one was on its way; then the new token is enough.
  if (accessToken === null || accessToken === used) {
    await refreshSession();
  }
  const second = await request(path, options, accessToken);
  if (second.status === 401) {
    endSession('expired');
  }
  return second;
}

function request(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json, application/problem+json', 'Accept-Language': language });
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
  }
  if (token !== null) {
    headers.set('Authorization', `Bearer ${token}`);
  }
  return guardedFetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
    signal: options.signal,
  });
}

async function guardedFetch(input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiProblem({ status: 0, code: 'NETWORK_ERROR' });
  }
}

async function readJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Reads an RFC 9457 problem; anything else becomes a problem with only the status. */
export async function toProblem(response: Response): Promise<ApiProblem> {
  let body: unknown = null;
  try {
    const raw = await response.text();
    body = raw ? JSON.parse(raw) : null;
  } catch {
    body = null;
  }
  const retryAfter = response.headers.get('Retry-After');
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : null;
  const fields = isRecord(body) && Array.isArray(body.errors) ? body.errors : [];
  const errors = fields.filter(isRecord).map((e) => ({ field: text(e.field) ?? '', message: text(e.message) ?? '' }));
  return new ApiProblem({
    status: response.status,
    code: (isRecord(body) && text(body.code)) || `HTTP_${response.status}`,
    title: isRecord(body) ? text(body.title) : undefined,
    detail: isRecord(body) ? text(body.detail) : undefined,
    errors,
    retryAfterSeconds: seconds,
  });
}
