import type { ScanScope } from '../../shared/types/reviews';

/**
 * Days of history read around a scoped scan: person and graph checks look back 30 days (G02) and over whole
 * months (H06, H07, G04), so a scan of some days reads the whole months around them, 30 days further each way.
 */
export const CONTEXT_DAYS = 30;

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The local days a scoped scan reads: its period widened by the context, to whole months; null reads everything. */
export function readWindow(scope: ScanScope): { from: string; to: string } | null {
  if (!scope.from || !scope.to) return null;
  const from = `${shiftDay(scope.from, -CONTEXT_DAYS).slice(0, 7)}-01`;
  const after = shiftDay(scope.to, CONTEXT_DAYS);
  const [y, m] = after.split('-').map(Number) as [number, number];
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from, to };
}

/** Whether the scope covers the whole store (then the scan replaces every current flag). */
export function isWholeStore(scope: ScanScope): boolean {
  return !scope.from && !scope.territory;
}

/** Last day (YYYY-MM-DD) of the month of `day`. */
function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * `scope` cut into calendar months over `days` (its own period, or the store's days for a scope without one): the
 * parts of a scan too large to hold at once, each scanned with its own read window (docs/checks.md « Mémoire »).
 */
export function monthScopes(scope: ScanScope, days: { from: string; to: string }): ScanScope[] {
  const parts: ScanScope[] = [];
  for (let start = `${days.from.slice(0, 7)}-01`; start <= days.to; start = shiftDay(monthEnd(start), 1)) {
    const end = monthEnd(start);
    parts.push({ ...scope, from: start < days.from ? days.from : start, to: end > days.to ? days.to : end });
  }
  return parts;
}
