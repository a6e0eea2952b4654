import type { Slot } from '../api/types';
import { dayKey } from '../i18n/format';

export interface SlotDay {
  /** YYYY-MM-DD in the customer's zone. */
  key: string;
  slots: Slot[];
}

/** Slots grouped by calendar day in the given zone, days and times in order. */
export function groupSlotsByDay(slots: readonly Slot[], timeZone: string): SlotDay[] {
  const days = new Map<string, Slot[]>();
  [...slots]
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .forEach((slot) => {
      const key = dayKey(slot.startsAt, timeZone);
      const list = days.get(key) ?? [];
      list.push(slot);
      days.set(key, list);
    });
  return [...days.entries()].map(([key, list]) => ({ key, slots: list }));
}

export function slotId(slot: Slot): string {
  return `${slot.startsAt}|${slot.staff.id}`;
}
