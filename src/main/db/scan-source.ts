import type { ScanScope } from '../../shared/types/reviews';
import type { CheckTrip } from '../domain/checks';
import { periodSql, territorySql } from './level-columns';
import { groupConcat, jsonArrayText } from './sql-dialect';
import { startRead, type SqlExecutor, type StartedRead } from './sql-executor';

/** The columns of `trips` the checks read (`CheckTrip`), in the order they travel in one JSON array per row. */
const FIELDS = [
  'natural_key', 'operator_id', 'operator_trip_id', 'status', 'start_at', 'end_at', 'start_local', 'duration_s', 'distance_m',
  'start_lat', 'start_lon', 'end_lat', 'end_lon', 'start_insee', 'end_insee', 'seats', 'driver_identity_key', 'passenger_identity_key',
  'operator_driver_id', 'operator_passenger_id', 'driver_revenue_cents', 'passenger_contribution_cents',
  'rpc_incentive_0_cents', 'rpc_incentive_1_cents', 'rpc_incentive_2_cents',
] as const;

/** A SQL condition on `trips` aliased `t`, with its bindings. */
export interface ScopeCondition {
  sql: string;
  bindings: string[];
}

/**
 * SQL condition (on `trips` aliased `t`) of the journeys in scope: period on the local start, territory on either
 * end. The flags linking one of these journeys are the ones a scan of this scope replaces.
 */
export function scopeSql(scope: ScanScope): ScopeCondition {
  const parts: string[] = [];
  const bindings: string[] = [];
  for (const condition of [scope.from && scope.to ? periodSql(scope.from, scope.to) : null, scope.territory ? territorySql(scope.territory) : null]) {
    if (!condition) continue;
    parts.push(condition.sql);
    bindings.push(...condition.bindings);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', bindings };
}

/** The journeys a scan checks and which of them are in its scope. */
export interface ScanTrips {
  trips: CheckTrip[];
  /** Natural keys of the journeys in scope (the others are history the person and graph checks look back on). */
  inScope: Set<string>;
}

/** Journeys per page read: one JSON text of a few megabytes each. */
const PAGE_ROWS = 20_000;

/**
 * Reads the journeys of a scan's read window (local days, inclusive; null: the whole store) and marks those of its
 * scope. The journeys come in pages, each one JSON text (node-sqlite3 builds a JS object per row and column, far
 * slower than `JSON.parse` of one string), turned into journeys page by page: holding every row's text until the
 * end doubled the scan's peak memory. Pages follow the order a single query would (row id for the whole store,
 * the local-start index for a window), seeking where the last page ended. `pageRows`: journeys per page.
 */
export async function readScanTrips(
  db: SqlExecutor,
  scope: ScanScope,
  window: { from: string; to: string } | null,
  pageRows = PAGE_ROWS,
): Promise<ScanTrips> {
  const read = window ? periodSql(window.from, window.to) : null;
  const inScopeSql = scopeSql(scope);
  const order = read ? ['t.start_local', 't.id'] : ['t.id'];
  const after = read ? '(t.start_local, t.id) > (?, ?)' : 't.id > ?';
  // SQLite concatenates the rows in the subquery's order; PostgreSQL is told the order (its keys come along).
  const keys = db.engine === 'postgres' ? order.map((column, index) => `, ${column} AS k${index}`).join('') : '';
  const rows = groupConcat(db.engine, 'r', "','", db.engine === 'postgres' ? order.map((_, index) => `k${index}`).join(', ') : undefined);
  const row = jsonArrayText(db.engine, `${FIELDS.map((field) => `t.${field}`).join(', ')}, CASE WHEN ${inScopeSql.sql} THEN 1 ELSE 0 END, t.id`);
  const sql = `SELECT '[' || ${rows} || ']' AS page FROM (
      SELECT ${row} AS r${keys}
      FROM committed_trips t WHERE ${read ? `${read.sql} AND ` : ''}${after} ORDER BY ${order.join(', ')} LIMIT ${pageRows}) p`;
  const trips: CheckTrip[] = [];
  const inScope = new Set<string>();
  const strings = new StringPool();
  const position = (last: ScanPageRow | null): unknown[] =>
    last === null ? (read ? ['', 0] : [0]) : read ? [last[6], last[FIELDS.length + 1]] : [last[FIELDS.length + 1]];
  const page = (after: ScanPageRow | null): StartedRead<Array<{ page: string | null }>> =>
    startRead((started) => db.all<{ page: string | null }>(sql, [...inScopeSql.bindings, ...(read?.bindings ?? []), ...position(after)], started));
  let next: ReturnType<typeof page> | null = page(null);
  while (next) {
    const text = (await next.result)[0]?.page;
    if (!text) break;
    const rows = JSON.parse(text) as ScanPageRow[];
    // The next page is read while this one is turned into journeys (once its read runs on its own).
    next = rows.length === pageRows ? page(rows[rows.length - 1] ?? null) : null;
    if (next) await next.started;
    for (const row of rows) {
      const trip = checkTrip(row, strings);
      if (row[FIELDS.length] === 1) inScope.add(trip.natural_key);
      trips.push(trip);
    }
  }
  return { trips, inScope };
}

/**
 * How many journeys a scan's read window holds (local days, inclusive; null: the whole store): counted on the
 * local-start index before any is read, so that a scan too large for the machine is refused at once.
 */
export async function countScanTrips(db: SqlExecutor, window: { from: string; to: string } | null): Promise<number> {
  const read = window ? periodSql(window.from, window.to) : null;
  const rows = await db.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM committed_trips t${read ? ` WHERE ${read.sql}` : ''}`, read?.bindings ?? []);
  return Number(rows[0]?.n ?? 0);
}

/** First and last local day (YYYY-MM-DD) of the store's journeys, null when it holds none. */
export async function scanDayRange(db: SqlExecutor): Promise<{ from: string; to: string } | null> {
  const [row] = await db.all<{ first: string | null; last: string | null }>('SELECT MIN(start_local) AS first, MAX(start_local) AS last FROM committed_trips');
  return row?.first && row.last ? { from: row.first.slice(0, 10), to: row.last.slice(0, 10) } : null;
}

/** The values of some journey fields, in their order. */
type FieldValues<F extends readonly (keyof CheckTrip)[]> = { [I in keyof F]: CheckTrip[F[I] & keyof CheckTrip] };
/** One row as read: the values of `FIELDS`, in order. */
type ScanRow = FieldValues<typeof FIELDS>;
/** A row of a page: the values of `FIELDS`, then 1 when the journey is in scope (else 0), then its row id. */
type ScanPageRow = [...ScanRow, 0 | 1, number];

/**
 * One copy of each distinct text: a person's identity key or user id comes back with each of their journeys, and
 * times (ceiled to 10 minutes) with thousands of journeys; sharing them takes hundreds of megabytes off a scan of
 * a million journeys.
 */
class StringPool {
  private readonly seen = new Map<string, string>();

  get<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.seen.get(value) as T | undefined;
    if (known !== undefined) return known;
    this.seen.set(value, value);
    return value;
  }
}

/**
 * A journey from its row, written as one object literal: every journey then shares one compact shape, a third
 * smaller than an object grown field by field (a million of them are held at once).
 */
function checkTrip(v: ScanPageRow, strings: StringPool): CheckTrip {
  return {
    natural_key: v[0], operator_id: v[1], operator_trip_id: v[2], status: v[3], start_at: strings.get(v[4]), end_at: strings.get(v[5]),
    start_local: strings.get(v[6]), duration_s: v[7], distance_m: v[8], start_lat: v[9], start_lon: v[10], end_lat: v[11], end_lon: v[12],
    start_insee: v[13], end_insee: v[14], seats: v[15], driver_identity_key: strings.get(v[16]), passenger_identity_key: strings.get(v[17]),
    operator_driver_id: strings.get(v[18]), operator_passenger_id: strings.get(v[19]), driver_revenue_cents: v[20], passenger_contribution_cents: v[21], rpc_incentive_0_cents: v[22],
    rpc_incentive_1_cents: v[23], rpc_incentive_2_cents: v[24],
  };
}

/**
 * Labels of the demo's injected patterns (natural key → check ids expected to flag it) for the journeys in `keys`;
 * empty on a store of real extracts.
 */
export async function readDemoLabels(db: SqlExecutor, keys: ReadonlySet<string>): Promise<Record<string, string[]>> {
  const rows = await db.all<{ natural_key: string; check_ids_json: string }>('SELECT natural_key, check_ids_json FROM demo_labels');
  const labels: Record<string, string[]> = {};
  for (const row of rows) if (keys.has(row.natural_key)) labels[row.natural_key] = JSON.parse(row.check_ids_json) as string[];
  return labels;
}
