import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/client';
import type { PluginView } from '../types';
import { SettingsForm } from './SettingsForm';
import { MASK } from './settings';

function webhook(overrides: Partial<PluginView> = {}): PluginView {
  return {
    id: 'notify-webhook',
    version: '1.0.0',
    provider: 'Portico',
    kinds: ['NotificationChannel'],
    channelKinds: ['EMAIL', 'SMS', 'WHATSAPP'],
    settingsSchema: [
      { key: 'url', type: 'URL', required: true, secret: false, defaultValue: null, description: 'Where each message is POSTed.' },
      { key: 'signingSecret', type: 'STRING', required: true, secret: true, defaultValue: null, description: 'Shared secret.' },
      { key: 'timeout', type: 'DURATION', required: false, secret: false, defaultValue: 'PT5S', description: 'How long to wait.' },
      { key: 'sandbox', type: 'BOOLEAN', required: false, secret: false, defaultValue: 'false', description: 'Sandbox mode.' },
    ],
    enabled: false,
    settings: {},
    available: true,
    ...overrides,
  };
}

function renderForm(plugin: PluginView, props: { readOnly?: boolean; error?: unknown } = {}) {
  const onSave = vi.fn();
  render(
    <SettingsForm plugin={plugin} readOnly={props.readOnly ?? false} saving={false} error={props.error ?? null} onSave={onSave} />,
  );
  return { onSave, user: userEvent.setup() };
}

describe('plugin settings form', () => {
  it('is generated from the schema: a field per setting, required ones marked, defaults as placeholders', () => {
    renderForm(webhook());

    expect(screen.getByLabelText(/^URL/)).toHaveAttribute('type', 'url');
    expect(screen.getByLabelText(/^URL/).closest('.field')).toHaveTextContent('(required)');
    expect(screen.getByLabelText(/^Timeout/)).toHaveAttribute('placeholder', 'Default: PT5S');
    expect(screen.getByLabelText(/^Timeout/).closest('.field')).not.toHaveTextContent('(required)');
    expect(screen.getByLabelText(/^Sandbox/)).toHaveDisplayValue('Default (No)');
    expect(screen.getByRole('switch', { name: 'Enabled for this studio' })).not.toBeChecked();
  });

  it('shows a stored secret only as "Set", and keeps it when its field is left empty', async () => {
    const { onSave, user } = renderForm(
      webhook({ enabled: true, settings: { url: 'https://studio.example/hooks', signingSecret: MASK } }),
    );
    const secret = screen.getByLabelText(/^Signing secret/);
    expect(secret).toHaveAttribute('type', 'password');
    expect(secret).toHaveValue('');
    expect(secret.closest('.field')).toHaveTextContent('Set');
    expect(document.body.innerHTML).not.toContain(MASK);

    await user.click(screen.getByRole('button', { name: 'Save' }));

    // The mask tells the server to keep what it has; the empty timeout is left out, so its default applies.
    expect(onSave).toHaveBeenCalledWith({
      enabled: true,
      settings: { url: 'https://studio.example/hooks', signingSecret: MASK },
    });
  });

  it('sends a newly typed secret instead', async () => {
    const { onSave, user } = renderForm(webhook({ enabled: true, settings: { url: 'https://studio.example/hooks', signingSecret: MASK } }));

    await user.type(screen.getByLabelText(/^Signing secret/), '${{WEBHOOK_SECRET}'); // {{ types a literal {
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSave).toHaveBeenCalledWith({
      enabled: true,
      settings: { url: 'https://studio.example/hooks', signingSecret: '${WEBHOOK_SECRET}' },
    });
  });

  it('asks for required values, a secret that is not set among them, before enabling', async () => {
    const { onSave, user } = renderForm(webhook());
    expect(screen.getByLabelText(/^Signing secret/).closest('.field')).toHaveTextContent('Not set');

    await user.click(screen.getByRole('switch', { name: 'Enabled for this studio' }));
    await user.type(screen.getByLabelText(/^Timeout/), 'ten seconds');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^URL/)).toHaveAccessibleDescription(/Enter a value: the plugin needs it to be enabled/);
    expect(screen.getByLabelText(/^Signing secret/)).toHaveAccessibleDescription(/Enter a value/);
    expect(screen.getByLabelText(/^Timeout/)).toHaveAccessibleDescription(/ISO-8601 duration/);
    expect(screen.getByLabelText(/^URL/)).toHaveFocus();

    await user.type(screen.getByLabelText(/^URL/), 'https://studio.example/hooks');
    await user.type(screen.getByLabelText(/^Signing secret/), 's3cret');
    await user.clear(screen.getByLabelText(/^Timeout/));
    await user.type(screen.getByLabelText(/^Timeout/), 'PT3S');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSave).toHaveBeenCalledWith({
      enabled: true,
      settings: { url: 'https://studio.example/hooks', signingSecret: 's3cret', timeout: 'PT3S' },
    });
  });

  it('lets a disabled plugin be saved half set up, as the server does', async () => {
    const { onSave, user } = renderForm(webhook());

    await user.type(screen.getByLabelText(/^URL/), 'https://studio.example/hooks');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSave).toHaveBeenCalledWith({ enabled: false, settings: { url: 'https://studio.example/hooks' } });
  });

  it("shows the server's field errors under their fields", () => {
    const error = new ApiProblem({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'Some fields are not valid.',
      errors: [{ field: 'settings.url', message: 'must be an http(s) URL' }],
    });
    renderForm(webhook(), { error });

    expect(screen.getByLabelText(/^URL/)).toHaveAccessibleDescription(/must be an http\(s\) URL/);
    expect(screen.getByLabelText(/^URL/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields are not valid.');
  });

  it('is read-only for the front desk: nothing to change, nothing to save', () => {
    renderForm(webhook({ enabled: true, settings: { url: 'https://studio.example/hooks', signingSecret: MASK } }), {
      readOnly: true,
    });

    expect(screen.getByLabelText(/^URL/)).toBeDisabled();
    expect(screen.getByRole('switch', { name: 'Enabled for this studio' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });
});
