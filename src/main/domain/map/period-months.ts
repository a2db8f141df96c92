/** Whole months and previous periods of map queries, on calendar days (`domain/time/calendar.ts`). */
import { addDays, daysBetween, lastDayOfMonth } from '../time/calendar';

/**
 * Splits a period of days (inclusive) into the calendar months it covers whole and the ranges of days outside
 * them (the incomplete first and last months): `2024-01-15 → 2024-04-10` gives months `2024-02`, `2024-03` and
 * ranges `2024-01-15 → 2024-01-31`, `2024-04-01 → 2024-04-10`. A period inside one month is one range.
 */
export function wholeMonthsOf(from: string, to: string): { months: string[]; partial: Array<{ from: string; to: string }> } {
  const months: string[] = [];
  const partial: Array<{ from: string; to: string }> = [];
  let cursor = from;
  while (cursor <= to) {
    const monthEnd = lastDayOfMonth(cursor.slice(0, 7));
    const end = monthEnd < to ? monthEnd : to;
    if (cursor.endsWith('-01') && end === monthEnd) months.push(cursor.slice(0, 7));
    else {
      const last = partial.at(-1);
      // Two incomplete ranges only touch when the period is inside one month: never merge across a whole month.
      if (last && addDays(last.to, 1) === cursor) last.to = end;
      else partial.push({ from: cursor, to: end });
    }
    cursor = addDays(end, 1);
  }
  return { months, partial };
}

/** The period of the same number of days just before `from → to` (what an evolution compares with). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to);
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
