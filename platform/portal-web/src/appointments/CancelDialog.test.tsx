import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { endSession } from '../api/client';
import type { Appointment, CancelAction } from '../api/types';
import { formatMoney } from '../i18n/format';
import { json, problem, session, stubApi } from '../test/api';
import { renderWithProviders } from '../test/render';
import { CancelDialog } from './CancelDialog';
import { cancelConsequence } from './consequence';

function appointment(cancel: Partial<CancelAction>, paymentKind = 'CREDIT'): Appointment {
  return {
    id: 'appt-1',
    service: { id: 'svc-1', name: 'Vinyasa Flow' },
    staff: { id: 'staff-1', name: 'Layla Mansour' },
    location: { id: 'loc-1', name: 'Jumeirah' },
    startsAt: '2026-12-01T18:00:00+04:00',
    endsAt: '2026-12-01T19:00:00+04:00',
    status: 'BOOKED',
    payment: { kind: paymentKind },
    actions: {
      cancel: { allowed: true, creditOutcome: 'NONE', message: null, ...cancel },
      reschedule: { allowed: true, message: null },
    },
  };
}

const money = (m: { amount: number; currency: string }) => formatMoney(m, 'en');
const keys = (a: Appointment) => cancelConsequence(a, money).map((s) => s.key);

describe('cancelConsequence', () => {
  it('says what happens to the credit', () => {
    expect(keys(appointment({ creditOutcome: 'REFUNDED' }))).toEqual(['cancel.creditReturned']);
    expect(keys(appointment({ creditOutcome: 'FORFEITED' }))).toEqual(['cancel.creditLost']);
    expect(keys(appointment({ creditOutcome: 'NONE' }))).toEqual(['cancel.nothingCharged']);
  });

  it('names a late-cancellation fee in money and drops "nothing will be charged"', () => {
    const sentences = cancelConsequence(
      appointment({ creditOutcome: 'NONE', fee: { amount: 5000, currency: 'AED' } }),
      money,
    );
    expect(sentences.map((s) => s.key)).toEqual(['cancel.fee']);
    expect(sentences[0]?.values?.money?.replace(/\s/g, ' ')).toBe('AED 50.00');
  });

  it('speaks of the payment for a booking paid online', () => {
    expect(keys(appointment({ creditOutcome: 'REFUNDED' }, 'PAYMENT'))).toEqual(['cancel.paymentRefunded']);
  });
});

describe('CancelDialog', () => {
  beforeEach(() => {
    endSession('logout');
  });

  function stub(cancelAnswer: () => Response) {
    return stubApi({
      'POST /api/client-portal/auth/refresh': () => json(200, session()),
      'GET /api/client-portal/branding': () => json(200, {}),
      'POST /api/client-portal/appointments/appt-1/cancel': cancelAnswer,
    });
  }

  it('shows the consequence and the studio message before confirming', async () => {
    stub(() => json(200, {}));
    const a = appointment({
      creditOutcome: 'FORFEITED',
      fee: { amount: 2500, currency: 'AED' },
      message: 'Less than 12 hours to go: cancelling now forfeits the credit.',
    });

    renderWithProviders(<CancelDialog appointment={a} onClose={() => undefined} onCancelled={() => undefined} />);

    const dialog = await screen.findByRole('dialog', { name: 'Cancel Vinyasa Flow?' });
    expect(dialog).toHaveTextContent('A late-cancellation fee of AED 25.00 applies.');
    expect(dialog).toHaveTextContent('Your credit will not be returned.');
    expect(dialog).toHaveTextContent('Less than 12 hours to go: cancelling now forfeits the credit.');
    expect(screen.getByRole('button', { name: 'Keep booking' })).toBeInTheDocument();
  });

  it('cancels on confirm', async () => {
    const api = stub(() => json(200, { appointment: {}, creditOutcome: 'REFUNDED', message: 'ok' }));
    const onCancelled = vi.fn();

    renderWithProviders(
      <CancelDialog appointment={appointment({ creditOutcome: 'REFUNDED' })} onClose={() => undefined} onCancelled={onCancelled} />,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel booking' }));

    await vi.waitFor(() => expect(onCancelled).toHaveBeenCalledWith(expect.objectContaining({ creditOutcome: 'REFUNDED' })));
    expect(api.callsTo('POST', '/api/client-portal/appointments/appt-1/cancel')[0]?.headers.get('Authorization')).toBe(
      'Bearer token-1',
    );
  });

  it("shows the server's detail when it refuses with 409", async () => {
    stub(() => problem(409, 'CANCEL_WINDOW_PASSED', 'Contact the studio to cancel within 12 hours of the class.'));
    const onCancelled = vi.fn();

    renderWithProviders(
      <CancelDialog appointment={appointment({ creditOutcome: 'REFUNDED' })} onClose={() => undefined} onCancelled={onCancelled} />,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel booking' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Contact the studio to cancel within 12 hours of the class.');
    expect(onCancelled).not.toHaveBeenCalled();
  });
});
