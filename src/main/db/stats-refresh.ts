import { DAY_MEASURES, DistinctPeople, LEVELS, MonthAggregator, type StagedJourney } from '../domain/stats/aggregate-month';
import { PlaceMedians } from '../domain/map/place-medians';
import type { StatsLevel } from '../../shared/types/stats';
import { LEVEL_COLUMNS } from './level-columns';
import { dropStagedMapMonth, lockAggregates, rebuildMapPlaces, stageMapMonth, tempTable, writeMapMonth } from './map-refresh';
import { insertRows } from './multi-row-insert';
import type { SqlExecutor } from './sql-executor';
import type { SqlEngine } from './store-address';

/** Journeys the aggregates count: validated by the registry (`ok`), or open data (no status published). */
const VALID = "(status = 'ok' OR status IS NULL)";

/**
 * The journeys of the months being refreshed (confirmed fraud left out, as the registry's observatory leaves out
 * fraud), narrowed to what the aggregates read (one scan of `trips` through
 * its `start_local` index; every level then reads this small table). People are identified as the registry does:
 * identity key, else the operator's user id (prefixed by the operator so two operators' ids never collide).
 * PostgreSQL also keeps the journey's id: it breaks ties between a person's first journeys as SQLite's stable sort
 * of the staged rows (in id order at equal start) does (`peopleFirstSql`).
 */
const stageSql = (engine: SqlEngine): string => `
  CREATE TEMP TABLE refresh_trips AS
  SELECT ${engine === 'postgres' ? 'id, ' : ''}natural_key, start_at, substr(start_local, 1, 10) AS day, substr(start_local, 1, 7) AS month,
    CAST(substr(start_local, 12, 2) AS INTEGER) AS hour,
    COALESCE(operator_id, 0) AS operator_id, COALESCE(operator_class, '?') AS operator_class,
    COALESCE(operator_id, 0) || ':' || COALESCE(operator_trip_id, natural_key) AS trip_key,
    COALESCE(driver_identity_key, CASE WHEN operator_driver_id IS NOT NULL THEN 'op' || COALESCE(operator_id, 0) || ':' || operator_driver_id END) AS driver,
    COALESCE(passenger_identity_key, CASE WHEN operator_passenger_id IS NOT NULL THEN 'op' || COALESCE(operator_id, 0) || ':' || operator_passenger_id END) AS passenger,
    COALESCE(seats, 1) AS seats, COALESCE(distance_m, 0) AS distance_m, COALESCE(duration_s, 0) AS duration_s,
    COALESCE(rpc_incentive_0_cents, 0) + COALESCE(rpc_incentive_1_cents, 0) + COALESCE(rpc_incentive_2_cents, 0) AS rpc_cents,
    COALESCE(op_incentive_0_cents, 0) + COALESCE(op_incentive_1_cents, 0) + COALESCE(op_incentive_2_cents, 0) AS op_cents,
    start_lat, start_lon, end_lat, end_lon, ${Object.values(LEVEL_COLUMNS).flat().join(', ')}
  FROM committed_trips
  WHERE start_local >= ? AND start_local < ? AND ${VALID} AND id NOT IN (SELECT trip_id FROM excluded_trips)`;

/**
 * First journey of each person seen in the staged months, kept only when earlier than the one already known. SQLite
 * takes the bare `natural_key` of the row holding `MIN(start_at)` (the first staged one among equal starts: a
 * driver's journeys with two passengers of one car); PostgreSQL, which has no bare columns, the first row of each
 * person in the same order (`DISTINCT ON`).
 */
function peopleFirstSql(engine: SqlEngine): string[] {
  return (['driver', 'passenger'] as const).map((role) => {
    const first =
      engine === 'postgres'
        ? `SELECT DISTINCT ON (${role}) '${role}', ${role}, start_at, natural_key FROM refresh_trips WHERE ${role} IS NOT NULL ORDER BY ${role}, start_at, id`
        : `SELECT '${role}', ${role}, MIN(start_at), natural_key FROM refresh_trips WHERE ${role} IS NOT NULL GROUP BY ${role}`;
    return `INSERT INTO people_first (role, person, first_at, natural_key)
    ${first}
    ON CONFLICT (role, person) DO UPDATE SET first_at = excluded.first_at, natural_key = excluded.natural_key
    WHERE excluded.first_at < people_first.first_at`;
  });
}

/**
 * SELECT of the newcomers per day, territory and direction, from every person's first journey (rebuilt whole).
 * SQLite reaches each first journey through the `natural_key` index once per level and direction. PostgreSQL plans
 * each of those eighteen joins as a hash join scanning all of `trips` (ten times slower on 300,000 journeys): it joins
 * people and journeys once and unpivots each row into its levels and directions (`LATERAL VALUES`), the same rows.
 */
function newcomersSql(engine: SqlEngine): string {
  const first = `FROM people_first p JOIN committed_trips t ON t.natural_key = p.natural_key`;
  if (engine === 'postgres') {
    const ends = (Object.keys(LEVEL_COLUMNS) as StatsLevel[]).flatMap((level) => {
      const [start, end] = LEVEL_COLUMNS[level];
      return [`('${level}', t.${start}, 'from')`, `('${level}', t.${end}, 'to')`, `('${level}', CASE WHEN t.${start} = t.${end} THEN t.${start} END, 'intra')`];
    });
    return `SELECT e.level, e.code, e.direction, substr(t.start_local, 1, 10) AS day,
      COUNT(*) FILTER (WHERE p.role = 'driver') AS new_drivers, COUNT(*) FILTER (WHERE p.role = 'passenger') AS new_passengers
      ${first} CROSS JOIN LATERAL (VALUES ${ends.join(', ')}) AS e(level, code, direction)
      WHERE e.code IS NOT NULL GROUP BY e.level, e.code, e.direction, substr(t.start_local, 1, 10)`;
  }
  const selects = (Object.keys(LEVEL_COLUMNS) as StatsLevel[]).map((level) => {
    const [start, end] = LEVEL_COLUMNS[level];
    const cols = `p.role AS role, substr(t.start_local, 1, 10) AS day`;
    return [
      `SELECT '${level}' AS level, t.${start} AS code, 'from' AS direction, ${cols} ${first} WHERE t.${start} IS NOT NULL`,
      `SELECT '${level}', t.${end}, 'to', ${cols} ${first} WHERE t.${end} IS NOT NULL`,
      `SELECT '${level}', t.${start}, 'intra', ${cols} ${first} WHERE t.${start} = t.${end}`,
    ].join(' UNION ALL ');
  });
  return `SELECT level, code, direction, day, SUM(role = 'driver'), SUM(role = 'passenger') FROM (${selects.join(' UNION ALL ')})
    GROUP BY level, code, direction, day`;
}

/** Both ends' codes at every level, in `endCodes` order (`start_insee, end_insee, start_epci, …`). */
const END_CODE_COLUMNS = LEVELS.flatMap((level) => LEVEL_COLUMNS[level]);

/** Columns of a staged journey, in the order they travel in one text column (see `joinedText`). */
const JOURNEY_FIELDS = ['day', 'hour', 'operator_id', 'operator_class', 'trip_key', 'seats', 'distance_m', 'duration_s', 'rpc_cents', 'op_cents', ...END_CODE_COLUMNS, 'start_lat', 'start_lon', 'end_lat', 'end_lon'] as const;
const UNIT_SEPARATOR = '\u001f';
/** Position of `start_lat` in `JOURNEY_FIELDS`; `start_lon`, `end_lat`, `end_lon` follow it. */
const COORDINATES = JOURNEY_FIELDS.indexOf('start_lat');

/**
 * One text column per row (fields joined by the unit separator, null as empty): node-sqlite3 builds a JS object
 * per row and per column, which costs twenty times more than splitting one string. PostgreSQL casts each field to
 * text itself (numbers, which SQLite converts on concatenation); both write a real with the digits that read back
 * the same double.
 */
function joinedText(engine: SqlEngine, fields: readonly string[]): string {
  if (engine === 'postgres') return `${fields.map((field) => `COALESCE(CAST(${field} AS TEXT), '')`).join(' || chr(31) || ')} AS r`;
  return `${fields.map((field) => `COALESCE(${field}, '')`).join(' || char(31) || ')} AS r`;
}

/** A code read back from the joined text: empty is null. */
const codeOrNull = (value: string | undefined): string | null => (value ? value : null);

/**
 * A coordinate read back from the joined text: empty is null. SQLite writes a REAL with 15 significant digits,
 * more than the registry's positions carry.
 */
const coordinate = (value: string | undefined): number | null => (value ? Number(value) : null);

/** A staged journey from its joined text (`JOURNEY_FIELDS` order), field by field: one object shape for every row. */
function parseJourney(f: readonly string[]): StagedJourney {
  return {
    day: f[0] ?? '', hour: Number(f[1]), operator_id: Number(f[2]), operator_class: f[3] ?? '', trip_key: f[4] ?? '', seats: Number(f[5]),
    distance_m: Number(f[6]), duration_s: Number(f[7]), rpc_cents: Number(f[8]), op_cents: Number(f[9]),
    start_insee: codeOrNull(f[10]), end_insee: codeOrNull(f[11]), start_epci: codeOrNull(f[12]), end_epci: codeOrNull(f[13]), start_aom: codeOrNull(f[14]), end_aom: codeOrNull(f[15]),
    start_dep: codeOrNull(f[16]), end_dep: codeOrNull(f[17]), start_reg: codeOrNull(f[18]), end_reg: codeOrNull(f[19]), start_country: codeOrNull(f[20]), end_country: codeOrNull(f[21]),
  };
}

/**
 * Distinct drivers and passengers of the staged month per (level, code, direction): one pass per role over each
 * person's distinct routes (a commuter's twenty journeys of a month are one route), ordered by person.
 */
async function distinctPeople(db: SqlExecutor, month: string): Promise<Array<Array<string | number>>> {
  const counted = new Map<string, [string, string, string, number, number]>();
  for (const [role, slot] of [['driver', 3], ['passenger', 4]] as const) {
    const people = new DistinctPeople();
    const routes = `SELECT ${role} AS person, ${END_CODE_COLUMNS.join(', ')} FROM refresh_trips WHERE ${role} IS NOT NULL GROUP BY ${role}, ${END_CODE_COLUMNS.join(', ')}`;
    await db.each<{ r: string }>(`SELECT ${joinedText(db.engine, ['person', ...END_CODE_COLUMNS])} FROM (${routes}) AS routes ORDER BY person`, [], (row) => {
      const fields = row.r.split(UNIT_SEPARATOR);
      people.add(fields[0] ?? '', fields.slice(1).map(codeOrNull));
    });
    for (const [level, code, direction, count] of people.entries()) {
      const key = `${level}|${code}|${direction}`;
      const entry = counted.get(key) ?? [level, code, direction, 0, 0];
      entry[slot] = count;
      counted.set(key, entry);
    }
  }
  return [...counted.values()].map(([level, code, direction, drivers, passengers]) => [level, code, direction, month, drivers, passengers]);
}

/** `2024-04` → `2024-05` (calendar arithmetic on the month string). */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The months of `range` to rebuild: those holding journeys, found by jumping from one to the next through the
 * `start_local` index, and those holding aggregates (their journeys may be gone). The cost follows the months that
 * hold something, never the span of the range: a range from 1900 to 9999 costs what its few real months cost.
 */
async function monthsToRefresh(db: SqlExecutor, range: { from: string; to: string }): Promise<string[]> {
  const months = new Set<string>();
  const end = `${nextMonth(range.to.slice(0, 7))}-01`;
  for (let from = `${range.from.slice(0, 7)}-01`; ; ) {
    const [row] = await db.all<{ first: string | null }>('SELECT min(start_local) AS first FROM committed_trips WHERE start_local >= ? AND start_local < ?', [from, end]);
    if (!row?.first) break;
    months.add(row.first.slice(0, 7));
    from = `${nextMonth(row.first.slice(0, 7))}-01`;
  }
  const aggregated = await db.all<{ month: string }>('SELECT DISTINCT month FROM stats_op_month WHERE month >= ? AND month <= ?', [range.from.slice(0, 7), range.to.slice(0, 7)]);
  for (const { month } of aggregated) months.add(month);
  return [...months].sort();
}

/** What one refresh did. */
export type StatsRefreshSummary = {
  months: string[];
  journeys: number;
  dayRows: number;
};

/**
 * Rebuilds the aggregates of whole calendar months (local time) from the journeys stored: one transaction per
 * month, so a cancelled refresh leaves every month either fully old or fully new. Whole months because the
 * monthly tables (distinct people, shares, top lists) are not additive over days. The month's journeys are staged
 * in a narrow temporary table, aggregated in one ordered pass (`MonthAggregator`) plus one pass per role for
 * distinct people; the map aggregates of the month (map-refresh.ts) are written in the same transaction. Newcomers, and the
 * communes' positions of the maps, are rebuilt once at the end. `hooks.progress` counts months rebuilt.
 */
export async function refreshStats(
  db: SqlExecutor,
  range: { from: string; to: string },
  hooks: { progress(done: number, total: number): void; cancelled(): boolean },
): Promise<StatsRefreshSummary> {
  const months = await monthsToRefresh(db, range);
  const summary: StatsRefreshSummary = { months, journeys: 0, dayRows: 0 };
  const staged = tempTable(db.engine, 'refresh_trips');
  const newcomers = tempTable(db.engine, 'refresh_newcomers');
  // A month of a large store stages millions of journeys: the temporary copy and its sorts go to disk, not memory
  // (PostgreSQL's temporary tables and sorts spill to disk past their buffers by themselves).
  if (db.engine === 'sqlite') await db.exec('PRAGMA temp_store = FILE');
  const peopleFirst = peopleFirstSql(db.engine);
  for (const [index, month] of months.entries()) {
    if (hooks.cancelled()) throw new Error('annulé');
    const first = `${month}-01`;
    const next = `${nextMonth(month)}-01`;
    // Reading and aggregating happen outside the write transaction (the staged copy lives in the temp database):
    // the store's write lock is only held for the short delete-and-insert, so the app's own writes never wait long.
    await db.exec(`DROP TABLE IF EXISTS ${staged}`);
    await db.run(stageSql(db.engine), [first, next]);
    const aggregator = new MonthAggregator(month);
    const places = new PlaceMedians();
    const journeys = await db.each<{ r: string }>(`SELECT ${joinedText(db.engine, JOURNEY_FIELDS)} FROM refresh_trips ORDER BY day, trip_key`, [], (row) => {
      const fields = row.r.split(UNIT_SEPARATOR);
      const journey = parseJourney(fields);
      aggregator.add(journey);
      places.add(journey.start_insee, coordinate(fields[COORDINATES]), coordinate(fields[COORDINATES + 1]));
      places.add(journey.end_insee, coordinate(fields[COORDINATES + 2]), coordinate(fields[COORDINATES + 3]));
    });
    summary.journeys += journeys;
    const rows = aggregator.rows();
    const people = await distinctPeople(db, month);
    await stageMapMonth(db);
    if (hooks.cancelled()) throw new Error('annulé');
    await db.transaction(async (tx) => {
      await lockAggregates(tx);
      await tx.run('DELETE FROM stats_day WHERE day >= ? AND day < ?', [first, next]);
      for (const table of ['stats_op_month', 'stats_hour_month', 'stats_com_month', 'stats_flow_month', 'stats_people_month']) {
        await tx.run(`DELETE FROM ${table} WHERE month = ?`, [month]);
      }
      await insertRows(tx, 'stats_day', ['level', 'code', 'direction', 'day', ...DAY_MEASURES], rows.day, 4);
      await insertRows(tx, 'stats_op_month', ['level', 'code', 'direction', 'month', 'operator_id', 'operator_class', 'journeys', 'rpc_cents'], rows.op, 6);
      await insertRows(tx, 'stats_hour_month', ['level', 'code', 'direction', 'month', 'hour', 'journeys'], rows.hour, 5);
      await insertRows(tx, 'stats_com_month', ['level', 'code', 'direction', 'month', 'com', 'journeys'], rows.com, 5);
      await insertRows(tx, 'stats_flow_month', ['level', 'code', 'month', 'com_1', 'com_2', 'journeys', 'seats', 'distance_m'], rows.flow, 5);
      await insertRows(tx, 'stats_people_month', ['level', 'code', 'direction', 'month', 'drivers', 'passengers'], people, 4);
      for (const sql of peopleFirst) await tx.run(sql);
      await writeMapMonth(tx, month, journeys, places.rows());
    });
    await db.exec(`DROP TABLE ${staged}`);
    await dropStagedMapMonth(db);
    hooks.progress(index + 1, months.length);
  }
  await db.exec(`DROP TABLE IF EXISTS ${newcomers}`);
  await db.run(`CREATE TEMP TABLE refresh_newcomers AS ${newcomersSql(db.engine)}`);
  await db.transaction(async (tx) => {
    await lockAggregates(tx);
    await tx.run('DELETE FROM stats_newcomers_day');
    await tx.run(`INSERT INTO stats_newcomers_day (level, code, direction, day, new_drivers, new_passengers) SELECT * FROM ${newcomers}`);
  });
  await db.exec(`DROP TABLE ${newcomers}`);
  if (months.length > 0) await rebuildMapPlaces(db);
  summary.dayRows = (await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM stats_day'))[0]?.n ?? 0;
  return summary;
}
