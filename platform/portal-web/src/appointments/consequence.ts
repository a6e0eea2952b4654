import type { Appointment, Money } from '../api/types';

export interface Sentence {
  key: string;
  values?: Record<string, string>;
}

/**
 * What cancelling will cost, in the words shown before the customer confirms: the fee if there is one, and what
 * happens to the credit (or, for a booking paid online, the payment).
 */
export function cancelConsequence(
  appointment: Pick<Appointment, 'actions' | 'payment'>,
  money: (value: Money) => string,
): Sentence[] {
  const { creditOutcome, fee } = appointment.actions.cancel;
  const paid = appointment.payment.kind === 'PAYMENT';
  const sentences: Sentence[] = [];
  const hasFee = fee != null && fee.amount > 0;
  if (hasFee) {
    sentences.push({ key: 'cancel.fee', values: { money: money(fee) } });
  }
  switch (creditOutcome) {
    case 'REFUNDED':
      sentences.push({ key: paid ? 'cancel.paymentRefunded' : 'cancel.creditReturned' });
      break;
    case 'FORFEITED':
      sentences.push({ key: paid ? 'cancel.paymentKept' : 'cancel.creditLost' });
      break;
    case 'MANUAL_REVIEW':
      sentences.push({ key: 'cancel.manualReview' });
      break;
    default:
      if (!hasFee) {
        sentences.push({ key: 'cancel.nothingCharged' });
      }
  }
  return sentences;
}
