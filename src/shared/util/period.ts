/**
 * The last three whole months of a covered period (`YYYY-MM-DD` days), clipped to its start: the default period of
 * the Statistiques and Campagnes pages (« the last three months » question).
 */
export function lastThreeMonths(covered: { from: string; to: string }): { from: string; to: string } {
  const [year, month] = covered.to.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 3, 1)).toISOString().slice(0, 10);
  return { from: start > covered.from ? start : covered.from, to: covered.to };
}
