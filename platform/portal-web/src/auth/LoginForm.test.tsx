import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoginChannel } from '../api/types';
import { json, problem, stubApi } from '../test/api';
import { LinkSentPanel } from './LinkSentPanel';
import { LoginForm, type SentLink } from './LoginForm';

const ALL: LoginChannel[] = ['email', 'sms', 'whatsapp'];

function renderForm(channels: LoginChannel[] = ALL, onSent = vi.fn()) {
  render(<LoginForm channels={channels} devInbox={false} onSent={onSent} />);
  return { onSent, input: screen.getByRole('textbox') };
}

describe('LoginForm', () => {
  it('offers no channel choice for an email, and SMS or WhatsApp for a phone', async () => {
    const { input } = renderForm();
    expect(input).toBe(screen.getByLabelText('Email or phone'));

    await userEvent.type(input, 'maya@example.com');
    expect(screen.queryByRole('group', { name: 'Send my link by' })).not.toBeInTheDocument();

    await userEvent.clear(input);
    await userEvent.type(input, '+971 50 123 4567');
    const group = screen.getByRole('group', { name: 'Send my link by' });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'SMS' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'WhatsApp' })).not.toBeChecked();
    expect(screen.queryByRole('radio', { name: 'Email' })).not.toBeInTheDocument();
  });

  it('shows no choice when the studio offers a single channel for phones', async () => {
    const { input } = renderForm(['email', 'sms']);

    await userEvent.type(input, '+971501234567');

    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('explains what is wrong with the address, without calling the server', async () => {
    const api = stubApi({});
    const { input } = renderForm();

    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByText('Enter your email address or phone number.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/Enter your email address or phone number\./);

    await userEvent.type(input, '050 123 4567');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(
      await screen.findByText('Enter the phone number with its country code, e.g. +971 50 123 4567.'),
    ).toBeInTheDocument();

    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it('refuses a phone number when the studio only sends email', async () => {
    const { input } = renderForm(['email']);
    expect(screen.getByLabelText('Email')).toBe(input);

    await userEvent.type(input, '+971501234567');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));

    expect(
      await screen.findByText('This studio does not send links to phones. Use your email address.'),
    ).toBeInTheDocument();
  });

  it('asks for a link on the chosen channel', async () => {
    const api = stubApi({
      'POST /api/client-portal/auth/request-link': () =>
        json(202, { status: 'sent', channel: 'whatsapp', expiresInSeconds: 600 }),
    });
    const { input, onSent } = renderForm();

    await userEvent.type(input, '+971 50 123 4567');
    await userEvent.click(screen.getByRole('radio', { name: 'WhatsApp' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));

    await vi.waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(api.callsTo('POST', '/api/client-portal/auth/request-link')[0]?.body).toEqual({
      phone: '+971501234567',
      channel: 'whatsapp',
    });
    expect(onSent.mock.calls[0]?.[0]).toMatchObject({ kind: 'phone', address: '+971501234567', channel: 'whatsapp' });
  });

  it("puts the server's field errors under the field", async () => {
    stubApi({
      'POST /api/client-portal/auth/request-link': () =>
        problem(400, 'VALIDATION_FAILED', 'Check the fields.', {
          errors: [{ field: 'email', message: 'must be an email address' }],
        }),
    });
    const { input } = renderForm();

    await userEvent.type(input, 'maya@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a link' }));

    expect(await screen.findByText('must be an email address')).toBeInTheDocument();
  });
});

describe('LinkSentPanel', () => {
  const sent: SentLink = { kind: 'email', address: 'maya@example.com', channel: 'email', expiresInSeconds: 600, since: 0 };

  afterEach(() => {
    vi.useRealTimers();
  });

  function renderPanel() {
    const onResent = vi.fn();
    render(
      <MemoryRouter>
        <LinkSentPanel sent={sent} devInbox={false} onResent={onResent} onChangeAddress={() => undefined} />
      </MemoryRouter>,
    );
    return { onResent };
  }

  it('says where the link went and lets the customer resend only after 30 seconds', async () => {
    // Real time keeps flowing too, for Testing Library's own zero-delay waits.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = stubApi({
      'POST /api/client-portal/auth/request-link': () => json(202, { status: 'sent', channel: 'email', expiresInSeconds: 600 }),
    });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const { onResent } = renderPanel();

    expect(screen.getByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    expect(screen.getByText(/We sent a login link to maya@example\.com\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resend in 30s' })).toBeDisabled();

    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(screen.getByRole('button', { name: 'Resend in 20s' })).toBeDisabled();

    await act(() => vi.advanceTimersByTimeAsync(20_000));
    const resend = screen.getByRole('button', { name: 'Resend link' });
    expect(resend).toBeEnabled();

    await user.click(resend);
    await vi.waitFor(() => expect(onResent).toHaveBeenCalled());
    expect(api.callsTo('POST', '/api/client-portal/auth/request-link')[0]?.body).toEqual({
      email: 'maya@example.com',
      channel: 'email',
    });
    expect(await screen.findByRole('button', { name: 'Resend in 30s' })).toBeDisabled();
  });

  it("waits as long as a 429's Retry-After says", async () => {
    // Real time keeps flowing too, for Testing Library's own zero-delay waits.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    stubApi({
      'POST /api/client-portal/auth/request-link': () =>
        problem(429, 'RATE_LIMITED', 'Too many attempts. Please try again in 2 minutes.', {}, { 'Retry-After': '120' }),
    });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    renderPanel();

    await act(() => vi.advanceTimersByTimeAsync(30_000));
    await user.click(screen.getByRole('button', { name: 'Resend link' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Please try again in 2 minutes.');
    expect(screen.getByRole('button', { name: 'Resend in 120s' })).toBeDisabled();
  });
});
