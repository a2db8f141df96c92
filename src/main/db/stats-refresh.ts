import type { WorkerConnection } from './worker-connection';

/** Territory levels of the aggregates and the trips columns that hold each end's code. */
export const STATS_LEVELS = {
  com: ['start_insee', 'end_insee'],
  epci: ['start_epci', 'end_epci'],
  aom: ['start_aom', 'end_aom'],
  dep: ['start_dep', 'end_dep'],
  reg: ['start_reg', 'end_reg'],
  country: ['start_country', 'end_country'],
} as const;

export type StatsLevel = keyof typeof STATS_LEVELS;

/** Journeys the aggregates count: validated by the registry (`ok`), or open data (no status published). */
const VALID = "(status = 'ok' OR status IS NULL)";

/**
 * The journeys of the months being refreshed, narrowed to what the aggregates read (one scan of `trips` through
 * its `start_local` index; every level then reads this small table). People are identified as the registry does:
 * identity key, else the operator's user id (prefixed by the operator so two operators' ids never collide).
 */
const STAGE_SQL = `
  CREATE TEMP TABLE refresh_trips AS
  SELECT natural_key, start_at, substr(start_local, 1, 10) AS day, substr(start_local, 1, 7) AS month,
    CAST(substr(start_local, 12, 2) AS INTEGER) AS hour,
    COALESCE(operator_id, 0) AS operator_id, COALESCE(operator_class, '?') AS operator_class,
    COALESCE(operator_id, 0) || ':' || COALESCE(operator_trip_id, natural_key) AS trip_key,
    COALESCE(driver_identity_key, CASE WHEN operator_driver_id IS NOT NULL THEN 'op' || COALESCE(operator_id, 0) || ':' || operator_driver_id END) AS driver,
    COALESCE(passenger_identity_key, CASE WHEN operator_passenger_id IS NOT NULL THEN 'op' || COALESCE(operator_id, 0) || ':' || operator_passenger_id END) AS passenger,
    COALESCE(seats, 1) AS seats, COALESCE(distance_m, 0) AS distance_m, COALESCE(seats, 1) * COALESCE(distance_m, 0) AS seat_distance_m,
    COALESCE(duration_s, 0) AS duration_s,
    COALESCE(rpc_incentive_0_cents, 0) + COALESCE(rpc_incentive_1_cents, 0) + COALESCE(rpc_incentive_2_cents, 0) AS rpc_cents,
    COALESCE(op_incentive_0_cents, 0) + COALESCE(op_incentive_1_cents, 0) + COALESCE(op_incentive_2_cents, 0) AS op_cents,
    MIN(5, COALESCE(distance_m, 0) / 10000) AS band,
    ${Object.values(STATS_LEVELS).flat().join(', ')}
  FROM trips
  WHERE start_local >= ? AND start_local < ? AND ${VALID}`;

/** The staged journeys once per direction for a level: from (start code), to (end code), intra (same code). */
function directed(level: StatsLevel, columns: string): string {
  const [start, end] = STATS_LEVELS[level];
  return [
    `SELECT ${start} AS code, 'from' AS direction, ${columns} FROM refresh_trips WHERE ${start} IS NOT NULL`,
    `SELECT ${end} AS code, 'to' AS direction, ${columns} FROM refresh_trips WHERE ${end} IS NOT NULL`,
    `SELECT ${start} AS code, 'intra' AS direction, ${columns} FROM refresh_trips WHERE ${start} = ${end}`,
  ].join(' UNION ALL ');
}

function levelStatements(level: StatsLevel): string[] {
  const [start, end] = STATS_LEVELS[level];
  const bands = [0, 1, 2, 3, 4, 5].map((band) => `SUM(band = ${band})`).join(', ');
  return [
    `INSERT INTO stats_day (level, code, direction, day, operator_id, operator_class, journeys, trips, seats, distance_m, seat_distance_m,
       duration_s, rpc_cents, op_cents, incented, d0, d10, d20, d30, d40, d50)
     SELECT '${level}', code, direction, day, operator_id, operator_class, COUNT(*), COUNT(DISTINCT trip_key), SUM(seats), SUM(distance_m),
       SUM(seat_distance_m), SUM(duration_s), SUM(rpc_cents), SUM(op_cents), SUM(rpc_cents > 0), ${bands}
     FROM (${directed(level, 'day, operator_id, operator_class, trip_key, seats, distance_m, seat_distance_m, duration_s, rpc_cents, op_cents, band')})
     GROUP BY code, direction, day, operator_id, operator_class`,
    `INSERT INTO stats_hour (level, code, direction, day, hour, journeys)
     SELECT '${level}', code, direction, day, hour, COUNT(*) FROM (${directed(level, 'day, hour')})
     GROUP BY code, direction, day, hour`,
    `INSERT INTO stats_flow_day (level, code_1, code_2, day, journeys, trips, seats, distance_m, seat_distance_m, duration_s)
     SELECT '${level}', MIN(${start}, ${end}), MAX(${start}, ${end}), day, COUNT(*), COUNT(DISTINCT trip_key), SUM(seats), SUM(distance_m),
       SUM(seat_distance_m), SUM(duration_s)
     FROM refresh_trips WHERE ${start} IS NOT NULL AND ${end} IS NOT NULL
     GROUP BY MIN(${start}, ${end}), MAX(${start}, ${end}), day`,
    `INSERT INTO stats_people_month (level, code, direction, month, drivers, passengers)
     SELECT '${level}', code, direction, month, COUNT(DISTINCT driver), COUNT(DISTINCT passenger) FROM (${directed(level, 'month, driver, passenger')})
     GROUP BY code, direction, month`,
  ];
}

/** First journey of each person seen in the staged months, kept only when earlier than the one already known. */
const PEOPLE_FIRST_SQL = (['driver', 'passenger'] as const).map(
  (role) => `INSERT INTO people_first (role, person, first_at, natural_key)
    SELECT '${role}', ${role}, MIN(start_at), natural_key FROM refresh_trips WHERE ${role} IS NOT NULL GROUP BY ${role}
    ON CONFLICT (role, person) DO UPDATE SET first_at = excluded.first_at, natural_key = excluded.natural_key
    WHERE excluded.first_at < people_first.first_at`,
);

/** Newcomers per day, territory and direction, from every person's first journey (rebuilt whole: one row per person). */
function newcomersSql(): string {
  const selects = (Object.keys(STATS_LEVELS) as StatsLevel[]).map((level) => {
    const [start, end] = STATS_LEVELS[level];
    const first = `FROM people_first p JOIN trips t ON t.natural_key = p.natural_key`;
    const cols = `p.role AS role, substr(t.start_local, 1, 10) AS day`;
    return [
      `SELECT '${level}' AS level, t.${start} AS code, 'from' AS direction, ${cols} ${first} WHERE t.${start} IS NOT NULL`,
      `SELECT '${level}', t.${end}, 'to', ${cols} ${first} WHERE t.${end} IS NOT NULL`,
      `SELECT '${level}', t.${start}, 'intra', ${cols} ${first} WHERE t.${start} = t.${end}`,
    ].join(' UNION ALL ');
  });
  return `INSERT INTO stats_newcomers_day (level, code, direction, day, new_drivers, new_passengers)
    SELECT level, code, direction, day, SUM(role = 'driver'), SUM(role = 'passenger') FROM (${selects.join(' UNION ALL ')})
    GROUP BY level, code, direction, day`;
}

/** `2024-04` → `2024-05` (calendar arithmetic on the month string). */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Calendar months from the month of `from` to the month of `to` (days `YYYY-MM-DD`), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) months.push(month);
  return months;
}

/** What one refresh did. */
export interface StatsRefreshSummary extends Record<string, unknown> {
  months: string[];
  journeys: number;
  dayRows: number;
}

/**
 * Rebuilds the aggregates of whole calendar months (local time) from the journeys stored: one transaction per
 * month, so a cancelled refresh leaves every month either fully old or fully new. Whole months because the
 * monthly distinct people are not additive. Newcomers are rebuilt once at the end from `people_first`.
 */
export async function refreshStats(
  db: WorkerConnection,
  range: { from: string; to: string },
  hooks: { progress(done: number, total: number): void; cancelled(): boolean },
): Promise<StatsRefreshSummary> {
  const months = monthsBetween(range.from, range.to);
  const summary: StatsRefreshSummary = { months, journeys: 0, dayRows: 0 };
  for (const [index, month] of months.entries()) {
    if (hooks.cancelled()) throw new Error('annulé');
    await db.transaction(async () => {
      const first = `${month}-01`;
      const next = `${nextMonth(month)}-01`;
      for (const table of ['stats_day', 'stats_hour', 'stats_flow_day']) await db.run(`DELETE FROM ${table} WHERE day >= ? AND day < ?`, [first, next]);
      await db.run('DELETE FROM stats_people_month WHERE month = ?', [month]);
      await db.exec('DROP TABLE IF EXISTS temp.refresh_trips');
      await db.run(STAGE_SQL, [first, next]);
      summary.journeys += (await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM refresh_trips'))[0]?.n ?? 0;
      for (const level of Object.keys(STATS_LEVELS) as StatsLevel[]) {
        for (const sql of levelStatements(level)) await db.run(sql);
      }
      for (const sql of PEOPLE_FIRST_SQL) await db.run(sql);
      await db.exec('DROP TABLE temp.refresh_trips');
    });
    hooks.progress(index + 1, months.length + 1);
  }
  await db.transaction(async () => {
    await db.run('DELETE FROM stats_newcomers_day');
    await db.run(newcomersSql());
  });
  summary.dayRows = (await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM stats_day'))[0]?.n ?? 0;
  hooks.progress(months.length + 1, months.length + 1);
  return summary;
}
