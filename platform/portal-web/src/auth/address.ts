import type { LoginChannel } from '../api/types';

export type AddressKind = 'email' | 'phone';

export type Address =
  | { kind: 'email'; value: string; valid: boolean }
  | { kind: 'phone'; value: string; valid: boolean }
  | { kind: 'unknown'; value: string; valid: false };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const PHONE_CHARACTERS = /^[+0-9\s().-]+$/;

/** What the customer typed: an email (has an @), a phone number (digits and separators), or neither yet. */
export function classifyAddress(input: string): Address {
  const raw = input.trim();
  if (raw.includes('@')) {
    const value = raw.toLowerCase();
    return { kind: 'email', value, valid: EMAIL.test(value) };
  }
  if (raw.length > 0 && PHONE_CHARACTERS.test(raw) && /[0-9]/.test(raw)) {
    // People write numbers with spaces and dashes; the server wants E.164.
    const value = raw.replace(/[\s().-]/g, '');
    return { kind: 'phone', value, valid: E164.test(value) };
  }
  return { kind: 'unknown', value: raw, valid: false };
}

/** The studio's login channels that can reach this kind of address: email for an email, SMS/WhatsApp for a phone. */
export function channelsFor(kind: AddressKind | 'unknown', offered: readonly LoginChannel[]): LoginChannel[] {
  if (kind === 'email') {
    return offered.filter((c) => c === 'email');
  }
  if (kind === 'phone') {
    return offered.filter((c) => c === 'sms' || c === 'whatsapp');
  }
  return [];
}
