import { describe, expect, it } from 'vitest';
import { dayKey, dayPart, formatDate, formatDateTime, formatDay, formatMoney, formatTime } from './format';

/** ICU versions differ on whether Arabic uses Arabic-Indic digits; compare digits either way. */
function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u066B]/g, '.');
}

function spaces(text: string): string {
  return text.replace(/[\s\u200E\u200F\u061C]+/g, ' ').trim();
}

describe('money', () => {
  it('shows minor units as the currency amount in English', () => {
    expect(spaces(formatMoney({ amount: 12000, currency: 'AED' }, 'en'))).toBe('AED 120.00');
    expect(formatMoney({ amount: 1990, currency: 'GBP' }, 'en')).toBe('£19.90');
  });

  it('knows currencies without or with three minor digits', () => {
    expect(formatMoney({ amount: 1200, currency: 'JPY' }, 'en')).toBe('¥1,200');
    expect(spaces(formatMoney({ amount: 1500, currency: 'KWD' }, 'en'))).toBe('KWD 1.500');
  });

  it('writes Arabic money with the Arabic currency sign', () => {
    const text = latinDigits(formatMoney({ amount: 12000, currency: 'AED' }, 'ar'));
    expect(text).toContain('120.00');
    expect(text).toContain('د.إ.');
    expect(text).not.toContain('AED');
  });
});

describe('dates and times', () => {
  const sixPmInDubai = '2026-12-01T14:00:00Z';

  it("shows times on a 24-hour clock in the customer's zone", () => {
    expect(formatTime(sixPmInDubai, 'en', 'Asia/Dubai')).toBe('18:00');
    expect(formatTime(sixPmInDubai, 'en', 'Europe/London')).toBe('14:00');
    expect(latinDigits(formatTime(sixPmInDubai, 'ar', 'Asia/Dubai'))).toBe('18:00');
  });

  it('names days in the UI language', () => {
    expect(formatDay(sixPmInDubai, 'en', 'Asia/Dubai')).toBe('Tuesday, December 1');
    const arabic = formatDay(sixPmInDubai, 'ar', 'Asia/Dubai');
    expect(arabic).toContain('الثلاثاء');
    expect(arabic).toContain('ديسمبر');
  });

  it('writes dates and date-times', () => {
    expect(formatDate('2027-01-24T21:10:32+04:00', 'en', 'Asia/Dubai')).toBe('Jan 24, 2027');
    expect(formatDateTime(sixPmInDubai, 'en', 'Asia/Dubai')).toBe('Tue, Dec 1, 18:00');
    expect(latinDigits(formatDateTime(sixPmInDubai, 'ar', 'Asia/Dubai'))).toContain('18:00');
  });

  it('finds the calendar day and the part of the day in a zone', () => {
    expect(dayKey('2026-12-01T22:30:00Z', 'Asia/Dubai')).toBe('2026-12-02');
    expect(dayKey('2026-12-01T22:30:00Z', 'America/New_York')).toBe('2026-12-01');
    expect(dayPart(new Date('2026-12-01T05:00:00Z'), 'Asia/Dubai')).toBe('morning');
    expect(dayPart(new Date('2026-12-01T10:00:00Z'), 'Asia/Dubai')).toBe('afternoon');
    expect(dayPart(new Date('2026-12-01T16:00:00Z'), 'Asia/Dubai')).toBe('evening');
    expect(dayPart(new Date('2026-12-01T16:00:00Z'), 'Europe/London')).toBe('afternoon');
  });
});
