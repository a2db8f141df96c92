/**
 * The period the demo dataset covers: the three whole months before the month of `today` (a Europe/Paris
 * calendar day, `YYYY-MM-DD`), so that "the last 3 months" questions have data.
 */
export function demoPeriod(today: string): { firstDay: string; days: number } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = Date.UTC(year, month - 1 - 3, 1);
  const end = Date.UTC(year, month - 1, 1);
  const firstDate = new Date(first);
  const firstDay = `${firstDate.getUTCFullYear()}-${String(firstDate.getUTCMonth() + 1).padStart(2, '0')}-01`;
  return { firstDay, days: Math.round((end - first) / 86_400_000) };
}
