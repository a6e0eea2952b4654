import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, problem, session, stubApi } from '../test/api';
import { adminLoginAnswer } from './test';

type AdminClient = typeof import('./api');
type CustomerClient = typeof import('../api/client');

/** Fresh modules per test: both clients keep their token in module state. */
async function freshClients(): Promise<{ admin: AdminClient; customer: CustomerClient }> {
  vi.resetModules();
  return { admin: await import('./api'), customer: await import('../api/client') };
}

describe('admin api client', () => {
  let admin: AdminClient;
  let customer: CustomerClient;

  beforeEach(async () => {
    ({ admin, customer } = await freshClients());
    vi.stubGlobal('navigator', { ...navigator, locks: undefined });
  });

  it('sends the admin token to admin endpoints, never the customer token of the same tab', async () => {
    const api = stubApi({
      'POST /api/admin/auth/login': () => json(200, adminLoginAnswer('OWNER', 'admin-token')),
      'GET /api/admin/plugins': () => json(200, { items: [] }),
    });
    customer.startSession(session('customer-token'));

    await admin.adminLogin('owner@serenity.example', 'serenity-demo');
    await admin.adminApi('/api/admin/plugins');

    const [login] = api.callsTo('POST', '/api/admin/auth/login');
    expect(login?.headers.has('Authorization')).toBe(false);
    expect(login?.body).toEqual({ email: 'owner@serenity.example', password: 'serenity-demo' });
    const [list] = api.callsTo('GET', '/api/admin/plugins');
    expect(list?.headers.get('Authorization')).toBe('Bearer admin-token');
    for (const call of api.calls) {
      expect(call.headers.get('Authorization') ?? '').not.toContain('customer-token');
    }
    expect(api.fetchMock.mock.calls.map(([, init]) => init?.credentials)).toEqual(['omit', 'omit']);
  });

  it('refuses to send the admin token anywhere but /api/admin', async () => {
    const api = stubApi({ 'POST /api/admin/auth/login': () => json(200, adminLoginAnswer()) });
    await admin.adminLogin('owner@serenity.example', 'serenity-demo');

    await expect(admin.adminApi('/api/client-portal/me')).rejects.toThrow(/only calls \/api\/admin/);

    expect(api.calls).toHaveLength(1);
  });

  it('keeps the customer client away from admin endpoints', async () => {
    const api = stubApi({});
    customer.startSession(session('customer-token'));

    await expect(customer.api('/api/admin/plugins')).rejects.toThrow(/does not call/);

    expect(api.calls).toHaveLength(0);
  });

  it('ends the admin session on a 401, so the pages go back to login', async () => {
    stubApi({
      'POST /api/admin/auth/login': () => json(200, adminLoginAnswer()),
      'GET /api/admin/audit': () => problem(401, 'UNAUTHORIZED', 'Log in again.'),
    });
    const changes: unknown[] = [];
    admin.onAdminSessionChange((who, reason) => changes.push(who === null ? reason : 'in'));
    await admin.adminLogin('owner@serenity.example', 'serenity-demo');

    await expect(admin.adminApi('/api/admin/audit')).rejects.toMatchObject({ status: 401 });

    expect(changes).toEqual(['in', 'expired']);
    expect(admin.hasAdminToken()).toBe(false);
  });

  it('keeps nothing after a failed login', async () => {
    stubApi({
      'POST /api/admin/auth/login': () =>
        problem(401, 'INVALID_CREDENTIALS', 'That email and password do not match an admin of this studio.'),
    });

    await expect(admin.adminLogin('owner@serenity.example', 'wrong')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });

    expect(admin.hasAdminToken()).toBe(false);
  });
});
