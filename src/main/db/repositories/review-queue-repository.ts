import type { Knex } from 'knex';
import type { ReviewQueueRequest } from '../../../shared/types/reviews';
import { territorySql } from '../level-columns';
import { personSql } from '../person-sql';
import { AT_RISK_SQL, SEVERITY_RANK, SEVERITY_RANK_SQL, STANDING_DECISION_SQL } from './review-sql';

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

/** Current flags passing the check and severity filters, as SQL on `check_flags` aliased `f`. */
function flagWhere(filter: QueueFilter): { sql: string; bindings: Array<string | number> } {
  const parts = ['f.current = 1'];
  const bindings: Array<string | number> = [];
  if (filter.check) {
    parts.push(filter.check.includes('@') ? 'f.check_id = ?' : "f.check_id LIKE ? || '@%'");
    bindings.push(filter.check);
  }
  if (filter.severity) {
    parts.push(`${SEVERITY_RANK_SQL('f.severity')} >= ?`);
    bindings.push(SEVERITY_RANK[filter.severity]);
  }
  return { sql: parts.join(' AND '), bindings };
}

/** Journeys passing the operator, period, territory and status filters, as SQL on `trips` aliased `t`. */
function tripWhere(filter: QueueFilter): { sql: string; bindings: Array<string | number> } {
  const parts: string[] = [];
  const bindings: Array<string | number> = [];
  if (filter.operatorId !== undefined) {
    // Unary + keeps SQLite from driving the query by the operator's journeys (an index of the person lookups):
    // the flagged journeys are far fewer.
    parts.push('+t.operator_id = ?');
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

/** The decision filter on a standing decision id column joined to `review_decisions` aliased `sd`. */
function decisionWhere(filter: QueueFilter): { sql: string; bindings: Array<string | number> } {
  if (!filter.decision) return { sql: '1 = 1', bindings: [] };
  if (filter.decision === 'none') return { sql: 'sd.id IS NULL', bindings: [] };
  return { sql: 'sd.decision = ?', bindings: [filter.decision] };
}

/**
 * The review queue (docs/checks.md, « File de revue »): flagged journeys or persons of the current flags, filtered
 * in SQL and sorted by incentives at risk, largest first. Person rows count the distinct flagged journeys linked to
 * the person that pass the journey filters, and their incentives.
 */
export class ReviewQueueRepository {
  constructor(private readonly db: Knex) {}

  /** One page of flagged journeys, and the totals (rows, incentives at risk) over every page. */
  async journeys(filter: QueueFilter, offset: number, limit: number): Promise<{ total: number; atRiskCents: number; rows: QueueJourneyRow[] }> {
    const flags = flagWhere(filter);
    const trips = tripWhere(filter);
    const decision = decisionWhere(filter);
    const base = `
      WITH flagged AS (
        SELECT fj.natural_key, group_concat(DISTINCT f.check_id) AS checks, MAX(${SEVERITY_RANK_SQL('f.severity')}) AS severity_rank
        FROM check_flags f JOIN check_flag_journeys fj ON fj.flag_id = f.id
        WHERE ${flags.sql} GROUP BY fj.natural_key
      ),
      rows AS (
        SELECT t.natural_key, t.journey_id, o.name AS operator_name, t.start_local, t.start_insee, t.end_insee, t.distance_m, t.status,
          ${AT_RISK_SQL} AS at_risk, fl.checks, fl.severity_rank, ${STANDING_DECISION_SQL} AS decision_id
        FROM flagged fl JOIN trips t ON t.natural_key = fl.natural_key LEFT JOIN operators o ON o.id = t.operator_id
        WHERE ${trips.sql}
      )
      SELECT r.* FROM rows r LEFT JOIN review_decisions sd ON sd.id = r.decision_id WHERE ${decision.sql}`;
    const bindings = [...flags.bindings, ...trips.bindings, ...decision.bindings];
    const [totals] = (await this.db.raw(`SELECT COUNT(*) AS n, COALESCE(SUM(at_risk), 0) AS cents FROM (${base})`, bindings)) as Array<{ n: number; cents: number }>;
    const rows = (await this.db.raw(`${base} ORDER BY r.at_risk DESC, r.severity_rank DESC, r.start_local DESC, r.natural_key LIMIT ? OFFSET ?`, [
      ...bindings, limit, offset,
    ])) as QueueJourneyRow[];
    return { total: Number(totals?.n ?? 0), atRiskCents: Number(totals?.cents ?? 0), rows };
  }

  /** One page of flagged persons, and the totals over every page. */
  async persons(filter: QueueFilter, offset: number, limit: number): Promise<{ total: number; atRiskCents: number; rows: QueuePersonRow[] }> {
    const flags = flagWhere(filter);
    const trips = tripWhere(filter);
    const decision = decisionWhere(filter);
    // A person flag with no journeys (identity clusters) still counts when no journey filter is set.
    const journeyFilters = trips.sql !== '1 = 1';
    const base = `
      WITH person_flags AS (
        SELECT fp.person, f.id AS flag_id, f.check_id, ${SEVERITY_RANK_SQL('f.severity')} AS severity_rank
        FROM check_flags f JOIN check_flag_persons fp ON fp.flag_id = f.id WHERE ${flags.sql}
      ),
      person_journeys AS (
        SELECT DISTINCT pf.person, t.id AS trip_id, ${AT_RISK_SQL} AS at_risk, o.name AS operator_name
        FROM person_flags pf JOIN check_flag_journeys fj ON fj.flag_id = pf.flag_id JOIN trips t ON t.natural_key = fj.natural_key
        LEFT JOIN operators o ON o.id = t.operator_id
        WHERE ${trips.sql} AND (${personSql('driver')} = pf.person OR ${personSql('passenger')} = pf.person)
      ),
      person_totals AS (
        SELECT person, group_concat(DISTINCT operator_name) AS operators, COUNT(*) AS journeys, SUM(at_risk) AS at_risk
        FROM person_journeys GROUP BY person
      ),
      person_checks AS (
        SELECT person, group_concat(DISTINCT check_id) AS checks, MAX(severity_rank) AS severity_rank FROM person_flags GROUP BY person
      ),
      rows AS (
        SELECT pc.person, pt.operators, COALESCE(pt.journeys, 0) AS journeys, COALESCE(pt.at_risk, 0) AS at_risk, pc.checks, pc.severity_rank,
          (SELECT MAX(d.id) FROM review_decisions d WHERE d.subject_kind = 'person' AND d.subject_key = pc.person) AS decision_id
        FROM person_checks pc LEFT JOIN person_totals pt ON pt.person = pc.person
      )
      SELECT r.* FROM rows r LEFT JOIN review_decisions sd ON sd.id = r.decision_id
      WHERE ${decision.sql}${journeyFilters ? ' AND r.journeys > 0' : ''}`;
    const bindings = [...flags.bindings, ...trips.bindings, ...decision.bindings];
    const [totals] = (await this.db.raw(`SELECT COUNT(*) AS n, COALESCE(SUM(at_risk), 0) AS cents FROM (${base})`, bindings)) as Array<{ n: number; cents: number }>;
    const rows = (await this.db.raw(`${base} ORDER BY r.at_risk DESC, r.severity_rank DESC, r.journeys DESC, r.person LIMIT ? OFFSET ?`, [
      ...bindings, limit, offset,
    ])) as QueuePersonRow[];
    return { total: Number(totals?.n ?? 0), atRiskCents: Number(totals?.cents ?? 0), rows };
  }
}
