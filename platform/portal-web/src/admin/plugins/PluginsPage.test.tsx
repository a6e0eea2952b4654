import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { branding, json, problem, stubApi } from '../../test/api';
import { loginRoute, logOutAdmin, renderAdmin } from '../test';
import type { PluginView } from '../types';
import { PluginsPage } from './PluginsPage';
import { MASK } from './settings';

const webhook: PluginView = {
  id: 'notify-webhook',
  version: '1.0.0',
  provider: 'Portico',
  kinds: ['NotificationChannel'],
  channelKinds: [],
  settingsSchema: [
    { key: 'url', type: 'URL', required: true, secret: false, defaultValue: null, description: 'Where to POST.' },
    { key: 'signingSecret', type: 'STRING', required: true, secret: true, defaultValue: null, description: 'Secret.' },
  ],
  enabled: false,
  settings: { url: 'https://studio.example/hooks', signingSecret: MASK, stray: MASK },
  available: true,
};

afterEach(logOutAdmin);

describe('plugins page', () => {
  it('switches a plugin on with its stored settings, secrets sent back masked so they are kept', async () => {
    const api = stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/plugins': () => json(200, { items: [webhook] }),
      'PUT /api/admin/plugins/notify-webhook': (request) => json(200, { ...webhook, ...(request.body as object) }),
    });
    const user = userEvent.setup();
    await renderAdmin(<PluginsPage />);

    const card = await screen.findByRole('article', { name: 'notify-webhook' });
    await user.click(within(card).getByRole('switch', { name: 'Enabled' }));

    expect(await within(card).findByRole('switch', { name: 'Enabled' })).toBeChecked();
    expect(api.callsTo('PUT', '/api/admin/plugins/notify-webhook')[0]?.body).toEqual({
      enabled: true,
      settings: { url: 'https://studio.example/hooks', signingSecret: MASK },
    });
  });

  it("shows the server's reasons when a plugin cannot be enabled yet", async () => {
    stubApi({
      ...loginRoute('OWNER'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/plugins': () => json(200, { items: [{ ...webhook, settings: {} }] }),
      'PUT /api/admin/plugins/notify-webhook': () =>
        problem(400, 'VALIDATION_FAILED', 'Some fields are not valid.', {
          errors: [{ field: 'settings.url', message: 'is required' }],
        }),
    });
    const user = userEvent.setup();
    await renderAdmin(<PluginsPage />);

    const card = await screen.findByRole('article', { name: 'notify-webhook' });
    await user.click(within(card).getByRole('switch', { name: 'Enabled' }));

    expect(await within(card).findByText('URL: is required')).toBeVisible();
    expect(within(card).getByRole('switch', { name: 'Enabled' })).not.toBeChecked();
  });

  it('is read-only for the front desk, and says why', async () => {
    stubApi({
      ...loginRoute('FRONT_DESK'),
      'GET /api/client-portal/branding': () => json(200, branding),
      'GET /api/admin/plugins': () => json(200, { items: [webhook] }),
    });
    await renderAdmin(<PluginsPage />);

    const card = await screen.findByRole('article', { name: 'notify-webhook' });
    expect(within(card).getByRole('switch', { name: 'Enabled' })).toBeDisabled();
    expect(screen.getByText(/Only the studio's owner can change plugins/)).toBeVisible();
    expect(within(card).getByRole('link', { name: 'Settings of notify-webhook' })).toHaveTextContent('View settings');
  });
});
