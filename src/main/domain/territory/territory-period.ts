/**
 * Periods of the « Mon territoire » page, on Europe/Paris calendar days (`YYYY-MM-DD`, already local): the default
 * period (the last complete months the store holds) and the same period a year before. Calendar arithmetic is
 * `domain/time/calendar.ts`.
 */
import { addMonths, lastDayOfMonth } from '../time/calendar';

/** Months the home page shows by default. */
export const DEFAULT_MONTHS = 3;

/** A period of local days, both included. */
export interface DayPeriod {
  from: string;
  to: string;
}

/** Days in a month (1-based month). */
function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

function parts(day: string): [number, number, number] {
  return day.split('-').map(Number) as [number, number, number];
}

function dayText(year: number, month1: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The default period of the home page: the last `months` complete calendar months of what the store holds
 * (`store`, its first and last local day of journeys). The store's last month is complete when its last day holds
 * journeys; the period starts no earlier than the store's first day. When the store holds no complete month, its
 * whole span.
 */
export function defaultPeriod(store: DayPeriod, months = DEFAULT_MONTHS): DayPeriod {
  const lastMonth = store.to === lastDayOfMonth(store.to.slice(0, 7)) ? store.to.slice(0, 7) : addMonths(store.to.slice(0, 7), -1);
  const to = lastDayOfMonth(lastMonth);
  if (to < store.from) return { ...store };
  const first = `${addMonths(lastMonth, 1 - months)}-01`;
  return { from: first < store.from ? store.from : first, to };
}

/**
 * A day one year earlier. The last day of a month maps to the last day of the same month (29 February 2028 → 28
 * February 2027, 28 February 2025 → 29 February 2024), so that whole months map to whole months.
 */
export function yearEarlier(day: string): string {
  const [year, month, d] = parts(day);
  const length = daysInMonth(year - 1, month);
  const lastDay = d === daysInMonth(year, month);
  return dayText(year - 1, month, lastDay ? length : Math.min(d, length));
}

/** The same period a year before, when the store (`store`, or null when empty) covers all of it; else null. */
export function yearBeforePeriod(period: DayPeriod, store: DayPeriod | null): DayPeriod | null {
  const before = { from: yearEarlier(period.from), to: yearEarlier(period.to) };
  return store !== null && store.from <= before.from && store.to >= before.to ? before : null;
}
