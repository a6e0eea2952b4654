import { describe, expect, it } from 'vitest';
import { channelsFor, classifyAddress } from './address';

describe('classifyAddress', () => {
  it('takes anything with an @ as an email', () => {
    expect(classifyAddress(' Maya@Example.com ')).toEqual({ kind: 'email', value: 'maya@example.com', valid: true });
    expect(classifyAddress('maya@')).toMatchObject({ kind: 'email', valid: false });
  });

  it('normalises a phone number to E.164', () => {
    expect(classifyAddress('+971 50 123-4567')).toEqual({ kind: 'phone', value: '+971501234567', valid: true });
    expect(classifyAddress('050 123 4567')).toMatchObject({ kind: 'phone', valid: false });
  });

  it('knows neither for other text', () => {
    expect(classifyAddress('maya')).toMatchObject({ kind: 'unknown', valid: false });
  });
});

describe('channelsFor', () => {
  it('offers email to an email and SMS/WhatsApp to a phone, among the studio channels', () => {
    expect(channelsFor('email', ['email', 'sms', 'whatsapp'])).toEqual(['email']);
    expect(channelsFor('phone', ['email', 'sms', 'whatsapp'])).toEqual(['sms', 'whatsapp']);
    expect(channelsFor('phone', ['email', 'sms'])).toEqual(['sms']);
    expect(channelsFor('email', ['sms'])).toEqual([]);
  });
});
