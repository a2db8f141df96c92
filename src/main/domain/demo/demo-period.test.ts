import { describe, expect, it } from 'vitest';
import { calendarDays } from '../time/paris-time';
import { demoPeriod } from './demo-period';

describe('demoPeriod', () => {
  it.each([
    ['2026-11-28', '2026-08-01', 92], // Aug + Sep + Oct
    ['2026-11-01', '2026-08-01', 92], // first day of the month: same period
    ['2026-01-15', '2025-10-01', 92], // crosses the year back
    ['2026-03-31', '2025-12-01', 90], // Dec + Jan + Feb (28)
    ['2024-03-10', '2023-12-01', 91], // leap February
    ['2026-05-20', '2026-02-01', 89], // Feb + Mar + Apr
  ])('for %s covers %s and %i days', (today, firstDay, days) => {
    expect(demoPeriod(today)).toEqual({ firstDay, days });
  });

  it('covers exactly the three whole months before the current one', () => {
    for (const today of ['2026-01-01', '2026-06-15', '2026-12-31']) {
      const { firstDay, days } = demoPeriod(today);
      const all = [...calendarDays(firstDay, days)];
      const months = new Set(all.map(([y, m]) => `${y}-${m}`));
      expect(months.size).toBe(3);
      expect(all[0]?.[2]).toBe(1);
      // The day after the period is the first of today's month.
      const [last] = [...calendarDays(firstDay, days + 1)].slice(-1);
      expect(`${last?.[0]}-${String(last?.[1]).padStart(2, '0')}-${String(last?.[2]).padStart(2, '0')}`).toBe(`${today.slice(0, 7)}-01`);
    }
  });
});
