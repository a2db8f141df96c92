import type { SqlExecutor } from './sql-executor';

/**
 * Journeys an investigator confirmed as fraud, or whose person was (`excluded_trips`, docs/checks.md): left out of
 * simulations and exports unless asked, and counted so that the exclusion shows where it applies. SQL on `trips`
 * aliased `t`; SQLite evaluates the subquery once per statement.
 */
export const EXCLUDED_SQL = 't.id IN (SELECT trip_id FROM excluded_trips)';

/** ` AND <not excluded>` unless confirmed fraud is included. */
export function exclusionClause(includeConfirmedFraud: boolean | undefined): string {
  return includeConfirmedFraud ? '' : ` AND NOT (${EXCLUDED_SQL})`;
}

/** Journeys matching `whereSql` (on `trips t`) that confirmed fraud excludes; 0 when they are included. */
export async function countExcluded(db: SqlExecutor, whereSql: string, bindings: unknown[], includeConfirmedFraud: boolean | undefined): Promise<number> {
  if (includeConfirmedFraud) return 0;
  const [row] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM committed_trips t WHERE ${whereSql} AND ${EXCLUDED_SQL}`, bindings);
  return row?.n ?? 0;
}
