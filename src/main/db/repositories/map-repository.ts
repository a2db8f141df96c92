import type { Knex } from 'knex';
import { knexExecutor } from '../knex-executor';
import { LEVEL_COLUMNS } from '../level-columns';
import { hourBandSql, isoWeekdaySql } from '../map-refresh';
import type { SqlExecutor } from '../sql-executor';
import type { MapScope } from '../../domain/map/map-scope';
import { wholeMonthsOf } from '../../domain/map/period-months';

/** Journeys of one directed pair of places; `origin_in`/`destination_in` say whether that end lies in the territory. */
export interface FlowRow {
  origin: string;
  destination: string;
  journeys: number;
  rpc_cents: number;
  origin_in: number;
  destination_in: number;
}

/** Journeys the aggregates count (as the statistics): validated by the registry, or open data without status. */
const VALID = "(t.status = 'ok' OR t.status IS NULL)";
/** Journeys flagged by a current check (the Contrôles queue). */
const FLAGGED = 't.natural_key IN (SELECT fj.natural_key FROM check_flag_journeys fj JOIN check_flags f ON f.id = fj.flag_id WHERE f.current = 1)';
const RPC_CENTS = 'COALESCE(t.rpc_incentive_0_cents, 0) + COALESCE(t.rpc_incentive_1_cents, 0) + COALESCE(t.rpc_incentive_2_cents, 0)';

/** `?, ?, ?` for a list of bindings. */
const marks = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/**
 * Conditions shared by the aggregate and journey reads (on rows aliased `t` whose columns carry both ends' codes,
 * `start_insee`… as in `trips`): territory and direction, weekdays and bands, both ends known at the flow level.
 */
function scopeConditions(scope: MapScope, dow: string, band: string): { sql: string[]; bindings: Array<string | number> } {
  const [start, end] = LEVEL_COLUMNS[scope.level];
  const sql = [`t.${start} IS NOT NULL`, `t.${end} IS NOT NULL`];
  const bindings: Array<string | number> = [];
  if (scope.territory) {
    const [tStart, tEnd] = LEVEL_COLUMNS[scope.territory.level];
    const code = scope.territory.code;
    if (scope.direction === 'from') sql.push(`t.${tStart} = ?`);
    else if (scope.direction === 'to') sql.push(`t.${tEnd} = ?`);
    else if (scope.direction === 'intra') sql.push(`t.${tStart} = ? AND t.${tEnd} = ?`);
    else sql.push(`(t.${tStart} = ? OR t.${tEnd} = ?)`);
    bindings.push(...(scope.direction === 'from' || scope.direction === 'to' ? [code] : [code, code]));
  } else if (scope.direction === 'intra') {
    sql.push(`t.${start} = t.${end}`);
  }
  if (scope.days) {
    sql.push(`${dow} IN (${marks(scope.days)})`);
    bindings.push(...scope.days);
  }
  if (scope.bands) {
    sql.push(`${band} IN (${marks(scope.bands)})`);
    bindings.push(...scope.bands);
  }
  return { sql, bindings };
}

/** Selected columns of a flow read: the pair at the flow level and whether each end lies in the territory. */
function pairColumns(scope: MapScope): { sql: string; bindings: string[] } {
  const [start, end] = LEVEL_COLUMNS[scope.level];
  if (!scope.territory) return { sql: `t.${start} AS origin, t.${end} AS destination, 1 AS origin_in, 1 AS destination_in`, bindings: [] };
  const [tStart, tEnd] = LEVEL_COLUMNS[scope.territory.level];
  return {
    sql: `t.${start} AS origin, t.${end} AS destination, MAX(CASE WHEN t.${tStart} = ? THEN 1 ELSE 0 END) AS origin_in, MAX(CASE WHEN t.${tEnd} = ? THEN 1 ELSE 0 END) AS destination_in`,
    bindings: [scope.territory.code, scope.territory.code],
  };
}

/**
 * The smallest aggregate table holding a scope's figures: without weekday or band filter the pairs' monthly totals
 * hold them in far fewer rows, and without communes (flow level and territory) the areas' totals in fewer still.
 */
function aggregateTable(scope: MapScope): 'map_flow_month' | 'map_pair_month' | 'map_area_month' {
  if (scope.days !== null || scope.bands !== null) return 'map_flow_month';
  return scope.level === 'com' || scope.territory?.level === 'com' ? 'map_pair_month' : 'map_area_month';
}

/**
 * Reads the map aggregates (migration 202612071010_map_aggregates): flows of whole months from the smallest table
 * that holds them (`aggregateTable`),
 * the days of a period's incomplete first and last months from the journeys themselves (same definition: validated,
 * confirmed fraud excluded), so any period of days is exact while the usual whole-month periods never touch `trips`.
 */
export class MapRepository {
  /** Through `knexExecutor`: one SQL text and one row shape on both engines (knex's `raw` answers PostgreSQL's result object). */
  private readonly sql: SqlExecutor;

  constructor(db: Knex) {
    this.sql = knexExecutor(db);
  }

  private rows<T>(sql: string, bindings: ReadonlyArray<string | number>): Promise<T[]> {
    return this.sql.all<T>(sql, bindings);
  }

  /** Directed flows of a scope, with their journeys and registry incentives (cents). */
  async flows(scope: MapScope): Promise<FlowRow[]> {
    const { months, partial } = wholeMonthsOf(scope.from, scope.to);
    const parts: string[] = [];
    const bindings: Array<string | number> = [];
    const pair = pairColumns(scope);
    const [start, end] = LEVEL_COLUMNS[scope.level];
    if (months.length > 0) {
      const where = scopeConditions(scope, 't.dow', 't.band');
      const table = aggregateTable(scope);
      parts.push(`SELECT ${pair.sql}, SUM(t.journeys) AS journeys, SUM(t.rpc_cents) AS rpc_cents FROM ${table} t
        WHERE t.month IN (${marks(months)}) AND ${where.sql.join(' AND ')} GROUP BY t.${start}, t.${end}`);
      bindings.push(...pair.bindings, ...months, ...where.bindings);
    }
    for (const range of partial) {
      const read = this.journeyFlows(scope, range, false);
      parts.push(read.sql);
      bindings.push(...read.bindings);
    }
    if (parts.length === 0) return [];
    // One part is already grouped by pair: regrouping it would sort every pair again for nothing.
    if (parts.length === 1) return this.rows<FlowRow>(parts[0] as string, bindings);
    return this.rows<FlowRow>(
      `SELECT origin, destination, SUM(journeys) AS journeys, SUM(rpc_cents) AS rpc_cents, MAX(origin_in) AS origin_in, MAX(destination_in) AS destination_in
       FROM (${parts.join(' UNION ALL ')}) AS parts GROUP BY origin, destination`,
      bindings,
    );
  }

  /** Directed flows of the scope's journeys flagged by a current check (read from the journeys: flags change often). */
  async flaggedFlows(scope: MapScope): Promise<FlowRow[]> {
    const read = this.journeyFlows(scope, { from: scope.from, to: scope.to }, true);
    return this.rows<FlowRow>(read.sql, read.bindings);
  }

  /** SELECT of the flows of a range of local days read from the journeys, grouped by pair. */
  private journeyFlows(scope: MapScope, range: { from: string; to: string }, flaggedOnly: boolean): { sql: string; bindings: Array<string | number> } {
    const pair = pairColumns(scope);
    const [start, end] = LEVEL_COLUMNS[scope.level];
    const where = scopeConditions(scope, isoWeekdaySql(this.sql.engine, 'substr(t.start_local, 1, 10)'), hourBandSql('CAST(substr(t.start_local, 12, 2) AS INTEGER)'));
    const conditions = ['t.start_local >= ?', 't.start_local < ?', VALID, 't.id NOT IN (SELECT trip_id FROM excluded_trips)', ...where.sql, ...(flaggedOnly ? [FLAGGED] : [])];
    return {
      sql: `SELECT ${pair.sql}, COUNT(*) AS journeys, SUM(${RPC_CENTS}) AS rpc_cents FROM committed_trips t WHERE ${conditions.join(' AND ')} GROUP BY t.${start}, t.${end}`,
      bindings: [...pair.bindings, range.from, `${range.to} 24:00:00`, ...where.bindings],
    };
  }

  /**
   * Months between two local days (inclusive) that hold statistics but no map aggregates yet (a store refreshed
   * before maps existed): the map asks for a statistics refresh of those months.
   */
  async monthsMissing(from: string, to: string): Promise<string[]> {
    const rows = await this.rows<{ month: string }>(
      'SELECT DISTINCT month FROM stats_op_month WHERE month >= ? AND month <= ? AND month NOT IN (SELECT month FROM map_month) ORDER BY month',
      [from.slice(0, 7), to.slice(0, 7)],
    );
    return rows.map((row) => row.month);
  }

  /** Every commune's position from its journeys' ends (median, degrees) and how many ends placed it. */
  async communePositions(): Promise<Map<string, { lon: number; lat: number; ends: number }>> {
    const rows = await this.rows<{ insee: string; lat: number; lon: number; ends: number }>('SELECT insee, lat, lon, ends FROM map_place', []);
    return new Map(rows.map((row) => [row.insee, { lon: row.lon, lat: row.lat, ends: row.ends }]));
  }
}
