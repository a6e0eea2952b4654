import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, problem, session, stubApi } from '../test/api';

type Client = typeof import('./client');

/** A fresh client module per test: the token lives in module state. */
async function freshClient(): Promise<Client> {
  vi.resetModules();
  return import('./client');
}

const REFRESH = '/api/client-portal/auth/refresh';
const ME = '/api/client-portal/me';

describe('api client', () => {
  let client: Client;

  beforeEach(async () => {
    client = await freshClient();
    // No Web Locks in jsdom unless a test adds them.
    vi.stubGlobal('navigator', { ...navigator, locks: undefined });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('attaches the bearer token and the UI language to every call', async () => {
    const api = stubApi({ [`GET ${ME}`]: () => json(200, { ok: true }) });
    client.startSession(session('abc'));
    client.setApiLanguage('ar');

    await expect(client.api(ME)).resolves.toEqual({ ok: true });

    const [call] = api.callsTo('GET', ME);
    expect(call?.headers.get('Authorization')).toBe('Bearer abc');
    expect(call?.headers.get('Accept-Language')).toBe('ar');
  });

  it('sends no token on public calls', async () => {
    const api = stubApi({ 'GET /api/client-portal/branding': () => json(200, {}) });
    client.startSession(session('abc'));

    await client.api('/api/client-portal/branding', { auth: false });

    expect(api.calls[0]?.headers.has('Authorization')).toBe(false);
  });

  it('on a 401 refreshes once and retries with the new token', async () => {
    const api = stubApi({
      [`POST ${REFRESH}`]: () => json(200, session('new')),
      [`GET ${ME}`]: ({ headers }) =>
        headers.get('Authorization') === 'Bearer new' ? json(200, { who: 'maya' }) : problem(401, 'UNAUTHENTICATED', 'expired'),
    });
    client.startSession(session('old'));

    await expect(client.api(ME)).resolves.toEqual({ who: 'maya' });

    expect(api.callsTo('POST', REFRESH)).toHaveLength(1);
    expect(api.callsTo('GET', ME).map((c) => c.headers.get('Authorization'))).toEqual(['Bearer old', 'Bearer new']);
  });

  it('refreshes with the cookie, the portal header and no bearer token', async () => {
    const api = stubApi({ [`POST ${REFRESH}`]: () => json(200, session('new')) });

    await client.refreshSession();

    const [call] = api.callsTo('POST', REFRESH);
    expect(call?.headers.get('X-Requested-With')).toBe('portal');
    expect(call?.headers.has('Authorization')).toBe(false);
    const init = api.fetchMock.mock.calls[0]?.[1];
    expect(init?.credentials).toBe('same-origin');
  });

  it('shares one refresh between concurrent calls that all got a 401', async () => {
    let releaseRefresh: () => void = () => undefined;
    const refreshGate = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    const api = stubApi({
      [`POST ${REFRESH}`]: async () => {
        await refreshGate;
        return json(200, session('new'));
      },
      [`GET ${ME}`]: ({ headers, url }) =>
        headers.get('Authorization') === 'Bearer new'
          ? json(200, { n: url.searchParams.get('n') })
          : problem(401, 'UNAUTHENTICATED', 'expired'),
    });
    client.startSession(session('old'));

    const results = Promise.all([1, 2, 3, 4].map((n) => client.api<{ n: string }>(`${ME}?n=${n}`)));
    await vi.waitFor(() => expect(api.callsTo('POST', REFRESH)).toHaveLength(1));
    releaseRefresh();

    await expect(results).resolves.toEqual([{ n: '1' }, { n: '2' }, { n: '3' }, { n: '4' }]);
    expect(api.callsTo('POST', REFRESH)).toHaveLength(1);
  });

  it('does not refresh again for a call that got its 401 after another call already renewed the token', async () => {
    let releaseSlow: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    const api = stubApi({
      [`POST ${REFRESH}`]: () => json(200, session('new')),
      [`GET ${ME}`]: async ({ headers, url }) => {
        if (url.searchParams.get('slow')) {
          await slow;
        }
        return headers.get('Authorization') === 'Bearer new' ? json(200, {}) : problem(401, 'UNAUTHENTICATED', 'expired');
      },
    });
    client.startSession(session('old'));

    const slowCall = client.api(`${ME}?slow=1`);
    await client.api(ME);
    releaseSlow();
    await slowCall;

    expect(api.callsTo('POST', REFRESH)).toHaveLength(1);
  });

  it('serialises refreshes across tabs with the Web Locks API', async () => {
    const request = vi.fn((_name: string, callback: () => Promise<unknown>) => callback());
    vi.stubGlobal('navigator', { ...navigator, locks: { request } });
    stubApi({ [`POST ${REFRESH}`]: () => json(200, session('new')) });

    await client.refreshSession();

    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0]?.[0]).toBe('portico-refresh');
  });

  it('restores a session when there is no token yet, before the first call', async () => {
    const api = stubApi({
      [`POST ${REFRESH}`]: () => json(200, session('restored')),
      [`GET ${ME}`]: () => json(200, {}),
    });

    await client.api(ME);

    expect(api.calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual([`POST ${REFRESH}`, `GET ${ME}`]);
    expect(api.callsTo('GET', ME)[0]?.headers.get('Authorization')).toBe('Bearer restored');
  });

  it('ends the session when the refresh is refused, and the call fails with the 401', async () => {
    stubApi({
      [`POST ${REFRESH}`]: () => problem(401, 'UNAUTHENTICATED', 'Your session has ended.'),
      [`GET ${ME}`]: () => problem(401, 'UNAUTHENTICATED', 'expired'),
    });
    const listener = vi.fn();
    client.onSessionChange(listener);
    client.startSession(session('old'));

    await expect(client.api(ME)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    expect(listener).toHaveBeenLastCalledWith(null, 'expired');
    expect(client.hasAccessToken()).toBe(false);
  });

  it('ends the session when the retried call is still refused', async () => {
    const api = stubApi({
      [`POST ${REFRESH}`]: () => json(200, session('new')),
      [`GET ${ME}`]: () => problem(401, 'UNAUTHENTICATED', 'no'),
    });
    const listener = vi.fn();
    client.onSessionChange(listener);
    client.startSession(session('old'));

    await expect(client.api(ME)).rejects.toMatchObject({ status: 401 });

    expect(api.callsTo('GET', ME)).toHaveLength(2);
    expect(api.callsTo('POST', REFRESH)).toHaveLength(1);
    expect(listener).toHaveBeenLastCalledWith(null, 'expired');
  });

  it('turns an RFC 9457 answer into an ApiProblem with code, detail, field errors and Retry-After', async () => {
    stubApi({
      'POST /api/client-portal/auth/request-link': () =>
        problem(
          429,
          'RATE_LIMITED',
          'Too many attempts. Please try again in 2 minutes.',
          { errors: [{ field: 'email', message: 'is odd' }] },
          { 'Retry-After': '120' },
        ),
    });

    const error: unknown = await client
      .api('/api/client-portal/auth/request-link', { method: 'POST', body: {}, auth: false })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(client.ApiProblem);
    expect(error).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      detail: 'Too many attempts. Please try again in 2 minutes.',
      retryAfterSeconds: 120,
    });
    expect((error as InstanceType<Client['ApiProblem']>).fieldMessage('email')).toBe('is odd');
  });

  it('gives a problem without a body a code from its status', async () => {
    stubApi({ 'GET /x': () => new Response('<html>bad gateway</html>', { status: 502 }) });

    await expect(client.api('/x', { auth: false })).rejects.toMatchObject({ status: 502, code: 'HTTP_502', detail: '' });
  });

  it('reports an unreachable server as a network problem', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));

    await expect(client.api('/x', { auth: false })).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('renews the access token a minute before it expires', async () => {
    vi.useFakeTimers();
    const api = stubApi({ [`POST ${REFRESH}`]: () => json(200, session('renewed', 900)) });
    client.startSession(session('first', 900));

    await vi.advanceTimersByTimeAsync(839_000);
    expect(api.callsTo('POST', REFRESH)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.callsTo('POST', REFRESH)).toHaveLength(1);
  });

  it('logs out on the server with the portal header and forgets the token', async () => {
    const api = stubApi({ 'POST /api/client-portal/auth/logout': () => json(204, null) });
    const listener = vi.fn();
    client.onSessionChange(listener);
    client.startSession(session('abc'));

    await client.logout();

    expect(api.callsTo('POST', '/api/client-portal/auth/logout')[0]?.headers.get('X-Requested-With')).toBe('portal');
    expect(client.hasAccessToken()).toBe(false);
    expect(listener).toHaveBeenLastCalledWith(null, 'logout');
  });
});
