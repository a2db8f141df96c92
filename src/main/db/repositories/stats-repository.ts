import type { Knex } from 'knex';
import type { StatsLevel } from '../../../shared/types/stats';
import { knexExecutor } from '../knex-executor';
import type { SqlExecutor } from '../sql-executor';

/** Directions as stored: `both` is computed from these (from + to − intra). */
export type StoredDirection = 'from' | 'to' | 'intra';

/** Additive measures of `stats_day`, summed. */
export interface DayMeasures {
  journeys: number;
  trips: number;
  seats: number;
  distance_m: number;
  seat_distance_m: number;
  duration_s: number;
  rpc_cents: number;
  op_cents: number;
  incented: number;
  d0: number;
  d10: number;
  d20: number;
  d30: number;
  d40: number;
  d50: number;
}

const MEASURES = ['journeys', 'trips', 'seats', 'distance_m', 'seat_distance_m', 'duration_s', 'rpc_cents', 'op_cents', 'incented', 'd0', 'd10', 'd20', 'd30', 'd40', 'd50'] as const;
const SUMS = MEASURES.map((measure) => `SUM(${measure}) AS ${measure}`).join(', ');

/** One territory, level and period: what every statistics query filters on. */
export interface StatsScope {
  level: StatsLevel;
  code: string;
  from: string;
  to: string;
}

/**
 * Reads the statistics aggregates (tables of migration 202611291000_stats, rebuilt by the `stats.refresh` job).
 * Every query goes through a primary key or the `day` index: a dashboard answers from the aggregates alone,
 * never from `trips`.
 */
export class StatsRepository {
  /** Through `knexExecutor`: one SQL text and one row shape on both engines (knex's `raw` answers PostgreSQL's result object). */
  private readonly sql: SqlExecutor;

  constructor(db: Knex) {
    this.sql = knexExecutor(db);
  }

  private rows<T>(sql: string, bindings: readonly unknown[]): Promise<T[]> {
    return this.sql.all<T>(sql, bindings);
  }

  /** Measures per stored direction and day. */
  byDay(scope: StatsScope): Promise<Array<DayMeasures & { direction: StoredDirection; day: string }>> {
    return this.rows(
      `SELECT direction, day, ${SUMS} FROM stats_day WHERE level = ? AND code = ? AND day BETWEEN ? AND ? GROUP BY direction, day ORDER BY day`,
      [scope.level, scope.code, scope.from, scope.to],
    );
  }

  /**
   * Journeys and registry incentives per stored direction, operator (name) and proof class, over the months
   * overlapping the period. An operator id has one name: grouping by it too changes no group.
   */
  byOperatorAndClass(scope: StatsScope): Promise<Array<{ direction: StoredDirection; operator: string | null; operator_class: string; journeys: number; rpc_cents: number }>> {
    return this.rows(
      `SELECT s.direction, o.name AS operator, s.operator_class, SUM(s.journeys) AS journeys, SUM(s.rpc_cents) AS rpc_cents
       FROM stats_op_month s LEFT JOIN operators o ON o.id = s.operator_id
       WHERE s.level = ? AND s.code = ? AND s.month BETWEEN substr(?, 1, 7) AND substr(?, 1, 7) GROUP BY s.direction, s.operator_id, o.name, s.operator_class`,
      [scope.level, scope.code, scope.from, scope.to],
    );
  }

  /** Journeys per local start hour, over the months overlapping the period. */
  byHour(scope: StatsScope): Promise<Array<{ direction: StoredDirection; hour: number; journeys: number }>> {
    return this.rows(
      `SELECT direction, hour, SUM(journeys) AS journeys FROM stats_hour_month
       WHERE level = ? AND code = ? AND month BETWEEN substr(?, 1, 7) AND substr(?, 1, 7) GROUP BY direction, hour`,
      [scope.level, scope.code, scope.from, scope.to],
    );
  }

  /** Σ over the months overlapping the period of the month's distinct drivers and passengers. */
  peopleByMonth(scope: StatsScope): Promise<Array<{ direction: StoredDirection; drivers: number; passengers: number }>> {
    return this.rows(
      `SELECT direction, SUM(drivers) AS drivers, SUM(passengers) AS passengers FROM stats_people_month
       WHERE level = ? AND code = ? AND month BETWEEN substr(?, 1, 7) AND substr(?, 1, 7) GROUP BY direction`,
      [scope.level, scope.code, scope.from, scope.to],
    );
  }

  newcomers(scope: StatsScope): Promise<Array<{ direction: StoredDirection; new_drivers: number; new_passengers: number }>> {
    return this.rows(
      `SELECT direction, SUM(new_drivers) AS new_drivers, SUM(new_passengers) AS new_passengers FROM stats_newcomers_day
       WHERE level = ? AND code = ? AND day BETWEEN ? AND ? GROUP BY direction`,
      [scope.level, scope.code, scope.from, scope.to],
    );
  }

  /**
   * Communes of the territory with the most journeys in a direction (`both` stored as such), over the calendar
   * months overlapping the period.
   */
  topCommunes(scope: StatsScope, direction: 'from' | 'to' | 'intra' | 'both', limit: number): Promise<Array<{ com: string; journeys: number }>> {
    return this.rows(
      `SELECT com, SUM(journeys) AS journeys FROM stats_com_month
       WHERE level = ? AND code = ? AND direction = ? AND month BETWEEN substr(?, 1, 7) AND substr(?, 1, 7)
       GROUP BY com ORDER BY journeys DESC, com LIMIT ?`,
      [scope.level, scope.code, direction, scope.from, scope.to, limit],
    );
  }

  /** Most frequent undirected pairs of different communes touching the territory, over the months overlapping the period. */
  topFlows(scope: StatsScope, limit: number): Promise<Array<{ com_1: string; com_2: string; journeys: number; seats: number; distance_m: number }>> {
    return this.rows(
      `SELECT com_1, com_2, SUM(journeys) AS journeys, SUM(seats) AS seats, SUM(distance_m) AS distance_m FROM stats_flow_month
       WHERE level = ? AND code = ? AND month BETWEEN substr(?, 1, 7) AND substr(?, 1, 7)
       GROUP BY com_1, com_2 ORDER BY journeys DESC, com_1, com_2 LIMIT ?`,
      [scope.level, scope.code, scope.from, scope.to, limit],
    );
  }

  /**
   * Codes of a level with their journeys (starts, all time), most journeys first. Read from the monthly per-commune
   * table: a few rows per territory and month instead of one per day.
   */
  territories(level: StatsLevel): Promise<Array<{ code: string; journeys: number }>> {
    return this.rows(
      "SELECT code, SUM(journeys) AS journeys FROM stats_com_month WHERE level = ? AND direction = 'from' GROUP BY code ORDER BY journeys DESC, code",
      [level],
    );
  }

  /** First and last local day of the aggregates, or null when empty. */
  async period(): Promise<{ from: string; to: string } | null> {
    const [row] = await this.rows<{ from_day: string | null; to_day: string | null }>('SELECT MIN(day) AS from_day, MAX(day) AS to_day FROM stats_day', []);
    return row?.from_day && row.to_day ? { from: row.from_day, to: row.to_day } : null;
  }

  /** First and last local day of the stored journeys, or null when the store is empty. */
  async tripsPeriod(): Promise<{ from: string; to: string } | null> {
    const [row] = await this.rows<{ from_day: string | null; to_day: string | null }>(
      'SELECT substr(MIN(start_local), 1, 10) AS from_day, substr(MAX(start_local), 1, 10) AS to_day FROM trips',
      [],
    );
    return row?.from_day && row.to_day ? { from: row.from_day, to: row.to_day } : null;
  }
}
