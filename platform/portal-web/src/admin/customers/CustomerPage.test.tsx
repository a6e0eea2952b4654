import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { branding, json, problem, stubApi } from '../../test/api';
import { loginRoute, logOutAdmin, renderAdmin } from '../test';
import type { CustomerDetail } from '../types';
import { CustomerPage } from './CustomerPage';

const ID = '5e000010-0000-4000-8000-000000000001';
const PACK = '5e000011-0000-4000-8000-000000000001';

const maya: CustomerDetail = {
  id: ID,
  memberNumber: '100004',
  firstName: 'Maya',
  lastName: 'Haddad',
  email: 'maya@example.com',
  phone: '+971501234567',
  status: 'ACTIVE',
  version: 2,
  packages: [
    { id: PACK, name: '10-class pack', creditsTotal: 10, creditsRemaining: 2, expiresAt: '2027-01-31T20:00:00Z', status: 'ACTIVE' },
  ],
};

afterEach(logOutAdmin);

function page() {
  return (
    <Routes>
      <Route path="/customers/:customerId" element={<CustomerPage />} />
    </Routes>
  );
}

describe('customer page', () => {
  it('adjusts credits with a reason', async () => {
    let remaining = 2;
    const api = stubApi({
      ...loginRoute('FRONT_DESK'),
      'GET /api/client-portal/branding': () => json(200, branding),
      [`GET /api/admin/customers/${ID}`]: () =>
        json(200, { ...maya, packages: [{ ...maya.packages[0], creditsRemaining: remaining }] }),
      [`POST /api/admin/customers/${ID}/packages/${PACK}/adjust`]: (request) => {
        remaining += (request.body as { delta: number }).delta;
        return json(200, {});
      },
    });
    const user = userEvent.setup();
    await renderAdmin(page(), { route: `/customers/${ID}` });

    await user.click(await screen.findByRole('button', { name: 'Adjust credits of 10-class pack' }));
    const dialog = screen.getByRole('dialog', { name: 'Adjust credits: 10-class pack' });
    await user.type(within(dialog).getByLabelText('Change'), '3');
    await user.type(within(dialog).getByLabelText('Reason'), 'Missed classes during the studio move');
    await user.click(within(dialog).getByRole('button', { name: 'Adjust' }));

    expect(await screen.findByText('5 of 10 left')).toBeVisible();
    expect(api.callsTo('POST', `/api/admin/customers/${ID}/packages/${PACK}/adjust`)[0]?.body).toEqual({
      delta: 3,
      reason: 'Missed classes during the studio move',
    });
  });

  it("asks for a reason and a non-zero change, and shows the server's refusal to go below zero", async () => {
    stubApi({
      ...loginRoute('FRONT_DESK'),
      'GET /api/client-portal/branding': () => json(200, branding),
      [`GET /api/admin/customers/${ID}`]: () => json(200, maya),
      [`POST /api/admin/customers/${ID}/packages/${PACK}/adjust`]: () =>
        problem(409, 'CREDITS_WOULD_GO_NEGATIVE', 'This package has 2 credits left; it cannot lose 5.'),
    });
    const user = userEvent.setup();
    await renderAdmin(page(), { route: `/customers/${ID}` });

    await user.click(await screen.findByRole('button', { name: 'Adjust credits of 10-class pack' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Change'), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Adjust' }));
    expect(within(dialog).getByLabelText('Change')).toHaveAccessibleDescription(/other than 0/);
    expect(within(dialog).getByLabelText('Reason')).toHaveAccessibleDescription(/Say why the credits change/);

    await user.clear(within(dialog).getByLabelText('Change'));
    await user.type(within(dialog).getByLabelText('Change'), '-5');
    await user.type(within(dialog).getByLabelText('Reason'), 'Duplicate purchase');
    await user.click(within(dialog).getByRole('button', { name: 'Adjust' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This package has 2 credits left; it cannot lose 5.');
  });
});
