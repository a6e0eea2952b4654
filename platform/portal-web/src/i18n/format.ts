// Dates, times, numbers and money in the UI language and the customer's time zone, always through Intl.
import type { Money } from '../api/types';

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** Minor units per major unit of a currency (AED 2, JPY 0, KWD 3), as Intl knows them. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Money from the API, which counts in minor units. */
export function formatMoney(money: Money, language: string): string {
  const digits = minorDigits(money.currency);
  return new Intl.NumberFormat(language, { style: 'currency', currency: money.currency }).format(
    money.amount / 10 ** digits,
  );
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** A signed count, e.g. "+10" / "−1", for ledger rows. */
export function formatDelta(value: number, language: string): string {
  return new Intl.NumberFormat(language, { signDisplay: 'exceptZero' }).format(value);
}

/** "18:00": 24-hour clock, in the given zone. */
export function formatTime(value: string | Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    toDate(value),
  );
}

/** "Tuesday, December 1": a day heading. */
export function formatDay(value: string | Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(
    toDate(value),
  );
}

/** "Dec 1, 2026": a calendar date. */
export function formatDate(value: string | Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(
    toDate(value),
  );
}

/** "Tue, Dec 1, 18:00": when a booking is. */
export function formatDateTime(value: string | Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(toDate(value));
}

/** The calendar day in a zone as YYYY-MM-DD, for grouping. */
export function dayKey(value: string | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(toDate(value));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The hour of the day (0-23) in a zone. */
export function hourIn(value: string | Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(toDate(value))
    .find((p) => p.type === 'hour')?.value;
  return Number(hour ?? 0);
}

export type DayPart = 'morning' | 'afternoon' | 'evening';

export function dayPart(now: Date, timeZone: string): DayPart {
  const hour = hourIn(now, timeZone);
  if (hour >= 5 && hour < 12) {
    return 'morning';
  }
  if (hour >= 12 && hour < 18) {
    return 'afternoon';
  }
  return 'evening';
}

/** A language's name in itself ("English", "العربية"), for language pickers. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
