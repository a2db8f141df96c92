import type { Knex } from 'knex';
import type { ReviewQueueRequest } from '../../../shared/types/reviews';
import { knexExecutor } from '../knex-executor';
import { territorySql } from '../level-columns';
import { reviewSummariesUpToDate } from '../review-summaries';
import type { SqlExecutor } from '../sql-executor';
import { SEVERITY_RANK, standingDecisionSql } from './review-sql';

type QueueFilter = Omit<ReviewQueueRequest, 'kind' | 'offset' | 'limit'>;

/** A row of the journeys queue, before names and decisions are attached. */
export interface QueueJourneyRow {
  natural_key: string;
  journey_id: string | number | null;
  operator_name: string | null;
  start_local: string;
  start_insee: string | null;
  end_insee: string | null;
  distance_m: number | null;
  status: string | null;
  at_risk: number;
  checks: string;
  severity_rank: number;
  decision_id: number | null;
}

/** A row of the persons queue, before decisions are attached. */
export interface QueuePersonRow {
  person: string;
  operators: string | null;
  journeys: number;
  at_risk: number;
  checks: string;
  severity_rank: number;
  decision_id: number | null;
}

interface Sql {
  sql: string;
  bindings: Array<string | number>;
}

/** A summary of flagged subjects (db/review-summaries.ts): its table, its table per check, its key column. */
interface Summary {
  table: string;
  checks: string;
  key: string;
}
const JOURNEYS: Summary = { table: 'review_journeys', checks: 'review_journey_checks', key: 'trip_id' };
const PERSONS: Summary = { table: 'review_persons', checks: 'review_person_checks', key: 'person' };

/** The queue's order, largest incentives at risk first (`tie` breaks the remaining ties), on a query's columns aliased `alias`. */
const orderBy = (alias: string, tie: 'start_local DESC' | 'journeys DESC', key: string): string =>
  `ORDER BY ${['at_risk DESC', 'severity_rank DESC', tie, key].map((column) => `${alias}${column}`).join(', ')}`;

/** The column of a summary listing the checks of at least a severity rank. */
const CHECKS_FROM_RANK = { 1: 'checks', 2: 'checks_warning', 3: 'checks_high' } as const;

/**
 * A check filter on a column of check ids: a versioned id (`H02@1`), or every version of a code (`H02`). Ids are
 * stored as the catalogue writes them: a code's versions are the range [`H02@`, `H02A`), which the summaries'
 * keys (check first) read in one seek.
 */
function checkSql(column: string, check: string): Sql {
  return check.includes('@') ? { sql: `${column} = ?`, bindings: [check] } : { sql: `${column} >= ? AND ${column} < ?`, bindings: [`${check}@`, `${check}A`] };
}

/**
 * The subjects of a summary (aliased `alias`) passing the check and severity filters, with the checks and the
 * highest severity the queue shows: those of their current flags passing the filters.
 */
function flagged(filter: QueueFilter, summary: Summary, alias: string): { from: Sql; checks: string; severity: string; where: Sql } {
  const rank = filter.severity ? SEVERITY_RANK[filter.severity] : null;
  if (filter.check) {
    const check = checkSql('c.check_id', filter.check);
    return {
      from: {
        sql: `(SELECT c.${summary.key}, group_concat(c.check_id) AS checks, MAX(c.severity) AS severity FROM ${summary.checks} c
               WHERE ${check.sql}${rank ? ' AND c.severity >= ?' : ''} GROUP BY c.${summary.key}) s
               JOIN ${summary.table} ${alias} ON ${alias}.${summary.key} = s.${summary.key}`,
        bindings: [...check.bindings, ...(rank ? [rank] : [])],
      },
      checks: 's.checks',
      severity: 's.severity',
      where: { sql: '1 = 1', bindings: [] },
    };
  }
  return {
    from: { sql: `${summary.table} ${alias}`, bindings: [] },
    checks: `${alias}.${CHECKS_FROM_RANK[rank ?? 1]}`,
    severity: `${alias}.severity`,
    where: rank ? { sql: `${alias}.severity >= ?`, bindings: [rank] } : { sql: '1 = 1', bindings: [] },
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
 * Per person (`person`), its flagged journeys passing the filters, each once (count, incentives at risk, operators):
 * those its current flags passing the check and severity filters link, where it drives or rides.
 */
function personJourneys(filter: QueueFilter, trips: Sql): Sql {
  let links: Sql = { sql: 'review_person_journeys t', bindings: [] };
  const where = [trips.sql];
  const bindings: Array<string | number> = [];
  if (filter.check) {
    // Linked through a flag of that check (and severity), whichever other flags link it.
    const check = checkSql('c.check_id', filter.check);
    const severity = filter.severity ? ' AND c.severity >= ?' : '';
    links = {
      sql: `(SELECT DISTINCT c.person, c.trip_id FROM review_person_journey_checks c WHERE ${check.sql}${severity}) c
            JOIN review_person_journeys t ON t.person = c.person AND t.trip_id = c.trip_id`,
      bindings: [...check.bindings, ...(filter.severity ? [SEVERITY_RANK[filter.severity]] : [])],
    };
  } else if (filter.severity) {
    where.push('t.severity >= ?');
    bindings.push(SEVERITY_RANK[filter.severity]);
  }
  return {
    sql: `(SELECT t.person, group_concat(DISTINCT o.name) AS operators, COUNT(*) AS journeys, SUM(t.at_risk) AS at_risk
           FROM ${links.sql} LEFT JOIN operators o ON o.id = t.operator_id WHERE ${where.join(' AND ')} GROUP BY t.person)`,
    bindings: [...links.bindings, ...trips.bindings, ...bindings],
  };
}

/**
 * The review queue (docs/review.md, « File de revue »): flagged journeys or persons of the current flags, filtered
 * and sorted by incentives at risk, largest first. Read from the review summaries (db/review-summaries.ts) through
 * their queue indexes: a page costs a few rows, the totals one pass over the summaries passing the filters. Person
 * rows count the distinct flagged journeys linked to the person that pass the journey filters, and their incentives.
 */
export class ReviewQueueRepository {
  private readonly sql: SqlExecutor;

  constructor(private readonly db: Knex) {
    this.sql = knexExecutor(db);
  }

  /** One page of flagged journeys, and the totals (rows, incentives at risk) over every page. */
  async journeys(filter: QueueFilter, offset: number, limit: number): Promise<{ total: number; atRiskCents: number; rows: QueueJourneyRow[] }> {
    await reviewSummariesUpToDate(this.sql);
    const flags = flagged(filter, JOURNEYS, 't');
    const trips = tripWhere(filter);
    const decision = journeyDecisionWhere(filter);
    // Named columns: the order's names are theirs, not those of the tables joined.
    const base = `SELECT t.natural_key AS natural_key, t.trip_id, t.at_risk AS at_risk, t.start_local AS start_local, t.driver, t.passenger, ${flags.checks} AS checks, ${flags.severity} AS severity_rank
      FROM ${flags.from.sql} WHERE ${flags.where.sql} AND ${trips.sql} AND ${decision.sql}`;
    const bindings = [...flags.from.bindings, ...flags.where.bindings, ...trips.bindings, ...decision.bindings];
    const [totals] = (await this.db.raw(`SELECT COUNT(*) AS n, COALESCE(SUM(at_risk), 0) AS cents FROM (${base})`, bindings)) as Array<{ n: number; cents: number }>;
    // The page's journeys are looked up once chosen: their facts, operator and standing decision.
    const rows = (await this.db.raw(
      `SELECT r.natural_key, tr.journey_id, o.name AS operator_name, tr.start_local, tr.start_insee, tr.end_insee, tr.distance_m, tr.status,
         r.at_risk, r.checks, r.severity_rank, ${standingDecisionSql('r.natural_key', 'r.driver', 'r.passenger')} AS decision_id
       FROM (${base} ${orderBy('', 'start_local DESC', 'natural_key')} LIMIT ? OFFSET ?) r
       JOIN committed_trips tr ON tr.id = r.trip_id LEFT JOIN operators o ON o.id = tr.operator_id ${orderBy('r.', 'start_local DESC', 'natural_key')}`,
      [...bindings, limit, offset],
    )) as QueueJourneyRow[];
    return { total: Number(totals?.n ?? 0), atRiskCents: Number(totals?.cents ?? 0), rows };
  }

  /** One page of flagged persons, and the totals over every page. */
  async persons(filter: QueueFilter, offset: number, limit: number): Promise<{ total: number; atRiskCents: number; rows: QueuePersonRow[] }> {
    await reviewSummariesUpToDate(this.sql);
    const flags = flagged(filter, PERSONS, 'p');
    const trips = tripWhere(filter);
    const decision = personDecisionWhere(filter);
    // A person flag with no journeys (identity clusters) still counts when no journey filter is set.
    const journeyFilters = trips.sql !== '1 = 1';
    // Without filters, a person's flagged journeys are summarised already; else they are counted from its links.
    const counted = journeyFilters || filter.check !== undefined || filter.severity !== undefined ? personJourneys(filter, trips) : null;
    const base = `SELECT p.person AS person, ${counted ? 'pt.operators, COALESCE(pt.journeys, 0) AS journeys, COALESCE(pt.at_risk, 0) AS at_risk' : 'p.operators, p.journeys AS journeys, p.at_risk AS at_risk'},
        ${flags.checks} AS checks, ${flags.severity} AS severity_rank
      FROM ${flags.from.sql}${counted ? ` LEFT JOIN ${counted.sql} pt ON pt.person = p.person` : ''}
      WHERE ${flags.where.sql} AND ${decision.sql}${journeyFilters ? ' AND pt.journeys > 0' : ''}`;
    const bindings = [...flags.from.bindings, ...(counted?.bindings ?? []), ...flags.where.bindings, ...decision.bindings];
    // The totals come with the page (window sums over every row): the persons' journeys are counted once.
    const rows = (await this.db.raw(
      `SELECT r.*, (SELECT MAX(d.id) FROM review_decisions d WHERE d.subject_kind = 'person' AND d.subject_key = r.person) AS decision_id
       FROM (SELECT b.*, COUNT(*) OVER () AS total_rows, SUM(b.at_risk) OVER () AS total_cents FROM (${base}) b
             ${orderBy('b.', 'journeys DESC', 'person')} LIMIT ? OFFSET ?) r ${orderBy('r.', 'journeys DESC', 'person')}`,
      [...bindings, limit, offset],
    )) as Array<QueuePersonRow & { total_rows: number; total_cents: number }>;
    // A page past the end has no row to carry them.
    const [totals] = rows.length > 0 || offset === 0
      ? [{ n: rows[0]?.total_rows ?? 0, cents: rows[0]?.total_cents ?? 0 }]
      : ((await this.db.raw(`SELECT COUNT(*) AS n, COALESCE(SUM(at_risk), 0) AS cents FROM (${base})`, bindings)) as Array<{ n: number; cents: number }>);
    return { total: Number(totals?.n ?? 0), atRiskCents: Number(totals?.cents ?? 0), rows };
  }
}
