import { DAY_MEASURES, LEVELS, MonthAggregator, MonthPeople, type StagedJourney } from '../domain/stats/aggregate-month';
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

/** Both ends' codes at every level (`start_insee, end_insee, start_epci, …`): a journey's route. */
const END_CODE_COLUMNS = LEVELS.flatMap((level) => LEVEL_COLUMNS[level]);

/**
 * SELECT of the newcomers per day, territory and direction, from every person's first journey (rebuilt whole). Each
 * first journey is reached once through the `natural_key` index; the rows are then unpivoted into their levels and
 * directions. PostgreSQL unpivots each joined row (`LATERAL VALUES`). SQLite, which has no such join, first groups
 * the first journeys by role, day and route into `refresh_first_routes` (`firstRoutesSql`), then unpivots that
 * small table branch by branch: joining the people to their journeys in each of its eighteen branches cost ten
 * times more.
 */
function newcomersSql(engine: SqlEngine): string {
  if (engine === 'postgres') {
    const ends = (Object.keys(LEVEL_COLUMNS) as StatsLevel[]).flatMap((level) => {
      const [start, end] = LEVEL_COLUMNS[level];
      return [`('${level}', t.${start}, 'from')`, `('${level}', t.${end}, 'to')`, `('${level}', CASE WHEN t.${start} = t.${end} THEN t.${start} END, 'intra')`];
    });
    return `SELECT e.level, e.code, e.direction, substr(t.start_local, 1, 10) AS day,
      COUNT(*) FILTER (WHERE p.role = 'driver') AS new_drivers, COUNT(*) FILTER (WHERE p.role = 'passenger') AS new_passengers
      FROM people_first p JOIN committed_trips t ON t.natural_key = p.natural_key CROSS JOIN LATERAL (VALUES ${ends.join(', ')}) AS e(level, code, direction)
      WHERE e.code IS NOT NULL GROUP BY e.level, e.code, e.direction, substr(t.start_local, 1, 10)`;
  }
  const selects = (Object.keys(LEVEL_COLUMNS) as StatsLevel[]).map((level) => {
    const [start, end] = LEVEL_COLUMNS[level];
    return [
      `SELECT '${level}' AS level, ${start} AS code, 'from' AS direction, role, day, n FROM refresh_first_routes WHERE ${start} IS NOT NULL`,
      `SELECT '${level}', ${end}, 'to', role, day, n FROM refresh_first_routes WHERE ${end} IS NOT NULL`,
      `SELECT '${level}', ${start}, 'intra', role, day, n FROM refresh_first_routes WHERE ${start} = ${end}`,
    ].join(' UNION ALL ');
  });
  return `SELECT level, code, direction, day, SUM(CASE WHEN role = 'driver' THEN n ELSE 0 END), SUM(CASE WHEN role = 'passenger' THEN n ELSE 0 END)
    FROM (${selects.join(' UNION ALL ')}) AS ends GROUP BY level, code, direction, day`;
}

/** SQLite: every person's first journey, counted by role, local day and route (read by `newcomersSql`). */
const firstRoutesSql = (): string => `
  CREATE TEMP TABLE refresh_first_routes AS
  SELECT p.role AS role, substr(t.start_local, 1, 10) AS day, ${END_CODE_COLUMNS.map((column) => `t.${column} AS ${column}`).join(', ')}, COUNT(*) AS n
  FROM people_first p JOIN committed_trips t ON t.natural_key = p.natural_key
  GROUP BY p.role, substr(t.start_local, 1, 10), ${END_CODE_COLUMNS.map((column) => `t.${column}`).join(', ')}`;

/**
 * Columns of a staged journey, in the order they travel in one text column (see `joinedText`). The route's codes
 * come last: the row's tail after the positions is the route's key, taken whole without splitting it.
 */
const JOURNEY_FIELDS = [
  'day', 'hour', 'operator_id', 'operator_class', 'trip_key', 'seats', 'distance_m', 'duration_s', 'rpc_cents', 'op_cents', 'driver', 'passenger',
  'start_lat', 'start_lon', 'end_lat', 'end_lon', ...END_CODE_COLUMNS,
] as const;
const UNIT_SEPARATOR = '\u001f';

/**
 * One text column per row (fields joined by the unit separator, null as empty): node-sqlite3 builds a JS object
 * per row and per column, which costs twenty times more than reading one string. PostgreSQL casts each field to
 * text itself (numbers, which SQLite converts on concatenation); both write a real with the digits that read back
 * the same double.
 */
function joinedText(engine: SqlEngine, fields: readonly string[]): string {
  if (engine === 'postgres') return `${fields.map((field) => `COALESCE(CAST(${field} AS TEXT), '')`).join(' || chr(31) || ')} AS r`;
  return `${fields.map((field) => `COALESCE(${field}, '')`).join(' || char(31) || ')} AS r`;
}

/** A code or person read back from the joined text: empty is null. */
const textOrNull = (value: string): string | null => (value ? value : null);

/**
 * A coordinate read back from the joined text: empty is null. SQLite writes a REAL with 15 significant digits,
 * more than the registry's positions carry.
 */
const coordinate = (value: string): number | null => (value ? Number(value) : null);

/**
 * Reads a joined row's fields in order, by position: a month is millions of rows, and splitting each into an array
 * of two dozen strings kept the garbage collector busy for a tenth of the refresh.
 */
class JoinedRow {
  private text = '';
  private at = 0;

  /** Starts reading `text` from its first field. */
  reset(text: string): void {
    this.text = text;
    this.at = 0;
  }

  /** The next field, as text. */
  next(): string {
    const end = this.text.indexOf(UNIT_SEPARATOR, this.at);
    const field = this.text.slice(this.at, end);
    this.at = end + 1;
    return field;
  }

  /** The next field, as a number (the aggregates' measures are never null: `COALESCE` in `stageSql`). */
  number(): number {
    return Number(this.next());
  }

  /** Every field left, as one text. */
  rest(): string {
    return this.text.slice(this.at);
  }
}

/** The route's codes from its key (the tail of a joined row): empty is null. */
const routeEnds = (key: string): Array<string | null> => key.split(UNIT_SEPARATOR).map(textOrNull);

/** Rows of `stats_people_month` for the month: distinct drivers and passengers per (level, code, direction). */
function peopleRows(month: string, routes: ReadonlyArray<ReadonlyArray<string | null>>, drivers: MonthPeople, passengers: MonthPeople): Array<Array<string | number>> {
  const counted = new Map<string, [string, string, string, number, number]>();
  for (const [people, slot] of [[drivers, 3], [passengers, 4]] as const) {
    for (const [level, code, direction, count] of people.entries(routes)) {
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
 * in a narrow temporary table and aggregated in one ordered pass: sums (`MonthAggregator`), distinct people
 * (`MonthPeople`) and communes' positions (`PlaceMedians`); the map aggregates of the month (map-refresh.ts) are written in the same transaction. Newcomers, and the
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
    const drivers = new MonthPeople();
    const passengers = new MonthPeople();
    const row = new JoinedRow();
    const journeys = await db.each<{ r: string }>(`SELECT ${joinedText(db.engine, JOURNEY_FIELDS)} FROM refresh_trips ORDER BY day, trip_key`, [], (joined) => {
      row.reset(joined.r);
      // Fields are read in JOURNEY_FIELDS order: the properties below are evaluated in the order they are written.
      const journey: StagedJourney = {
        day: row.next(), hour: row.number(), operator_id: row.number(), operator_class: row.next(), trip_key: row.next(), seats: row.number(),
        distance_m: row.number(), duration_s: row.number(), rpc_cents: row.number(), op_cents: row.number(),
      };
      const driver = textOrNull(row.next());
      const passenger = textOrNull(row.next());
      const startLat = coordinate(row.next());
      const startLon = coordinate(row.next());
      const endLat = coordinate(row.next());
      const endLon = coordinate(row.next());
      const key = row.rest();
      const route = aggregator.route(key, () => routeEnds(key));
      aggregator.add(journey, route);
      drivers.add(driver, route);
      passengers.add(passenger, route);
      const ends = aggregator.routeEnds(route);
      places.add(ends[0] ?? null, startLat, startLon);
      places.add(ends[1] ?? null, endLat, endLon);
    });
    summary.journeys += journeys;
    const rows = aggregator.rows();
    const people = peopleRows(month, aggregator.allRouteEnds(), drivers, passengers);
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
  const firstRoutes = tempTable(db.engine, 'refresh_first_routes');
  if (db.engine === 'sqlite') {
    await db.exec(`DROP TABLE IF EXISTS ${firstRoutes}`);
    await db.run(firstRoutesSql());
  }
  await db.run(`CREATE TEMP TABLE refresh_newcomers AS ${newcomersSql(db.engine)}`);
  if (db.engine === 'sqlite') await db.exec(`DROP TABLE ${firstRoutes}`);
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
