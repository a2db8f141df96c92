import type { TripFilter } from '../../shared/types/trip-filter';
import { TRIP_COLUMNS, type TripRow } from '../domain/trips/trip-row';
import { periodSql, territorySql } from './level-columns';
import { countExcluded, exclusionClause } from './review-exclusions';
import { jsonArrayText } from './sql-dialect';
import type { SqlExecutor } from './sql-executor';

/** A stored journey with its operator's name, as exports print it. */
export type StoredTripWithOperator = TripRow & { operator_name: string | null };

/** Rows read per query: keyset pages keep memory flat and let the writer's backpressure reach the reads. */
const PAGE_ROWS = 5_000;


const FIELDS = [...TRIP_COLUMNS.map((column) => `t.${column}`), 'o.name'];
const NAMES = [...TRIP_COLUMNS, 'operator_name'] as const;

/** SQL conditions and bindings of a filter (the keyset condition is added per page). */
function where(filter: TripFilter): { sql: string; bindings: unknown[] } {
  const period = periodSql(filter.from, filter.to);
  const parts = [period.sql];
  const bindings: unknown[] = [...period.bindings];
  if (filter.territory) {
    const territory = territorySql(filter.territory);
    parts.push(territory.sql);
    bindings.push(...territory.bindings);
  }
  if (filter.operatorId !== undefined) {
    parts.push('t.operator_id = ?');
    bindings.push(filter.operatorId);
  }
  if (filter.status !== undefined) {
    parts.push('t.status = ?');
    bindings.push(filter.status);
  }
  return { sql: parts.join(' AND '), bindings };
}

/**
 * The journeys of a filter in chronological order (local start, then natural key), page by page, without those
 * confirmed as fraud unless `includeConfirmedFraud`. Each row travels
 * as one JSON array column: node-sqlite3 builds a JS object per row and column, twenty times slower than
 * `JSON.parse` of one string.
 */
export async function* tripExportRows(db: SqlExecutor, filter: TripFilter, includeConfirmedFraud = false): AsyncGenerator<StoredTripWithOperator> {
  const base = where(filter);
  base.sql += exclusionClause(includeConfirmedFraud);
  let after: [string, string] | null = null;
  for (;;) {
    const keyset = after ? ' AND t.start_local >= ? AND (t.start_local > ? OR t.natural_key > ?)' : '';
    const bindings = after ? [...base.bindings, after[0], after[0], after[1]] : base.bindings;
    const page = await db.all<{ r: string }>(
      `SELECT ${jsonArrayText(db.engine, FIELDS.join(', '))} AS r FROM committed_trips t LEFT JOIN operators o ON o.id = t.operator_id
       WHERE ${base.sql}${keyset} ORDER BY t.start_local, t.natural_key LIMIT ${PAGE_ROWS}`,
      bindings,
    );
    for (const { r } of page) {
      const values = JSON.parse(r) as unknown[];
      const row: Record<string, unknown> = {};
      NAMES.forEach((name, index) => (row[name] = values[index] ?? null));
      yield row as unknown as StoredTripWithOperator;
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE_ROWS) return;
    const values = JSON.parse(last.r) as unknown[];
    after = [String(values[NAMES.indexOf('start_local')]), String(values[NAMES.indexOf('natural_key')])];
  }
}

/** Number of journeys of a filter (for progress totals). */
export async function countTripExportRows(db: SqlExecutor, filter: TripFilter, includeConfirmedFraud = false): Promise<number> {
  const base = where(filter);
  const [row] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM committed_trips t WHERE ${base.sql}${exclusionClause(includeConfirmedFraud)}`, base.bindings);
  return row?.n ?? 0;
}

/** Journeys of a filter that confirmed fraud leaves out of the export (0 when included). */
export function countTripExportExcluded(db: SqlExecutor, filter: TripFilter, includeConfirmedFraud = false): Promise<number> {
  const base = where(filter);
  return countExcluded(db, base.sql, base.bindings, includeConfirmedFraud);
}
