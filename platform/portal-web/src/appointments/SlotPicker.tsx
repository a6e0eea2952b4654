import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Slot } from '../api/types';
import { formatDay, formatTime } from '../i18n/format';
import { groupSlotsByDay, slotId } from './slots';

interface SlotPickerProps {
  slots: readonly Slot[];
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
  language: string;
  timeZone: string;
}

/**
 * Free times grouped by day: each day a labelled group, each time a toggle button named by the time itself
 * ("18:00"), plus the instructor when the times are with more than one.
 */
export function SlotPicker({ slots, selected, onSelect, language, timeZone }: SlotPickerProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const days = groupSlotsByDay(slots, timeZone);
  const severalStaff = new Set(slots.map((s) => s.staff.id)).size > 1;
  if (days.length === 0) {
    return <p>{t('slots.none')}</p>;
  }
  return (
    <div className="slot-picker">
      {days.map((day) => {
        const labelId = `${baseId}-${day.key}`;
        const first = day.slots[0];
        return (
          <div key={day.key} role="group" aria-labelledby={labelId} className="slot-day">
            <h3 id={labelId} className="slot-day-label" data-volatile>
              {first ? formatDay(first.startsAt, language, timeZone) : day.key}
            </h3>
            <div className="slot-grid">
              {day.slots.map((slot) => {
                const isSelected = selected !== null && slotId(selected) === slotId(slot);
                return (
                  <button
                    key={slotId(slot)}
                    type="button"
                    className="slot"
                    aria-pressed={isSelected}
                    onClick={() => onSelect(slot)}
                    data-volatile
                  >
                    {formatTime(slot.startsAt, language, timeZone)}
                    {severalStaff ? ` · ${slot.staff.name}` : ''}
                  </button>
                );
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
