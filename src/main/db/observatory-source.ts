import type { StatsLevel } from '../../shared/types/stats';
import type { SqlExecutor } from './sql-executor';

/** A territory of the statistics and a period of local days. */
export interface ObservatoryScope {
  level: StatsLevel;
  code: string;
  from: string;
  to: string;
}

/**
 * Operators with journeys starting or ending in the territory (directions `from` or `to` of the aggregates, which
 * together hold every such journey), per month overlapping the period, and over the whole period: the
 * Statistiques page's operator shares count the same months. Unknown operators count as one (id 0).
 */
export async function operatorsByMonth(db: SqlExecutor, scope: ObservatoryScope): Promise<{ months: Array<{ month: string; operators: number }>; total: number }> {
  const where = "level = ? AND code = ? AND month BETWEEN substr(?, 1, 7) AND substr(?, 1, 7) AND direction IN ('from', 'to') AND journeys > 0";
  const bindings = [scope.level, scope.code, scope.from, scope.to];
  const months = await db.all<{ month: string; operators: number }>(
    `SELECT month, COUNT(DISTINCT operator_id) AS operators FROM stats_op_month WHERE ${where} GROUP BY month ORDER BY month`,
    bindings,
  );
  const [total] = await db.all<{ n: number }>(`SELECT COUNT(DISTINCT operator_id) AS n FROM stats_op_month WHERE ${where}`, bindings);
  return { months, total: total?.n ?? 0 };
}

/**
 * Carpools (car trips) starting in each AOM in each of the given months (`YYYY-MM`), from the daily aggregates:
 * counted by their start, each car trip belongs to one AOM only, so groups of AOM add up without double counts.
 */
export async function aomCarpoolsByMonth(db: SqlExecutor, months: readonly string[]): Promise<Array<{ code: string; month: string; carpools: number }>> {
  if (months.length === 0) return [];
  const ranges = months.map(() => '(day >= ? AND day <= ?)').join(' OR ');
  return db.all(
    `SELECT code, substr(day, 1, 7) AS month, SUM(trips) AS carpools FROM stats_day
     WHERE level = 'aom' AND direction = 'from' AND (${ranges}) GROUP BY code, month`,
    months.flatMap((month) => [`${month}-01`, `${month}-31`]),
  );
}
