/** Calendar arithmetic on local days `YYYY-MM-DD` and months `YYYY-MM` (pure: no time zone, days are already local). */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → milliseconds of that day at 00:00 UTC (a day number, not an instant). */
function dayValue(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** A day number back to `YYYY-MM-DD`. */
function dayText(value: number): string {
  return new Date(value).toISOString().slice(0, 10);
}

/** `day` moved by `days` (negative: back). */
export function addDays(day: string, days: number): string {
  return dayText(dayValue(day) + days * DAY_MS);
}

/** Days from `from` to `to`, both included (1 for a single day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayValue(to) - dayValue(from)) / DAY_MS) + 1;
}

/** `2026-10` moved by `months` (negative: back): `2026-10` − 11 → `2025-11`. */
export function addMonths(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Last day of a month `YYYY-MM`. */
export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/**
 * The last `count` complete months of what a store covers (its first and last local days): they end with the last
 * month whose every day is covered by the store's span (the month of `last` when `last` is its last day, else the
 * month before), and start no earlier than the month of `first` (a store of three months gives three, not twelve).
 * Null when the store does not cover a single whole month.
 */
export function lastCompleteMonths(coverage: { first: string; last: string }, count: number): { from: string; to: string } | null {
  const lastMonth = coverage.last === lastDayOfMonth(coverage.last.slice(0, 7)) ? coverage.last.slice(0, 7) : addMonths(coverage.last.slice(0, 7), -1);
  const firstMonth = coverage.first.endsWith('-01') ? coverage.first.slice(0, 7) : addMonths(coverage.first.slice(0, 7), 1);
  if (lastMonth < firstMonth) return null;
  const start = addMonths(lastMonth, -(count - 1));
  return { from: `${start > firstMonth ? start : firstMonth}-01`, to: lastDayOfMonth(lastMonth) };
}

/** Months `YYYY-MM` wholly inside a period of days, in order. */
export function completeMonths(from: string, to: string): string[] {
  const months: string[] = [];
  let month = from.endsWith('-01') ? from.slice(0, 7) : addMonths(from.slice(0, 7), 1);
  while (lastDayOfMonth(month) <= to) {
    months.push(month);
    month = addMonths(month, 1);
  }
  return months;
}

/** Months `YYYY-MM` a period of days touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addMonths(month, 1)) months.push(month);
  return months;
}
