import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Slot } from '../api/types';
import { groupSlotsByDay } from './slots';
import { SlotPicker } from './SlotPicker';

const layla = { id: 'staff-1', name: 'Layla Mansour' };

function slot(startsAt: string, staff = layla): Slot {
  return { startsAt, endsAt: startsAt, staff, spotsLeft: 4 };
}

// 22:30 UTC on 1 December is already 02:30 on 2 December in Dubai (UTC+4).
const lateEvening = slot('2026-12-01T22:30:00Z');
const earlyMorning = slot('2026-12-02T01:00:00Z');
const afternoon = slot('2026-12-02T14:00:00Z');

describe('groupSlotsByDay', () => {
  it('groups by the calendar day of the given time zone', () => {
    expect(groupSlotsByDay([afternoon, lateEvening, earlyMorning], 'Asia/Dubai')).toEqual([
      { key: '2026-12-02', slots: [lateEvening, earlyMorning, afternoon] },
    ]);
    expect(groupSlotsByDay([afternoon, lateEvening, earlyMorning], 'UTC').map((d) => [d.key, d.slots.length])).toEqual([
      ['2026-12-01', 1],
      ['2026-12-02', 2],
    ]);
  });
});

describe('SlotPicker', () => {
  it('shows a labelled group per day with buttons named by the local time', () => {
    render(
      <SlotPicker
        slots={[lateEvening, earlyMorning, afternoon]}
        selected={null}
        onSelect={() => undefined}
        language="en"
        timeZone="Asia/Dubai"
      />,
    );

    const groups = screen.getAllByRole('group');
    expect(groups).toHaveLength(1);
    const day = screen.getByRole('group', { name: 'Wednesday, December 2' });
    expect(within(day).getAllByRole('button').map((b) => b.textContent)).toEqual(['02:30', '05:00', '18:00']);
  });

  it('selects the clicked time and marks it pressed', async () => {
    const onSelect = vi.fn();
    function Harness() {
      const [selected, setSelected] = useState<Slot | null>(null);
      return (
        <SlotPicker
          slots={[lateEvening, afternoon]}
          selected={selected}
          onSelect={(s) => {
            onSelect(s);
            setSelected(s);
          }}
          language="en"
          timeZone="Asia/Dubai"
        />
      );
    }
    render(<Harness />);

    await userEvent.click(screen.getByRole('button', { name: '18:00' }));

    expect(onSelect).toHaveBeenCalledWith(afternoon);
    expect(screen.getByRole('button', { name: '18:00' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: '02:30' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('names the instructor when the times are with more than one', () => {
    const arjun = { id: 'staff-2', name: 'Arjun Mehta' };
    render(
      <SlotPicker
        slots={[afternoon, slot('2026-12-02T14:00:00Z', arjun)]}
        selected={null}
        onSelect={() => undefined}
        language="en"
        timeZone="Asia/Dubai"
      />,
    );

    expect(screen.getByRole('button', { name: '18:00 · Layla Mansour' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '18:00 · Arjun Mehta' })).toBeInTheDocument();
  });

  it('says so when there is no free time', () => {
    render(<SlotPicker slots={[]} selected={null} onSelect={() => undefined} language="en" timeZone="UTC" />);

    expect(screen.getByText('No free times in the next two weeks.')).toBeInTheDocument();
  });
});
