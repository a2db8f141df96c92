import { DAY_MEASURES, LEVELS, MonthAggregator, MonthPeople, type StagedJourney } from '../domain/stats/aggregate-month';
import { PlaceMedians } from '../domain/map/place-medians';
import { MonthMapFlows } from '../domain/map/month-map-flows';
import { hourBand, isoWeekday } from '../domain/map/map-scope';
import { addDays, addMonths } from '../domain/time/calendar';
import { HOUR_BAND_STARTS } from '../../shared/types/map';
import type { StatsLevel } from '../../shared/types/stats';
import { LEVEL_COLUMNS } from './level-columns';
import { dropStagedMapMonth, lockAggregates, rebuildMapPlaces, stageMapMonth, tempTable, writeMapMonth } from './map-refresh';
import { insertRows } from './multi-row-insert';
import { startRead, type SqlExecutor, type StartedRead } from './sql-executor';
import type { SqlEngine } from './store-address';

/** Journeys the aggregates count: validated by the registry (`ok`), or open data (no status published). */
const VALID = "(status = 'ok' OR status IS NULL)";

/** Both ends' codes at every level (`start_insee, end_insee, start_epci, …`): a journey's route. */
const END_CODE_COLUMNS = LEVELS.flatMap((level) => LEVEL_COLUMNS[level]);

/**
 * What the refresh reads of each journey, in the order the fields travel in one text column (`joinedText`), as SQL
 * over `committed_trips`. People are identified as the registry does: identity key, else the operator's user id
 * (prefixed by the operator so two operators' ids never collide). The route's codes come last: the row's tail is the
 * route's key, taken whole without splitting it. A missing code travels as `NO_CODE`, apart from an empty one: the
 * statistics read both as none, the map's flows keep an empty code as it is stored.
 */
const journeyFields = (engine: SqlEngine): string[] => [
  'substr(start_local, 1, 10)',
  'CAST(substr(start_local, 12, 2) AS INTEGER)',
  'COALESCE(operator_id, 0)',
  "COALESCE(operator_class, '?')",
  "COALESCE(operator_id, 0) || ':' || COALESCE(operator_trip_id, natural_key)",
  'COALESCE(seats, 1)',
  'COALESCE(distance_m, 0)',
  'COALESCE(duration_s, 0)',
  'COALESCE(rpc_incentive_0_cents, 0) + COALESCE(rpc_incentive_1_cents, 0) + COALESCE(rpc_incentive_2_cents, 0)',
  'COALESCE(op_incentive_0_cents, 0) + COALESCE(op_incentive_1_cents, 0) + COALESCE(op_incentive_2_cents, 0)',
  'id',
  'start_at',
  'natural_key',
  "COALESCE(driver_identity_key, CASE WHEN operator_driver_id IS NOT NULL THEN 'op' || COALESCE(operator_id, 0) || ':' || operator_driver_id END)",
  "COALESCE(passenger_identity_key, CASE WHEN operator_passenger_id IS NOT NULL THEN 'op' || COALESCE(operator_id, 0) || ':' || operator_passenger_id END)",
  'start_lat',
  'start_lon',
  'end_lat',
  'end_lon',
  ...END_CODE_COLUMNS.map((column) => `COALESCE(${column}, ${engine === 'postgres' ? 'chr' : 'char'}(30))`),
];

/**
 * One text column per row (fields joined by the unit separator, null as empty): node-sqlite3 builds a JS object
 * per row and per column, which costs twenty times more than reading one string. `concat_ws` writes the row in one
 * pass (a chain of `||` copied the growing text thirty times: a fifth more time for the month's read); it skips
 * nulls, hence each field's `COALESCE`. PostgreSQL casts each field to text itself (numbers, which SQLite
 * converts by itself); both write a real with the digits that read back the same double.
 */
function joinedText(engine: SqlEngine, fields: readonly string[]): string {
  if (engine === 'postgres') return `concat_ws(chr(31), ${fields.map((field) => `COALESCE(CAST(${field} AS TEXT), '')`).join(', ')}) AS r`;
  return `concat_ws(char(31), ${fields.map((field) => `COALESCE(${field}, '')`).join(', ')}) AS r`;
}

/**
 * The journeys of one local day (confirmed fraud left out, as the registry's observatory leaves out fraud), read
 * through the `start_local` index, in no particular order: `MonthAggregator` counts car trips at the end of each
 * day, and sorting the rows cost SQLite a third of the read. A month is read day after day: a day's rows are read
 * whole (`SqlExecutor.all`), and memory holds no more than two days of them.
 */
function dayJourneysSql(engine: SqlEngine): string {
  return `SELECT ${joinedText(engine, journeyFields(engine))} FROM committed_trips
    WHERE start_local >= ? AND start_local < ? AND ${VALID} AND id NOT IN (SELECT trip_id FROM excluded_trips)`;
}

/**
 * Merges the month's first journeys (`refresh_people_first`, from `MonthPeople.firstJourneys`) into every person's first
 * journey, keeping the one already known when it is not later.
 */
const mergePeopleFirstSql = (engine: SqlEngine): string => `
  INSERT INTO people_first (role, person, first_at, natural_key)
  SELECT role, person, first_at, natural_key FROM ${tempTable(engine, 'refresh_people_first')} WHERE true
  ON CONFLICT (role, person) DO UPDATE SET first_at = excluded.first_at, natural_key = excluded.natural_key
  WHERE excluded.first_at < people_first.first_at`;

/**
 * SELECT of the newcomers per day, territory and direction of the local days `[?, ?)`, from the first journeys of
 * people among those days' journeys (through the `start_local` index, then people_first's `natural_key` index).
 * The rows are then unpivoted into their levels and directions. PostgreSQL unpivots each joined row (`LATERAL
 * VALUES`). SQLite, which has no such join, first groups the first journeys by role, day and route into
 * `refresh_first_routes` (`firstRoutesSql`), then unpivots that small table branch by branch: joining the people to
 * their journeys in each of its eighteen branches cost ten times more.
 */
function newcomersSql(engine: SqlEngine): string {
  if (engine === 'postgres') {
    const ends = (Object.keys(LEVEL_COLUMNS) as StatsLevel[]).flatMap((level) => {
      const [start, end] = LEVEL_COLUMNS[level];
      return [`('${level}', t.${start}, 'from')`, `('${level}', t.${end}, 'to')`, `('${level}', CASE WHEN t.${start} = t.${end} THEN t.${start} END, 'intra')`];
    });
    return `SELECT e.level, e.code, e.direction, substr(t.start_local, 1, 10) AS day,
      COUNT(*) FILTER (WHERE p.role = 'driver') AS new_drivers, COUNT(*) FILTER (WHERE p.role = 'passenger') AS new_passengers
      FROM committed_trips t JOIN people_first p ON p.natural_key = t.natural_key CROSS JOIN LATERAL (VALUES ${ends.join(', ')}) AS e(level, code, direction)
      WHERE t.start_local >= ? AND t.start_local < ? AND e.code IS NOT NULL GROUP BY e.level, e.code, e.direction, substr(t.start_local, 1, 10)`;
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

/**
 * SQLite: the first journeys among the journeys of the local days `[?, ?)`, counted by role, local day and route
 * (read by `newcomersSql`). `CROSS JOIN` keeps SQLite's planner on the days' journeys first.
 */
const firstRoutesSql = (): string => `
  CREATE TEMP TABLE refresh_first_routes AS
  SELECT p.role AS role, substr(t.start_local, 1, 10) AS day, ${END_CODE_COLUMNS.map((column) => `t.${column} AS ${column}`).join(', ')}, COUNT(*) AS n
  FROM committed_trips t CROSS JOIN people_first p ON p.natural_key = t.natural_key
  WHERE t.start_local >= ? AND t.start_local < ?
  GROUP BY p.role, substr(t.start_local, 1, 10), ${END_CODE_COLUMNS.map((column) => `t.${column}`).join(', ')}`;

/**
 * The local days of the first journeys that the month's earlier ones (`refresh_people_first`) are about to replace:
 * their newcomers move to the month. Read before the merge.
 */
const replacedFirstDaysSql = (engine: SqlEngine): string => `
  SELECT DISTINCT substr(t.start_local, 1, 10) AS day FROM ${tempTable(engine, 'refresh_people_first')} s
  JOIN people_first p ON p.role = s.role AND p.person = s.person
  JOIN committed_trips t ON t.natural_key = p.natural_key
  WHERE s.first_at < p.first_at`;

/** Sorted local days (`YYYY-MM-DD`) as runs of consecutive days, `[first, last]` each. */
export function dayRuns(days: Iterable<string>): Array<[string, string]> {
  const runs: Array<[string, string]> = [];
  for (const day of [...new Set(days)].sort()) {
    const last = runs[runs.length - 1];
    if (last && addDays(last[1], 1) === day) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/** The local days `[first, next)`. */
function monthDays(first: string, next: string): string[] {
  const days: string[] = [];
  for (let day = first; day < next; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Rewrites the newcomers of the runs of local days `runs`, from people's first journeys as they now stand. Runs
 * inside the month's write transaction, after its merge into `people_first`.
 */
async function rewriteNewcomers(tx: SqlExecutor, runs: ReadonlyArray<readonly [string, string]>): Promise<void> {
  const columns = 'level, code, direction, day, new_drivers, new_passengers';
  for (const [first, last] of runs) {
    const end = addDays(last, 1);
    await tx.run('DELETE FROM stats_newcomers_day WHERE day >= ? AND day < ?', [first, end]);
    if (tx.engine === 'postgres') {
      await tx.run(`INSERT INTO stats_newcomers_day (${columns}) ${newcomersSql('postgres')}`, [first, end]);
      continue;
    }
    await tx.exec('DROP TABLE IF EXISTS temp.refresh_first_routes');
    await tx.run(firstRoutesSql(), [first, end]);
    await tx.run(`INSERT INTO stats_newcomers_day (${columns}) ${newcomersSql('sqlite')}`);
    await tx.exec('DROP TABLE temp.refresh_first_routes');
  }
}

const UNIT_SEPARATOR = '\u001f';

/** First hours of the map's hour bands, in band order. */
const BAND_STARTS = Object.values(HOUR_BAND_STARTS);

/** A missing code in a joined row (the record separator: never part of a code). */
const NO_CODE = '\u001e';

/** A person read back from the joined text: empty is none. */
const personOrNull = (value: string): string | null => (value ? value : null);

/**
 * A coordinate read back from the joined text: empty is null. SQLite writes a REAL with 15 significant digits,
 * more than the registry's positions carry.
 */
const coordinate = (value: string): number | null => (value ? Number(value) : null);

/** Character codes of the digits and the minus sign, for `JoinedRow.number`. */
const ZERO = 48;
const NINE = 57;
const MINUS = 45;

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

  /**
   * The next field, as a number (the aggregates' measures are never null: `COALESCE` in `journeyFields`). Integers
   * are read digit by digit without cutting a string out of the row; anything else (a decimal) through `Number`.
   */
  number(): number {
    const text = this.text;
    const start = this.at;
    const end = text.indexOf(UNIT_SEPARATOR, start);
    let index = start;
    const negative = text.charCodeAt(index) === MINUS;
    if (negative) index += 1;
    let value = 0;
    for (; index < end; index += 1) {
      const code = text.charCodeAt(index);
      if (code < ZERO || code > NINE) break;
      value = value * 10 + (code - ZERO);
    }
    this.at = end + 1;
    if (index < end) return Number(text.slice(start, end));
    return negative ? -value : value;
  }

  /** Every field left, as one text. */
  rest(): string {
    return this.text.slice(this.at);
  }
}

/** The statistics' codes of a route from its key (the tail of a joined row): missing or empty is none. */
const routeEnds = (key: string): Array<string | null> => key.split(UNIT_SEPARATOR).map((code) => (code === NO_CODE || code === '' ? null : code));

/** The map's codes of a route from its key: missing is none, an empty code stays as stored. */
const mapRouteEnds = (key: string): Array<string | null> => key.split(UNIT_SEPARATOR).map((code) => (code === NO_CODE ? null : code));

/** Stages the month's first journeys (`MonthPeople.firstJourneys`) for `mergePeopleFirstSql`, outside the write transaction. */
async function stagePeopleFirst(db: SqlExecutor, rows: ReadonlyArray<readonly [string, string, string, string]>): Promise<void> {
  const staged = tempTable(db.engine, 'refresh_people_first');
  await db.exec(`DROP TABLE IF EXISTS ${staged}`);
  await db.exec('CREATE TEMP TABLE refresh_people_first (role TEXT, person TEXT, first_at TEXT, natural_key TEXT)');
  await insertRows(db, staged, ['role', 'person', 'first_at', 'natural_key'], rows);
}

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

/**
 * The months of `range` to rebuild: those holding journeys, found by jumping from one to the next through the
 * `start_local` index, and those holding aggregates (their journeys may be gone). The cost follows the months that
 * hold something, never the span of the range: a range from 1900 to 9999 costs what its few real months cost.
 */
async function monthsToRefresh(db: SqlExecutor, range: { from: string; to: string }): Promise<string[]> {
  const months = new Set<string>();
  const end = `${addMonths(range.to.slice(0, 7), 1)}-01`;
  for (let from = `${range.from.slice(0, 7)}-01`; ; ) {
    const [row] = await db.all<{ first: string | null }>('SELECT min(start_local) AS first FROM committed_trips WHERE start_local >= ? AND start_local < ?', [from, end]);
    if (!row?.first) break;
    months.add(row.first.slice(0, 7));
    from = `${addMonths(row.first.slice(0, 7), 1)}-01`;
  }
  const aggregated = await db.all<{ month: string }>('SELECT DISTINCT month FROM stats_op_month WHERE month >= ? AND month <= ?', [range.from.slice(0, 7), range.to.slice(0, 7)]);
  for (const { month } of aggregated) months.add(month);
  return [...months].sort();
}

/** One day's journeys as joined rows (`dayJourneysSql`), read while the day before it is summed. */
function readDay(db: SqlExecutor, day: string): StartedRead<Array<{ r: string }>> {
  return startRead((started) => db.all<{ r: string }>(dayJourneysSql(db.engine), [day, addDays(day, 1)], started));
}

/** What one refresh did. */
export type StatsRefreshSummary = {
  months: string[];
  journeys: number;
  dayRows: number;
};

/**
 * Rebuilds the aggregates of whole calendar months (local time) from the journeys stored, in ascending order, one
 * transaction per month: a cancelled refresh leaves every month either fully old or fully new. Whole months because
 * the monthly tables (distinct people, shares, top lists) are not additive over days. Each month's journeys are read
 * day by day and aggregated in one pass: sums (`MonthAggregator`), distinct people and first journeys
 * (`MonthPeople`), the map's flows (`MonthMapFlows`) and communes' positions (`PlaceMedians`). The month's
 * transaction also merges its first journeys into everyone's, and rewrites the newcomers of the days this changes:
 * the month's, and those of the first journeys it replaces (the rest of the store is not read again). The communes'
 * positions of the maps are rebuilt once at the end. `hooks.progress` counts months rebuilt.
 *
 * Like every aggregate, the newcomers rely on the range covering every day whose journeys changed.
 */
export async function refreshStats(
  db: SqlExecutor,
  range: { from: string; to: string },
  hooks: { progress(done: number, total: number): void; cancelled(): boolean },
): Promise<StatsRefreshSummary> {
  const months = await monthsToRefresh(db, range);
  const summary: StatsRefreshSummary = { months, journeys: 0, dayRows: 0 };
  for (const [index, month] of months.entries()) {
    if (hooks.cancelled()) throw new Error('annulé');
    const first = `${month}-01`;
    const next = `${addMonths(month, 1)}-01`;
    // Reading and aggregating happen outside the write transaction (what the month's write needs is staged in
    // temporary tables): the store's write lock is only held for the short delete-and-insert, so the app's own
    // writes never wait long.
    const aggregator = new MonthAggregator(month);
    const places = new PlaceMedians();
    const flows = new MonthMapFlows(BAND_STARTS.length);
    const drivers = new MonthPeople('driver');
    const passengers = new MonthPeople('passenger');
    let weekday = 0;
    const row = new JoinedRow();
    const readJourney = (joined: string): void => {
      row.reset(joined);
      // Fields are read in `journeyFields` order: the properties below are evaluated in the order they are written.
      const day = row.next();
      const hourText = row.next();
      const journey: StagedJourney = {
        day, hour: Number(hourText), operator_id: row.number(), operator_class: row.next(), trip_key: row.next(), seats: row.number(),
        distance_m: row.number(), duration_s: row.number(), rpc_cents: row.number(), op_cents: row.number(),
      };
      const id = row.number();
      const startAt = row.next();
      const naturalKey = row.next();
      const driver = personOrNull(row.next());
      const passenger = personOrNull(row.next());
      const startLat = coordinate(row.next());
      const startLon = coordinate(row.next());
      const endLat = coordinate(row.next());
      const endLon = coordinate(row.next());
      const key = row.rest();
      const route = aggregator.route(key, routeEnds);
      aggregator.add(journey, route);
      drivers.add(driver, route, startAt, id, naturalKey);
      passengers.add(passenger, route, startAt, id, naturalKey);
      // A start without its hour falls in the last band, as SQL's `hourBandSql` puts it.
      flows.add(route, key, mapRouteEnds, weekday, hourText === '' ? BAND_STARTS.length - 1 : hourBand(journey.hour, BAND_STARTS), journey.rpc_cents);
      const [startInsee = null, endInsee = null] = aggregator.routeEnds(route);
      places.add(startInsee, startLat, startLon);
      places.add(endInsee, endLat, endLon);
    };
    let journeys = 0;
    // Each day's read runs (in SQLite's thread or PostgreSQL's process) while JS sums the day before it:
    // one waited for the other when the rows were summed as they came.
    const days = monthDays(first, next);
    let reading = readDay(db, days[0] as string);
    try {
      for (const [dayIndex, day] of days.entries()) {
        const rows = (await reading.result).map((row) => row.r);
        if (dayIndex + 1 < days.length) {
          reading = readDay(db, days[dayIndex + 1] as string);
          await reading.started;
        }
        if (hooks.cancelled()) throw new Error('annulé');
        weekday = isoWeekday(day);
        for (const joined of rows) readJourney(joined);
        journeys += rows.length;
      }
    } finally {
      // A read still running when the month stops is let finish, so that its statement is finalized; its rows are dropped.
      await reading.result.catch(() => undefined);
    }
    summary.journeys += journeys;
    const rows = aggregator.rows();
    const people = peopleRows(month, aggregator.allRouteEnds(), drivers, passengers);
    await stageMapMonth(db, flows.rows());
    await stagePeopleFirst(db, [...drivers.firstJourneys(), ...passengers.firstJourneys()]);
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
      // Newcomers of the month's days, and of the days whose people now start in the month (ascending months:
      // a later month of the refresh never replaces a first journey of this one).
      const replaced = await tx.all<{ day: string }>(replacedFirstDaysSql(tx.engine));
      await tx.run(mergePeopleFirstSql(tx.engine));
      await rewriteNewcomers(tx, dayRuns([...days, ...replaced.map(({ day }) => day)]));
      await writeMapMonth(tx, month, journeys, places.rows());
    });
    await db.exec(`DROP TABLE ${tempTable(db.engine, 'refresh_people_first')}`);
    await dropStagedMapMonth(db);
    hooks.progress(index + 1, months.length);
  }
  if (months.length > 0) await rebuildMapPlaces(db);
  summary.dayRows = (await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM stats_day'))[0]?.n ?? 0;
  return summary;
}
