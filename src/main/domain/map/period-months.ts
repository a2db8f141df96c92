/** Days and months as calendar strings (`YYYY-MM-DD`, `YYYY-MM`), computed in UTC so no time zone shifts a day. */

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayString(number: number): string {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

/** The day after `day`, or `delta` days later (negative: earlier). */
export function addDays(day: string, delta: number): string {
  return dayString(dayNumber(day) + delta);
}

/** Last day of the month of `day` (`2024-02-10` → `2024-02-29`). */
function lastDayOfMonth(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

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
    const monthEnd = lastDayOfMonth(cursor);
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
  const length = dayNumber(to) - dayNumber(from) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
