import type { ScanScope } from '../../shared/types/reviews';
import { addDays, lastDayOfMonth, monthsOf } from '../domain/time/calendar';

/**
 * Days of history read around a scoped scan: person and graph checks look back 30 days (G02) and over whole
 * months (H06, H07, G04), so a scan of some days reads the whole months around them, 30 days further each way.
 */
export const CONTEXT_DAYS = 30;

/** The local days a scoped scan reads: its period widened by the context, to whole months; null reads everything. */
export function readWindow(scope: ScanScope): { from: string; to: string } | null {
  if (!scope.from || !scope.to) return null;
  return { from: `${addDays(scope.from, -CONTEXT_DAYS).slice(0, 7)}-01`, to: lastDayOfMonth(addDays(scope.to, CONTEXT_DAYS).slice(0, 7)) };
}

/** Whether the scope covers the whole store (then the scan replaces every current flag). */
export function isWholeStore(scope: ScanScope): boolean {
  return !scope.from && !scope.territory;
}

/**
 * `scope` cut into calendar months over `days` (its own period, or the store's days for a scope without one): the
 * parts of a scan too large to hold at once, each scanned with its own read window (docs/checks.md « Mémoire »).
 */
export function monthScopes(scope: ScanScope, days: { from: string; to: string }): ScanScope[] {
  return monthsOf(days.from, days.to).map((month) => {
    const start = `${month}-01`;
    const end = lastDayOfMonth(month);
    return { ...scope, from: start < days.from ? days.from : start, to: end > days.to ? days.to : end };
  });
}
