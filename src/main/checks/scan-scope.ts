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
