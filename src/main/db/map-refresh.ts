import { HOUR_BAND_STARTS } from '../../shared/types/map';
import { insertRows } from './multi-row-insert';
import type { SqlExecutor } from './sql-executor';

/** ISO weekday (1 = Monday … 7 = Sunday) of a staged journey's local day (`strftime('%w')` counts from Sunday = 0). */
export const ISO_WEEKDAY_SQL = (day: string): string => `((CAST(strftime('%w', ${day}) AS INTEGER) + 6) % 7) + 1`;

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

/** The staged month's journeys grouped by weekday, hour band and both ends' codes (temp table, outside any write). */
const STAGE_FLOWS_SQL = `
  CREATE TEMP TABLE refresh_map_flows AS
  SELECT dow, band, ${MAP_END_COLUMNS.join(', ')}, COUNT(*) AS journeys, SUM(rpc_cents) AS rpc_cents
  FROM (SELECT ${ISO_WEEKDAY_SQL('day')} AS dow, ${hourBandSql('hour')} AS band, ${MAP_END_COLUMNS.join(', ')}, rpc_cents FROM refresh_trips)
  GROUP BY dow, band, ${MAP_END_COLUMNS.join(', ')}`;

/** Weighted median (by ends) of one coordinate over the monthly medians of each commune. */
const weightedMedianSql = (axis: 'lat' | 'lon'): string => `
  SELECT insee, MIN(${axis}) AS ${axis} FROM (
    SELECT insee, ${axis}, SUM(ends) OVER (PARTITION BY insee ORDER BY ${axis} ROWS UNBOUNDED PRECEDING) AS running, SUM(ends) OVER (PARTITION BY insee) AS total
    FROM map_place_month
  ) WHERE running * 2 >= total GROUP BY insee`;

/**
 * Computes the flow aggregates of the month staged in `temp.refresh_trips` into a temporary table: the reading
 * happens before the write transaction.
 */
export async function stageMapMonth(db: SqlExecutor): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS temp.refresh_map_flows');
  await db.run(STAGE_FLOWS_SQL);
}

/**
 * Replaces the month's map aggregates by the staged flows and the communes' positions (`[insee, lat, lon, ends]`,
 * medians of the month's journeys' ends); runs inside the month's write transaction.
 */
export async function writeMapMonth(tx: SqlExecutor, month: string, journeys: number, places: ReadonlyArray<readonly [string, number, number, number]>): Promise<void> {
  for (const table of ['map_flow_month', 'map_pair_month', 'map_area_month', 'map_place_month']) await tx.run(`DELETE FROM ${table} WHERE month = ?`, [month]);
  await tx.run(`INSERT INTO map_flow_month (month, dow, band, ${MAP_END_COLUMNS.join(', ')}, journeys, rpc_cents)
    SELECT ?, dow, band, ${MAP_END_COLUMNS.join(', ')}, journeys, rpc_cents FROM temp.refresh_map_flows`, [month]);
  await tx.run(`INSERT INTO map_pair_month (month, ${MAP_END_COLUMNS.join(', ')}, journeys, rpc_cents)
    SELECT ?, ${MAP_END_COLUMNS.join(', ')}, SUM(journeys), SUM(rpc_cents) FROM temp.refresh_map_flows GROUP BY ${MAP_END_COLUMNS.join(', ')}`, [month]);
  await tx.run(`INSERT INTO map_area_month (month, ${AREA_END_COLUMNS.join(', ')}, journeys, rpc_cents)
    SELECT ?, ${AREA_END_COLUMNS.join(', ')}, SUM(journeys), SUM(rpc_cents) FROM temp.refresh_map_flows GROUP BY ${AREA_END_COLUMNS.join(', ')}`, [month]);
  await insertRows(tx, 'map_place_month', ['month', 'insee', 'lat', 'lon', 'ends'], places.map((place) => [month, ...place]), 2);
  await tx.run('INSERT INTO map_month (month, journeys) VALUES (?, ?) ON CONFLICT (month) DO UPDATE SET journeys = excluded.journeys', [month, journeys]);
}

/** Drops the staged map tables of a month. */
export async function dropStagedMapMonth(db: SqlExecutor): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS temp.refresh_map_flows');
}

/** Rebuilds every commune's position over all months (after the months of a refresh are written). */
export async function rebuildMapPlaces(db: SqlExecutor): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS temp.refresh_map_place');
  await db.run(`CREATE TEMP TABLE refresh_map_place AS
    SELECT la.insee AS insee, la.lat AS lat, lo.lon AS lon, (SELECT SUM(ends) FROM map_place_month m WHERE m.insee = la.insee) AS ends
    FROM (${weightedMedianSql('lat')}) la JOIN (${weightedMedianSql('lon')}) lo ON lo.insee = la.insee`);
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM map_place');
    await tx.run('INSERT INTO map_place (insee, lat, lon, ends) SELECT insee, lat, lon, ends FROM temp.refresh_map_place');
  });
  await db.exec('DROP TABLE temp.refresh_map_place');
}
