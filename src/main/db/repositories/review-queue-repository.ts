import type { Knex } from 'knex';
import type { QueueGroup, ReviewQueueRequest } from '../../../shared/types/reviews';
import { knexExecutor } from '../knex-executor';
import { territorySql } from '../level-columns';
import { reviewSummariesUpToDate } from '../review-summaries';
import type { SqlExecutor } from '../sql-executor';
import type { SqlEngine } from '../store-address';
import { hiddenBits, OPERATOR_NAMES_SQL, SEVERITY_RANK, standingDecisionSql, viewSql, type SeverityRank } from './review-sql';

/** The queue's filters (the group and the hidden checks are the view, `QueueView`). */
export type QueueFilter = Omit<ReviewQueueRequest, 'kind' | 'offset' | 'limit' | 'group' | 'hidden'>;

/** A row of the journeys queue, before names and decisions are attached. */
export interface QueueJourneyRow {
  natural_key: string;
  trip_id: number;
  journey_id: string | number | null;
  operator_name: string | null;
  start_local: string;
  start_insee: string | null;
  end_insee: string | null;
  distance_m: number | null;
  status: string | null;
  at_risk: number;
  severity_rank: number;
  decision_id: number | null;
  /** Versioned ids of the checks shown, sorted. */
  checks: string[];
}

/** A row of the persons queue, before decisions are attached. */
export interface QueuePersonRow {
  person: string;
  operators: string | null;
  journeys: number;
  at_risk: number;
  severity_rank: number;
  decision_id: number | null;
  /** Versioned ids of the checks shown, sorted. */
  checks: string[];
}

/** One page of a group of the queue, and what every group holds under the same filters. */
export interface QueuePageRows<Row> {
  rows: Row[];
  groups: Record<QueueGroup, { total: number; atRiskCents: number }>;
  /** Rows whose flags shown would all be of hidden checks. */
  hiddenRows: number;
}

interface Sql {
  sql: string;
  bindings: Array<string | number>;
}

/** The totals of a ranked relation, one row: every row, and the rows and incentives at risk of groups 0 and 1. */
type TotalsRow = Record<'n' | 'own_n' | 'own_cents' | 'reg_n' | 'reg_cents', number | null>;
/**
 * `TotalsRow` in one pass: sums of the membership tests rather than a GROUP BY (no sorter, and `grp`, an expression
 * under a view, is not evaluated again at each use). PostgreSQL's membership tests are booleans, which do not sum:
 * it filters the aggregates by them instead (an empty relation still gives NULL sums, read as 0).
 */
const totalsSql = (engine: SqlEngine): string =>
  engine === 'postgres'
    ? 'COUNT(*) AS n, COUNT(*) FILTER (WHERE in_own) AS own_n, SUM(at_risk) FILTER (WHERE in_own) AS own_cents, COUNT(*) FILTER (WHERE in_registry) AS reg_n, SUM(at_risk) FILTER (WHERE in_registry) AS reg_cents'
    : 'COUNT(*) AS n, SUM(in_own) AS own_n, SUM(in_own * at_risk) AS own_cents, SUM(in_registry) AS reg_n, SUM(in_registry * at_risk) AS reg_cents';

/** The groups' totals and the rows hidden checks left out, from a `TotalsRow` (none: an empty relation). */
function countsOf(totals: TotalsRow | undefined): Omit<QueuePageRows<never>, 'rows'> {
  const count = (column: keyof TotalsRow): number => Number(totals?.[column] ?? 0);
  return {
    groups: { own: { total: count('own_n'), atRiskCents: count('own_cents') }, registry: { total: count('reg_n'), atRiskCents: count('reg_cents') } },
    hiddenRows: count('n') - count('own_n') - count('reg_n'),
  };
}

/** Group numbers of the summaries and of `viewSql` (2: left out by hidden checks). */
const GROUP_NUMBER: Record<QueueGroup, number> = { own: 0, registry: 1 };
/**
 * A group's rows of a ranked relation aliased `alias`, by its membership test: cheaper than `grp` under a view, and
 * the summaries' queue index still reads them in order when nothing narrows the queue (`grp = 0`).
 */
const IN_GROUP: Record<QueueGroup, (alias: string) => string> = { own: (alias) => `${alias}.in_own`, registry: (alias) => `${alias}.in_registry` };

/**
 * The queue's order, on the columns of a ranked relation aliased `alias` (the queries' `base`): highest severity first,
 * then most distinct checks, then largest incentives at risk (`tie` breaks the remaining ties). The
 * summaries' queue indexes hold it for a queue nobody narrowed.
 */
const orderBy = (alias: string, tie: 'start_local DESC' | 'journeys DESC', key: string): string =>
  `ORDER BY ${['severity DESC', 'check_count DESC', 'at_risk DESC', tie, key].map((column) => `${alias}${column}`).join(', ')}`;

/**
 * A check filter on a column of check ids: a versioned id (`H02@1`), or every version of a code (`H02`). Ids are
 * stored as the catalogue writes them: a code's versions are the range [`H02@`, `H02A`), which the summaries'
 * keys (check first) read in one seek.
 */
function checkSql(column: string, check: string): Sql {
  return check.includes('@') ? { sql: `${column} = ?`, bindings: [check] } : { sql: `${column} >= ? AND ${column} < ?`, bindings: [`${check}@`, `${check}A`] };
}

/** The lowest severity rank the filter shows. */
const rankOf = (filter: QueueFilter): SeverityRank => (filter.severity ? SEVERITY_RANK[filter.severity] : 1);

/**
 * The group, severity and distinct checks (`grp`, `severity`, `check_count`) of the subjects of a summary aliased
 * `alias`, whether each is in group 0 or 1 (`in_own`, `in_registry`), and where they come from. With a check filter,
 * from the summary's rows for that check passing the severity filter (one check; hidden checks do not apply: the
 * check was asked for); otherwise from the subject's masks under the view, or as the summary ranked them when
 * nothing narrows it (its queue index then reads a page).
 */
function ranking(filter: QueueFilter, hidden: readonly string[], alias: string, summary: { table: string; checks: string; key: string }): { from: Sql; columns: string; where: string } {
  const rank = rankOf(filter);
  if (filter.check) {
    const check = checkSql('c.check_id', filter.check);
    return {
      from: {
        sql: `(SELECT c.${summary.key}, MAX(CASE WHEN c.registry = 0 THEN c.severity END) AS own, MAX(CASE WHEN c.registry = 1 THEN c.severity END) AS reg
               FROM ${summary.checks} c WHERE ${check.sql} AND c.severity >= ? GROUP BY c.${summary.key}) s
               JOIN ${summary.table} ${alias} ON ${alias}.${summary.key} = s.${summary.key}`,
        bindings: [...check.bindings, rank],
      },
      columns: `CASE WHEN s.own IS NULL THEN 1 ELSE 0 END AS grp, COALESCE(s.own, s.reg) AS severity, 1 AS check_count,
        s.own IS NOT NULL AS in_own, s.own IS NULL AS in_registry`,
      where: '1 = 1',
    };
  }
  const from = { sql: `${summary.table} ${alias}`, bindings: [] };
  if (rank === 1 && hidden.length === 0) {
    return {
      from,
      columns: `${alias}.grp AS grp, ${alias}.severity AS severity, ${alias}.check_count AS check_count, ${alias}.grp = 0 AS in_own, ${alias}.grp = 1 AS in_registry`,
      where: '1 = 1',
    };
  }
  const view = viewSql(alias, { rank, hidden });
  return {
    from,
    columns: `${view.group} AS grp, ${view.severity} AS severity, ${view.count} AS check_count, ${view.inOwn} AS in_own, ${view.inRegistry} AS in_registry`,
    where: view.shown,
  };
}

/** Journeys passing the operator, period, territory and status filters, as SQL on a summary of journeys aliased `t`. */
function tripWhere(filter: QueueFilter): Sql {
  const parts: string[] = [];
  const bindings: Array<string | number> = [];
  if (filter.operatorId !== undefined) {
    parts.push('t.operator_id = ?');
    bindings.push(filter.operatorId);
  }
  if (filter.from) {
    parts.push('t.start_local >= ?');
    bindings.push(filter.from);
  }
  if (filter.to) {
    parts.push('t.start_local < ?');
    bindings.push(`${filter.to} 24:00:00`);
  }
  if (filter.territory) {
    const territory = territorySql(filter.territory);
    parts.push(territory.sql);
    bindings.push(...territory.bindings);
  }
  if (filter.status) {
    parts.push('t.status = ?');
    bindings.push(filter.status);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', bindings };
}

const DECIDED_PERSONS = "SELECT subject_key FROM review_decisions WHERE subject_kind = 'person'";
/**
 * Flagged journeys (`review_journeys` rows) that have a standing decision: their own, or one on their driver or
 * passenger. Decisions are few: found through the summary's indexes, not by testing every flagged journey.
 */
const DECIDED_JOURNEYS = `SELECT trip_id FROM review_journeys WHERE natural_key IN (SELECT subject_key FROM review_decisions WHERE subject_kind = 'journey')
  UNION SELECT trip_id FROM review_journeys WHERE driver IN (${DECIDED_PERSONS})
  UNION SELECT trip_id FROM review_journeys WHERE passenger IN (${DECIDED_PERSONS})`;

/** The decision filter on journeys of `review_journeys` aliased `t`. */
function journeyDecisionWhere(filter: QueueFilter): Sql {
  if (!filter.decision) return { sql: '1 = 1', bindings: [] };
  if (filter.decision === 'none') return { sql: `t.trip_id NOT IN (${DECIDED_JOURNEYS})`, bindings: [] };
  const standing = standingDecisionSql('t.natural_key', 't.driver', 't.passenger');
  return { sql: `t.trip_id IN (${DECIDED_JOURNEYS}) AND (SELECT sd.decision FROM review_decisions sd WHERE sd.id = ${standing}) = ?`, bindings: [filter.decision] };
}

/** The decision filter on persons of `review_persons` aliased `p` (a person's standing decision is its latest). */
function personDecisionWhere(filter: QueueFilter): Sql {
  if (!filter.decision) return { sql: '1 = 1', bindings: [] };
  if (filter.decision === 'none') return { sql: `p.person NOT IN (${DECIDED_PERSONS})`, bindings: [] };
  return { sql: "p.person IN (SELECT subject_key FROM review_current WHERE subject_kind = 'person' AND decision = ?)", bindings: [filter.decision] };
}

/**
 * A person's flagged journeys passing the filters (`review_person_journeys` aliased `t`, FROM and WHERE): those a
 * flag shown links, where it drives or rides. With a check filter, a flag of that check (and severity); otherwise a
 * flag of a check not hidden, of the severity shown (the codes linking each journey, by rank).
 */
function personLinks(filter: QueueFilter, hidden: readonly string[], trips: Sql): { from: Sql; where: Sql } {
  const rank = rankOf(filter);
  if (filter.check) {
    // Linked through a flag of that check (and severity), whichever other flags link it.
    const check = checkSql('c.check_id', filter.check);
    return {
      from: {
        sql: `(SELECT DISTINCT c.person, c.trip_id FROM review_person_journey_checks c WHERE ${check.sql} AND c.severity >= ?) c
              JOIN review_person_journeys t ON t.person = c.person AND t.trip_id = c.trip_id`,
        bindings: [...check.bindings, rank],
      },
      where: trips,
    };
  }
  const hiddenMask = hiddenBits(hidden).mask;
  const linked = hiddenMask ? `(t.codes_${rank} & ~${hiddenMask}) <> 0` : `t.codes_${rank} <> 0`;
  return { from: { sql: 'review_person_journeys t', bindings: [] }, where: { sql: `${linked} AND ${trips.sql}`, bindings: trips.bindings } };
}

/** Rows per check of some subjects (`key`): their check, whether its flags restate the registry, highest severity. */
interface CheckRow {
  key: string | number;
  check_id: string;
  registry: number;
  severity: number;
}

/**
 * The versioned check ids a row of `group` shows, from its rows per check: those of its group's kind passing the
 * check and severity filters, of checks not hidden (unless asked for by the check filter). Sorted.
 */
function shownChecks(rows: readonly CheckRow[], filter: QueueFilter, hidden: readonly string[], group: QueueGroup): string[] {
  const rank = rankOf(filter);
  const hiddenCodes = new Set(hidden);
  const shown = rows.filter((row) =>
    row.registry === GROUP_NUMBER[group] && row.severity >= rank
    && (filter.check ? row.check_id === filter.check || row.check_id.startsWith(`${filter.check}@`) : !hiddenCodes.has(row.check_id.slice(0, 3))));
  return [...new Set(shown.map((row) => row.check_id))].sort();
}

/**
 * The review queue (docs/review.md, « File de revue »): flagged journeys or persons of the current flags, filtered,
 * in two groups (flags of their own; only the registry's status), ranked by severity, distinct checks and incentives
 * at risk of the flags shown, checks hidden by the investigator left out. Read from the review summaries
 * (db/review-summaries.ts): a queue nobody narrowed reads a page through its index, any other one pass over the
 * summaries passing the filters (masks of check codes, no join per check); the totals of both groups one more pass
 * (for persons whose journeys are counted again, in the same statement).
 * Person rows count the distinct flagged journeys linked to the person by a flag shown that pass the journey
 * filters, and their incentives.
 */
export class ReviewQueueRepository {
  private readonly sql: SqlExecutor;

  constructor(db: Knex) {
    this.sql = knexExecutor(db);
  }

  /** One page of a group of flagged journeys, and the totals of both groups (rows, incentives at risk) over every page. */
  async journeys(filter: QueueFilter, group: QueueGroup, hidden: readonly string[], offset: number, limit: number): Promise<QueuePageRows<QueueJourneyRow>> {
    await reviewSummariesUpToDate(this.sql);
    const ranked = ranking(filter, hidden, 't', { table: 'review_journeys', checks: 'review_journey_checks', key: 'trip_id' });
    const trips = tripWhere(filter);
    const decision = journeyDecisionWhere(filter);
    // Named columns: the order's names are theirs, not those of the tables joined.
    const base = `SELECT t.natural_key AS natural_key, t.trip_id AS trip_id, t.at_risk AS at_risk, t.start_local AS start_local, t.driver AS driver,
        t.passenger AS passenger, ${ranked.columns}
      FROM ${ranked.from.sql} WHERE ${ranked.where} AND ${trips.sql} AND ${decision.sql}`;
    const bindings = [...ranked.from.bindings, ...trips.bindings, ...decision.bindings];
    const counts = await this.groupCounts(base, bindings);
    // The page's journeys are looked up once chosen: their facts, operator and standing decision.
    const page = await this.sql.all<Omit<QueueJourneyRow, 'checks'>>(
      `SELECT r.natural_key, r.trip_id, tr.journey_id, o.name AS operator_name, tr.start_local, tr.start_insee, tr.end_insee, tr.distance_m, tr.status,
         r.at_risk, r.severity AS severity_rank, ${standingDecisionSql('r.natural_key', 'r.driver', 'r.passenger')} AS decision_id
       FROM (SELECT * FROM (${base}) b WHERE ${IN_GROUP[group]('b')} ${orderBy('b.', 'start_local DESC', 'natural_key')} LIMIT ? OFFSET ?) r
       JOIN committed_trips tr ON tr.id = r.trip_id LEFT JOIN operators o ON o.id = tr.operator_id ${orderBy('r.', 'start_local DESC', 'natural_key')}`,
      [...bindings, limit, offset],
    );
    const checks = await this.checksOf('review_journey_checks', 'trip_id', page.map((row) => row.trip_id));
    return { ...counts, rows: page.map((row) => ({ ...row, checks: shownChecks(checks.get(row.trip_id) ?? [], filter, hidden, group) })) };
  }

  /**
   * One page of a group of flagged persons, and the totals of both groups over every page. A person's flagged
   * journeys are those its summary counted when nothing narrows the queue; with only hidden checks, counted again
   * for the persons with a flag of a hidden check (one seek each); otherwise counted from every link passing the
   * filters, once for the page and the totals (one statement). Their operators are then named for the page only.
   */
  async persons(filter: QueueFilter, group: QueueGroup, hidden: readonly string[], offset: number, limit: number): Promise<QueuePageRows<QueuePersonRow>> {
    await reviewSummariesUpToDate(this.sql);
    const ranked = ranking(filter, hidden, 'p', { table: 'review_persons', checks: 'review_person_checks', key: 'person' });
    const trips = tripWhere(filter);
    const decision = personDecisionWhere(filter);
    // A person flag with no journeys (identity clusters) still counts when no journey filter is set.
    const journeyFilters = trips.sql !== '1 = 1';
    const narrowed = journeyFilters || filter.check !== undefined || filter.severity !== undefined;
    const links = narrowed || hidden.length > 0 ? personLinks(filter, hidden, trips) : null;
    let journeys: Sql = { sql: 'p.operators AS operators, p.journeys AS journeys, p.at_risk AS at_risk', bindings: [] };
    let join: Sql = { sql: '', bindings: [] };
    if (links && narrowed) {
      journeys = { sql: 'NULL AS operators, COALESCE(pt.journeys, 0) AS journeys, COALESCE(pt.at_risk, 0) AS at_risk', bindings: [] };
      join = {
        sql: ` LEFT JOIN (SELECT t.person, COUNT(*) AS journeys, SUM(t.at_risk) AS at_risk FROM ${links.from.sql} WHERE ${links.where.sql} GROUP BY t.person) pt
          ON pt.person = p.person`,
        bindings: [...links.from.bindings, ...links.where.bindings],
      };
    } else if (links) {
      // Only the persons with a flag of a hidden check can lose journeys.
      const affected = `((p.own_1 | p.reg_1) & ${hiddenBits(hidden).mask}) <> 0`;
      const linked = (aggregate: string, column: string): string =>
        `CASE WHEN ${affected} THEN (SELECT ${aggregate} FROM ${links.from.sql} WHERE t.person = p.person AND ${links.where.sql}) ELSE p.${column} END AS ${column}`;
      journeys = {
        sql: `NULL AS operators, ${linked('COUNT(*)', 'journeys')}, ${linked('COALESCE(SUM(t.at_risk), 0)', 'at_risk')}`,
        bindings: [...links.from.bindings, ...links.where.bindings, ...links.from.bindings, ...links.where.bindings],
      };
    }
    const base = `SELECT p.person AS person, ${journeys.sql}, ${ranked.columns} FROM ${ranked.from.sql}${join.sql}
      WHERE ${ranked.where} AND ${decision.sql}${journeyFilters ? ' AND pt.journeys > 0' : ''}`;
    const bindings = [...journeys.bindings, ...ranked.from.bindings, ...join.bindings, ...decision.bindings];
    const decisionOf = "(SELECT MAX(d.id) FROM review_decisions d WHERE d.subject_kind = 'person' AND d.subject_key = r.person) AS decision_id";
    let counts: Omit<QueuePageRows<never>, 'rows'>;
    let page: Array<Omit<QueuePersonRow, 'checks'>>;
    if (links) {
      // Links counted once: the page and the totals read the same materialised rows.
      const rows = await this.sql.all<Omit<QueuePersonRow, 'checks'> & { totals: number } & TotalsRow>(
        `WITH b AS MATERIALIZED (${base})
         SELECT 0 AS totals, r.person, r.operators, r.journeys, r.at_risk, r.severity AS severity_rank, r.check_count, ${decisionOf},
           NULL AS n, NULL AS own_n, NULL AS own_cents, NULL AS reg_n, NULL AS reg_cents
         FROM (SELECT * FROM b WHERE ${IN_GROUP[group]('b')} ${orderBy('b.', 'journeys DESC', 'person')} LIMIT ? OFFSET ?) r
         UNION ALL SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ${totalsSql(this.sql.engine)} FROM b
         ORDER BY totals DESC, severity_rank DESC, check_count DESC, at_risk DESC, journeys DESC, person`,
        [...bindings, limit, offset],
      );
      const [totals, ...ranks] = rows;
      counts = countsOf(totals);
      page = ranks;
    } else {
      counts = await this.groupCounts(base, bindings);
      page = await this.sql.all<Omit<QueuePersonRow, 'checks'>>(
        `SELECT r.person, r.operators, r.journeys, r.at_risk, r.severity AS severity_rank, ${decisionOf}
         FROM (SELECT * FROM (${base}) b WHERE ${IN_GROUP[group]('b')} ${orderBy('b.', 'journeys DESC', 'person')} LIMIT ? OFFSET ?) r ${orderBy('r.', 'journeys DESC', 'person')}`,
        [...bindings, limit, offset],
      );
    }
    const persons = page.map((row) => row.person);
    const [checks, operators] = await Promise.all([this.checksOf('review_person_checks', 'person', persons), links ? this.operatorsOf(links, persons) : null]);
    return {
      ...counts,
      rows: page.map((row) => ({ ...row, operators: operators ? (operators.get(row.person) ?? null) : row.operators, checks: shownChecks(checks.get(row.person) ?? [], filter, hidden, group) })),
    };
  }

  /** The operators (comma separated) of the journeys linked to some persons, by person. */
  private async operatorsOf(links: { from: Sql; where: Sql }, persons: readonly string[]): Promise<Map<string, string | null>> {
    if (persons.length === 0) return new Map();
    const rows = await this.sql.all<{ person: string; operators: string | null }>(
      `SELECT t.person AS person, ${OPERATOR_NAMES_SQL(this.sql.engine)} AS operators FROM ${links.from.sql} LEFT JOIN operators o ON o.id = t.operator_id
       WHERE ${links.where.sql} AND t.person IN (${persons.map(() => '?').join(', ')}) GROUP BY t.person`,
      [...links.from.bindings, ...links.where.bindings, ...persons],
    );
    return new Map(rows.map((row) => [row.person, row.operators]));
  }

  /** Rows and incentives at risk of each group of a ranked relation (`base`), and the rows hidden checks left out. */
  private async groupCounts(base: string, bindings: ReadonlyArray<string | number>): Promise<Omit<QueuePageRows<never>, 'rows'>> {
    const [totals] = await this.sql.all<TotalsRow>(`SELECT ${totalsSql(this.sql.engine)} FROM (${base}) b`, bindings);
    return countsOf(totals);
  }

  /** The rows per check of some subjects of a summary, by subject. */
  private async checksOf(table: string, key: 'trip_id' | 'person', keys: ReadonlyArray<string | number>): Promise<Map<string | number, CheckRow[]>> {
    const out = new Map<string | number, CheckRow[]>();
    if (keys.length === 0) return out;
    const rows = await this.sql.all<CheckRow>(`SELECT ${key} AS key, check_id, registry, severity FROM ${table} WHERE ${key} IN (${keys.map(() => '?').join(', ')})`, keys);
    for (const row of rows) out.set(row.key, [...(out.get(row.key) ?? []), row]);
    return out;
  }
}
