import { describe, expect, it } from 'vitest';
import { addDays, addMonths, completeMonths, daysBetween, lastCompleteMonths, lastDayOfMonth, monthsOf } from './calendar';

describe('calendar arithmetic on local days and months', () => {
  it('moves days and months across year ends and leap days', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-08-01', '2026-10-31')).toBe(92);
    expect(daysBetween('2026-08-01', '2026-08-01')).toBe(1);
    expect(addMonths('2026-10', -11)).toBe('2025-11');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
  });

  it('lists the months a period touches and those it holds whole', () => {
    expect(monthsOf('2026-07-15', '2026-10-02')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    expect(completeMonths('2026-07-15', '2026-10-31')).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(completeMonths('2026-08-02', '2026-08-30')).toEqual([]);
  });
});

describe('lastCompleteMonths', () => {
  it('gives the last twelve complete months of a long store', () => {
    expect(lastCompleteMonths({ first: '2023-01-05', last: '2026-11-27' }, 12)).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    // A store ending on a month's last day holds that month whole.
    expect(lastCompleteMonths({ first: '2023-01-05', last: '2026-10-31' }, 12)).toEqual({ from: '2025-11-01', to: '2026-10-31' });
  });

  it('never starts before the first whole month the store holds, and is null without one', () => {
    // The demo: three whole months.
    expect(lastCompleteMonths({ first: '2026-08-01', last: '2026-10-31' }, 12)).toEqual({ from: '2026-08-01', to: '2026-10-31' });
    expect(lastCompleteMonths({ first: '2026-08-03', last: '2026-10-31' }, 12)).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(lastCompleteMonths({ first: '2026-08-03', last: '2026-08-30' }, 12)).toBeNull();
  });
});
