/** Excel serial day number of a Paris wall-clock `YYYY-MM-DD HH:MM[:SS]` (shown as is whatever the reader's zone). */
export function excelSerial(local: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // 25,569 days from Excel's day 0 (1899-12-30) to 1970-01-01.
  return Number.isFinite(ms) ? ms / 86_400_000 + 25_569 : null;
}
