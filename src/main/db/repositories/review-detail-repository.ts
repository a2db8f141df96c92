import type { Knex } from 'knex';
import { knexExecutor } from '../knex-executor';
import { personSql, userPersonSql } from '../person-sql';
import type { SqlExecutor } from '../sql-executor';
import type { SqlEngine } from '../store-address';
import { journeyFactsSql, type JourneyFactsRow } from './review-sql';

/** A current flag with its evidence. */
export interface CurrentFlagRow {
  id: number;
  checkId: string;
  severity: 'info' | 'warning' | 'high';
  journeyKeys: string[];
  persons: string[];
  evidence: Record<string, unknown>;
}

interface FlagRow {
  id: number;
  check_id: string;
  severity: 'info' | 'warning' | 'high';
  journey_keys_json: string;
  persons_json: string;
  evidence_json: string;
}

const toFlag = (row: FlagRow): CurrentFlagRow => ({
  id: row.id,
  checkId: row.check_id,
  severity: row.severity,
  journeyKeys: JSON.parse(row.journey_keys_json) as string[],
  persons: JSON.parse(row.persons_json) as string[],
  evidence: JSON.parse(row.evidence_json) as Record<string, unknown>,
});

/**
 * The journeys of a person, as SQL on `trips` aliased `t` through the identity-key indexes (or the partial indexes
 * on operators' user ids for `u:` persons).
 */
function personWhere(person: string, engine: SqlEngine): { sql: string; bindings: string[] } {
  if (person.startsWith('u:')) {
    return {
      sql: `((t.driver_identity_key IS NULL AND ${userPersonSql('driver', 't.', engine)} = ?) OR (t.passenger_identity_key IS NULL AND ${userPersonSql('passenger', 't.', engine)} = ?))`,
      bindings: [person, person],
    };
  }
  return { sql: '(t.driver_identity_key = ? OR t.passenger_identity_key = ?)', bindings: [person, person] };
}

/** 1 when a journey of `trips` aliased `t` has the person bound to `?` on `side`, else 0: a count as a sum of it. */
const sideIs = (side: 'driver' | 'passenger', engine: SqlEngine): string => `CASE WHEN ${personSql(side, engine)} = ? THEN 1 ELSE 0 END`;

/** What the detail views read: journeys' facts, current flags, a person's journeys, timeline, partners, aliases. */
export class ReviewDetailRepository {
  private readonly sql: SqlExecutor;
  private readonly engine: SqlEngine;

  constructor(db: Knex) {
    this.sql = knexExecutor(db);
    this.engine = this.sql.engine;
  }

  /** Facts of journeys by natural key, in the order asked (unknown keys are skipped). */
  async journeys(keys: readonly string[]): Promise<JourneyFactsRow[]> {
    const found = new Map<string, JourneyFactsRow>();
    for (let offset = 0; offset < keys.length; offset += 500) {
      const chunk = keys.slice(offset, offset + 500);
      const rows = await this.sql.all<JourneyFactsRow>(
        `SELECT ${journeyFactsSql(this.engine)} FROM committed_trips t LEFT JOIN operators o ON o.id = t.operator_id WHERE t.natural_key IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const row of rows) found.set(row.natural_key, row);
    }
    return keys.map((key) => found.get(key)).filter((row): row is JourneyFactsRow => row !== undefined);
  }

  /** Current flags linking a journey. */
  async flagsOfJourney(naturalKey: string): Promise<CurrentFlagRow[]> {
    const rows = await this.sql.all<FlagRow>(
      `SELECT f.* FROM check_flags f JOIN check_flag_journeys fj ON fj.flag_id = f.id WHERE f.current = 1 AND fj.natural_key = ? ORDER BY f.id`,
      [naturalKey],
    );
    return rows.map(toFlag);
  }

  /** Current flags naming a person. */
  async flagsOfPerson(person: string): Promise<CurrentFlagRow[]> {
    const rows = await this.sql.all<FlagRow>(
      `SELECT f.* FROM check_flags f JOIN check_flag_persons fp ON fp.flag_id = f.id WHERE f.current = 1 AND fp.person = ? ORDER BY f.id`,
      [person],
    );
    return rows.map(toFlag);
  }

  /** A person's journeys, newest first (at most `limit`), and how many there are. */
  async personJourneys(person: string, limit: number): Promise<{ total: number; rows: JourneyFactsRow[] }> {
    const where = personWhere(person, this.engine);
    const [count] = await this.sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM committed_trips t WHERE ${where.sql}`, where.bindings);
    const rows = await this.sql.all<JourneyFactsRow>(
      `SELECT ${journeyFactsSql(this.engine)} FROM committed_trips t LEFT JOIN operators o ON o.id = t.operator_id WHERE ${where.sql} ORDER BY t.start_local DESC, t.natural_key LIMIT ?`,
      [...where.bindings, limit],
    );
    return { total: Number(count?.n ?? 0), rows };
  }

  /** Journeys of a person per local day and role, oldest day first. */
  async timeline(person: string): Promise<Array<{ day: string; driver: number; passenger: number }>> {
    const where = personWhere(person, this.engine);
    const rows = await this.sql.all<{ day: string; driver: number; passenger: number }>(
      `SELECT substr(t.start_local, 1, 10) AS day, SUM(${sideIs('driver', this.engine)}) AS driver, SUM(${sideIs('passenger', this.engine)}) AS passenger
       FROM committed_trips t WHERE ${where.sql} GROUP BY day ORDER BY day`,
      [person, person, ...where.bindings],
    );
    return rows.map((row) => ({ day: row.day, driver: Number(row.driver), passenger: Number(row.passenger) }));
  }

  /**
   * The persons a person shares journeys with, busiest first (at most `limit`), with the journeys each way, and
   * the journeys among those partners (the edges of the linked-persons graph).
   */
  async partners(person: string, limit: number): Promise<Array<{ from: string; to: string; fromDrove: number; toDrove: number }>> {
    const where = personWhere(person, this.engine);
    const [driver, passenger] = [personSql('driver', this.engine), personSql('passenger', this.engine)];
    // Grouped in a subquery: PostgreSQL neither filters nor sorts on the output columns' names in expressions.
    const direct = await this.sql.all<{ partner: string; drove: number; carried: number }>(
      `SELECT partner, drove, carried FROM (
         SELECT CASE WHEN ${driver} = ? THEN ${passenger} ELSE ${driver} END AS partner,
           SUM(${sideIs('driver', this.engine)}) AS drove, SUM(${sideIs('passenger', this.engine)}) AS carried
         FROM committed_trips t WHERE ${where.sql} GROUP BY partner) p
       WHERE partner IS NOT NULL AND partner <> ? ORDER BY drove + carried DESC, partner LIMIT ?`,
      [person, person, person, ...where.bindings, person, limit],
    );
    const edges = direct.map((row) => ({ from: person, to: row.partner, fromDrove: Number(row.drove), toDrove: Number(row.carried) }));
    const keys = direct.map((row) => row.partner).filter((key) => !key.startsWith('u:'));
    if (keys.length > 1) {
      const marks = keys.map(() => '?').join(', ');
      const among = await this.sql.all<{ driver: string; passenger: string; n: number }>(
        `SELECT t.driver_identity_key AS driver, t.passenger_identity_key AS passenger, COUNT(*) AS n FROM committed_trips t
         WHERE t.driver_identity_key IN (${marks}) AND t.passenger_identity_key IN (${marks}) AND t.driver_identity_key <> t.passenger_identity_key
         GROUP BY t.driver_identity_key, t.passenger_identity_key`,
        [...keys, ...keys],
      );
      const pairs = new Map<string, { from: string; to: string; fromDrove: number; toDrove: number }>();
      for (const row of among) {
        const [from, to] = row.driver < row.passenger ? [row.driver, row.passenger] : [row.passenger, row.driver];
        const edge = pairs.get(`${from}\u0000${to}`) ?? { from, to, fromDrove: 0, toDrove: 0 };
        if (row.driver === from) edge.fromDrove += Number(row.n);
        else edge.toDrove += Number(row.n);
        pairs.set(`${from}\u0000${to}`, edge);
      }
      edges.push(...pairs.values());
    }
    return edges;
  }

  /**
   * The identifiers reconstituted into a person (G01's rule): the operators' user ids seen on its journey sides,
   * and the other identity keys seen with those user ids, each with the journey sides seen under it.
   */
  async aliases(person: string): Promise<Array<{ alias: string; sides: number }>> {
    if (person.startsWith('u:')) return [];
    const accounts = await this.sql.all<{ alias: string; sides: number }>(
      `SELECT alias, SUM(n) AS sides FROM (
         SELECT ${userPersonSql('driver', 't.', this.engine)} AS alias, COUNT(*) AS n FROM committed_trips t WHERE t.driver_identity_key = ? AND t.operator_driver_id IS NOT NULL GROUP BY alias
         UNION ALL
         SELECT ${userPersonSql('passenger', 't.', this.engine)} AS alias, COUNT(*) AS n FROM committed_trips t WHERE t.passenger_identity_key = ? AND t.operator_passenger_id IS NOT NULL GROUP BY alias
       ) a GROUP BY alias ORDER BY sides DESC, alias LIMIT 50`,
      [person, person],
    );
    if (accounts.length === 0) return [];
    // Accounts as (operator id, user id) pairs, so that the (operator_id, operator_*_id) indexes find their journeys.
    const pairs = accounts.map((row) => /^u:(\d+):(.*)$/.exec(row.alias)).filter((match): match is RegExpExecArray => match !== null);
    const side = (role: 'driver' | 'passenger'): string =>
      `SELECT t.${role}_identity_key AS alias, COUNT(*) AS n FROM committed_trips t
       WHERE (${pairs.map(() => `(t.operator_id = ? AND t.operator_${role}_id = ?)`).join(' OR ')})
       AND t.${role}_identity_key IS NOT NULL AND t.${role}_identity_key <> ? GROUP BY alias`;
    const bindings = [...pairs.flatMap((match) => [Number(match[1]), match[2] ?? '']), person];
    const others = await this.sql.all<{ alias: string; sides: number }>(
      `SELECT alias, SUM(n) AS sides FROM (${side('driver')} UNION ALL ${side('passenger')}) a GROUP BY alias ORDER BY sides DESC, alias LIMIT 50`,
      [...bindings, ...bindings],
    );
    return [...accounts, ...others].map((row) => ({ alias: row.alias, sides: Number(row.sides) }));
  }
}
