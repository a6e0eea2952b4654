import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { branding, json, problem, stubApi } from '../../test/api';
import { AdminShell } from '../AdminShell';
import { adminLoginAnswer, loginRoute, logOutAdmin, renderAdmin } from '../test';
import type { AdminAccount } from '../types';
import { TeamPage } from './TeamPage';

const me: AdminAccount = {
  id: adminLoginAnswer().admin.id,
  email: 'owner@serenity.example',
  role: 'OWNER',
  active: true,
  createdAt: '2026-01-05T09:00:00Z',
  lastLoginAt: '2026-11-25T08:30:00Z',
};

const desk: AdminAccount = {
  id: 'a0000000-0000-4000-8000-000000000002',
  email: 'desk@serenity.example',
  role: 'FRONT_DESK',
  active: true,
  createdAt: '2026-01-05T09:00:00Z',
  lastLoginAt: null,
};

afterEach(logOutAdmin);

/** The page inside the admin frame, as the app routes it. */
function inShell() {
  return (
    <Routes>
      <Route element={<AdminShell />}>
        <Route path="/team" element={<TeamPage />} />
        <Route path="/plugins" element={<p>plugins</p>} />
      </Route>
    </Routes>
  );
}

function accountsTable() {
  return screen.findByRole('region', { name: 'Admin accounts' });
}

describe('team page', () => {
  it('lists the accounts with role, status and last login, and marks the admin who is looking', async () => {
    stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/admins': () => json(200, { items: [me, { ...desk, active: false }] }),
    });
    await renderAdmin(inShell(), { route: '/team' });

    const table = await accountsTable();
    const [, mine, theirs] = within(table).getAllByRole('row');
    expect(mine).toHaveTextContent('owner@serenity.example (you)');
    expect(within(mine!).getByRole('cell', { name: 'Owner' })).toBeVisible();
    expect(within(mine!).getByRole('cell', { name: 'Active' })).toBeVisible();
    expect(within(mine!).getByRole('cell', { name: /25 Nov 2026/ })).toBeVisible();
    expect(theirs).not.toHaveTextContent('(you)');
    expect(within(theirs!).getByRole('cell', { name: 'Front desk' })).toBeVisible();
    expect(within(theirs!).getByRole('cell', { name: 'Inactive' })).toBeVisible();
    expect(within(theirs!).getByRole('cell', { name: 'Never' })).toBeVisible();
    expect(within(theirs!).getByRole('button', { name: 'Reactivate desk@serenity.example' })).toBeVisible();
    expect(screen.getByRole('navigation', { name: 'Admin' })).toContainElement(screen.getByRole('link', { name: 'Team' }));
  });

  it('adds an account with the email, role and password typed, and lists it', async () => {
    let items = [me];
    const api = stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/admins': () => json(200, { items }),
      'POST /api/admin/admins': (request) => {
        const body = request.body as { email: string; role: string };
        const created = { ...desk, id: 'a0000000-0000-4000-8000-000000000003', email: body.email, role: body.role };
        items = [...items, created];
        return json(201, created);
      },
    });
    const user = userEvent.setup();
    await renderAdmin(<TeamPage />);

    await user.type(screen.getByLabelText('Email'), '  lina@serenity.example ');
    await user.selectOptions(screen.getByLabelText('Role'), 'Owner');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/At least 12 characters/);
    await user.type(screen.getByLabelText('Password'), 'a-long-passphrase');
    await user.click(screen.getByRole('button', { name: 'Add account' }));

    expect(await within(await accountsTable()).findByRole('cell', { name: 'lina@serenity.example' })).toBeVisible();
    expect(api.callsTo('POST', '/api/admin/admins').map((c) => c.body)).toEqual([
      { email: 'lina@serenity.example', role: 'OWNER', password: 'a-long-passphrase' },
    ]);
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('lina@serenity.example added'));
    expect(screen.getByLabelText('Email')).toHaveValue('');
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('refuses a short password before asking the server', async () => {
    const api = stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/admins': () => json(200, { items: [me] }),
    });
    const user = userEvent.setup();
    await renderAdmin(<TeamPage />);

    await user.type(screen.getByLabelText('Email'), 'lina@serenity.example');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Add account' }));

    expect(await screen.findByText('Use at least 12 characters.')).toBeVisible();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(api.callsTo('POST', '/api/admin/admins')).toHaveLength(0);
  });

  it("shows the server's field errors at their fields, and an existing email as a sentence", async () => {
    let answer = () =>
      problem(400, 'VALIDATION_FAILED', 'Some fields are not valid.', {
        errors: [{ field: 'email', message: 'must be a well-formed email address' }],
      });
    stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/admins': () => json(200, { items: [me] }),
      'POST /api/admin/admins': () => answer(),
    });
    const user = userEvent.setup();
    await renderAdmin(<TeamPage />);

    const email = screen.getByLabelText('Email');
    await user.type(email, 'lina@serenity.example');
    await user.type(screen.getByLabelText('Password'), 'a-long-passphrase');
    await user.click(screen.getByRole('button', { name: 'Add account' }));

    expect(await screen.findByText('must be a well-formed email address')).toBeVisible();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('must be a well-formed email address');
    expect(email).toHaveFocus();

    answer = () => problem(409, 'ADMIN_EXISTS', 'An admin account with this email already exists.');
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    expect(await screen.findByText('This email already has an admin account in this studio.')).toBeVisible();
    expect(email).toHaveAccessibleDescription('This email already has an admin account in this studio.');
  });

  it('deactivates an account and keeps the focus on its button', async () => {
    let deskNow = desk;
    const api = stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/admins': () => json(200, { items: [me, deskNow] }),
      'PUT /api/admin/admins/a0000000-0000-4000-8000-000000000002': (request) => {
        deskNow = { ...deskNow, ...(request.body as object) };
        return json(200, deskNow);
      },
    });
    const user = userEvent.setup();
    await renderAdmin(<TeamPage />);

    const table = await accountsTable();
    await user.click(within(table).getByRole('button', { name: 'Deactivate desk@serenity.example' }));

    const reactivate = await within(table).findByRole('button', { name: 'Reactivate desk@serenity.example' });
    expect(reactivate).toHaveFocus();
    expect(api.callsTo('PUT', '/api/admin/admins/a0000000-0000-4000-8000-000000000002')[0]?.body).toEqual({
      role: 'FRONT_DESK',
      active: false,
    });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('desk@serenity.example deactivated'));
  });

  it("says in words why the last owner can't step down", async () => {
    const api = stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/admins': () => json(200, { items: [me, desk] }),
      [`PUT /api/admin/admins/${me.id}`]: () => problem(409, 'LAST_OWNER', 'LAST_OWNER'),
    });
    const user = userEvent.setup();
    await renderAdmin(<TeamPage />);

    const table = await accountsTable();
    await user.click(within(table).getByRole('button', { name: 'Make front desk: owner@serenity.example' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'owner@serenity.example was not changed. The studio needs at least one active owner: make another account an owner first.',
    );
    expect(api.callsTo('PUT', `/api/admin/admins/${me.id}`)[0]?.body).toEqual({ role: 'FRONT_DESK', active: true });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Owner');
  });

  it('is not offered to the front desk, and asks the server nothing for it', async () => {
    const api = stubApi({
      ...loginRoute('FRONT_DESK'),
      'GET /api/client-portal/branding': () => json(200, branding),
    });
    await renderAdmin(inShell(), { route: '/team' });

    expect(await screen.findByText("Only the studio's owners can manage admin accounts.")).toBeVisible();
    const nav = screen.getByRole('navigation', { name: 'Admin' });
    expect(within(nav).getByRole('link', { name: 'Plugins' })).toBeVisible();
    expect(within(nav).queryByRole('link', { name: 'Team' })).toBeNull();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
    expect(api.callsTo('GET', '/api/admin/admins')).toHaveLength(0);
  });
});
