import { HOUR_BAND_STARTS } from '../../shared/types/map';
import { insertRows } from './multi-row-insert';
import type { SqlExecutor } from './sql-executor';
import type { SqlEngine } from './store-address';
import { ADVISORY_LOCKS, lockTransaction } from './advisory-locks';

/**
 * ISO weekday (1 = Monday … 7 = Sunday) of a local day `YYYY-MM-DD` (SQLite's `strftime('%w')` counts from
 * Sunday = 0; PostgreSQL's `isodow` is the ISO weekday).
 */
export function isoWeekdaySql(engine: SqlEngine, day: string): string {
  if (engine === 'postgres') return `CAST(EXTRACT(ISODOW FROM CAST(${day} AS DATE)) AS INTEGER)`;
  return `((CAST(strftime('%w', ${day}) AS INTEGER) + 6) % 7) + 1`;
}

/**
 * A temporary table of the refresh, named in the temporary schema so that it never reaches a store table: `temp`
 * on SQLite, `pg_temp` (the session's own) on PostgreSQL.
 */
export function tempTable(engine: SqlEngine, name: string): string {
  return `${engine === 'postgres' ? 'pg_temp' : 'temp'}.${name}`;
}

/**
 * Serialises the writers of the statistics and map aggregates across connections, at the start of a write
 * transaction. SQLite's `BEGIN IMMEDIATE` already does; on PostgreSQL two refreshes replacing the same month would
 * each delete the rows they see and insert their own (READ COMMITTED): duplicate keys. Held until the transaction ends.
 */
export async function lockAggregates(tx: SqlExecutor): Promise<void> {
  await lockTransaction(tx, ADVISORY_LOCKS.aggregates);
}

/** Hour band index (position in `HourBand`) of a local start hour, from the bands' first hours. */
export function hourBandSql(hour: string): string {
  const starts = Object.values(HOUR_BAND_STARTS);
  const cases = starts.slice(1).map((start, index) => `WHEN ${hour} < ${start} THEN ${index}`);
  return `CASE ${cases.join(' ')} ELSE ${starts.length - 1} END`;
}

/** Codes of both ends at every level kept by the flow aggregates (map_flow_month columns). */
export const MAP_END_COLUMNS = ['start_insee', 'end_insee', 'start_epci', 'end_epci', 'start_aom', 'end_aom', 'start_dep', 'end_dep', 'start_reg', 'end_reg'] as const;

/** The same without the communes: what maps of EPCI, AOM and départements read. */
const AREA_END_COLUMNS = MAP_END_COLUMNS.filter((column) => !column.endsWith('_insee'));

/** Weighted median (by ends) of one coordinate over the monthly medians of each commune. */
const weightedMedianSql = (axis: 'lat' | 'lon'): string => `
  SELECT insee, MIN(${axis}) AS ${axis} FROM (
    SELECT insee, ${axis}, SUM(ends) OVER (PARTITION BY insee ORDER BY ${axis} ROWS UNBOUNDED PRECEDING) AS running, SUM(ends) OVER (PARTITION BY insee) AS total
    FROM map_place_month
  ) AS ranked WHERE running * 2 >= total GROUP BY insee`;

/**
 * Stages the month's flows (`MonthMapFlows` rows: weekday, band, the ten codes, journeys, cents) in a temporary
 * table: written before the month's write transaction, read by `writeMapMonth` inside it.
 */
export async function stageMapMonth(db: SqlExecutor, rows: ReadonlyArray<ReadonlyArray<string | number | null>>): Promise<void> {
  const staged = tempTable(db.engine, 'refresh_map_flows');
  await db.exec(`DROP TABLE IF EXISTS ${staged}`);
  await db.exec(`CREATE TEMP TABLE refresh_map_flows (dow INTEGER, band INTEGER, ${MAP_END_COLUMNS.map((column) => `${column} TEXT`).join(', ')}, journeys BIGINT, rpc_cents BIGINT)`);
  await insertRows(db, staged, ['dow', 'band', ...MAP_END_COLUMNS, 'journeys', 'rpc_cents'], rows);
}

/**
 * Replaces the month's map aggregates by the staged flows and the communes' positions (`[insee, lat, lon, ends]`,
 * medians of the month's journeys' ends); runs inside the month's write transaction.
 */
export async function writeMapMonth(tx: SqlExecutor, month: string, journeys: number, places: ReadonlyArray<readonly [string, number, number, number]>): Promise<void> {
  const flows = tempTable(tx.engine, 'refresh_map_flows');
  for (const table of ['map_flow_month', 'map_pair_month', 'map_area_month', 'map_place_month']) await tx.run(`DELETE FROM ${table} WHERE month = ?`, [month]);
  await tx.run(`INSERT INTO map_flow_month (month, dow, band, ${MAP_END_COLUMNS.join(', ')}, journeys, rpc_cents)
    SELECT ?, dow, band, ${MAP_END_COLUMNS.join(', ')}, journeys, rpc_cents FROM ${flows}`, [month]);
  await tx.run(`INSERT INTO map_pair_month (month, ${MAP_END_COLUMNS.join(', ')}, journeys, rpc_cents)
    SELECT ?, ${MAP_END_COLUMNS.join(', ')}, SUM(journeys), SUM(rpc_cents) FROM ${flows} GROUP BY ${MAP_END_COLUMNS.join(', ')}`, [month]);
  await tx.run(`INSERT INTO map_area_month (month, ${AREA_END_COLUMNS.join(', ')}, journeys, rpc_cents)
    SELECT ?, ${AREA_END_COLUMNS.join(', ')}, SUM(journeys), SUM(rpc_cents) FROM ${flows} GROUP BY ${AREA_END_COLUMNS.join(', ')}`, [month]);
  await insertRows(tx, 'map_place_month', ['month', 'insee', 'lat', 'lon', 'ends'], places.map((place) => [month, ...place]), 2);
  await tx.run('INSERT INTO map_month (month, journeys) VALUES (?, ?) ON CONFLICT (month) DO UPDATE SET journeys = excluded.journeys', [month, journeys]);
}

/** Drops the staged map tables of a month. */
export async function dropStagedMapMonth(db: SqlExecutor): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${tempTable(db.engine, 'refresh_map_flows')}`);
}

/** Rebuilds every commune's position over all months (after the months of a refresh are written). */
export async function rebuildMapPlaces(db: SqlExecutor): Promise<void> {
  const staged = tempTable(db.engine, 'refresh_map_place');
  await db.exec(`DROP TABLE IF EXISTS ${staged}`);
  await db.run(`CREATE TEMP TABLE refresh_map_place AS
    SELECT la.insee AS insee, la.lat AS lat, lo.lon AS lon, (SELECT SUM(ends) FROM map_place_month m WHERE m.insee = la.insee) AS ends
    FROM (${weightedMedianSql('lat')}) la JOIN (${weightedMedianSql('lon')}) lo ON lo.insee = la.insee`);
  await db.transaction(async (tx) => {
    await lockAggregates(tx);
    await tx.run('DELETE FROM map_place');
    await tx.run(`INSERT INTO map_place (insee, lat, lon, ends) SELECT insee, lat, lon, ends FROM ${staged}`);
  });
  await db.exec(`DROP TABLE ${staged}`);
}
