import type { Knex } from 'knex';
import type { Decision, DecisionRecord, ExclusionSummary, ReviewSubject } from '../../../shared/types/reviews';
import { knexExecutor } from '../knex-executor';
import type { AuditLogRepository } from './audit-log-repository';
import { personSql } from '../person-sql';
import { decisionsByIds, toDecisionRecord, type DecisionRow } from '../review-decision-rows';
import type { SqlExecutor } from '../sql-executor';
import { AT_RISK_SQL } from './review-sql';

/** What a decision looks like in the audit log's before/after. */
export const decisionAuditView = (row: Pick<DecisionRow, 'id' | 'decision' | 'comment' | 'actor' | 'decided_at'>) => ({
  decisionId: row.id, decision: row.decision, comment: row.comment, actor: row.actor, decidedAt: row.decided_at,
});
const auditView = decisionAuditView;

/** The audit log's entity of a decision's subject, and its actions (first decision, revision). */
export const DECISION_ENTITY = { journey: 'trajet', person: 'personne' } as const;
export const DECISION_ACTIONS = ['review.decide', 'review.revise'] as const;

/**
 * Investigators' decisions (`review_decisions`, append-only): each decision revises the subject's standing one and
 * is recorded in the keyed, hash-chained audit log in the same transaction (who, when, before/after). The
 * verification compares every row with its entry (services/audit-verifier.ts).
 */
export class ReviewDecisionsRepository {
  private readonly sql: SqlExecutor;

  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLogRepository,
  ) {
    this.sql = knexExecutor(db);
  }

  /** Records `decision` on every subject, in one transaction; answers the new decisions. */
  async decide(subjects: readonly ReviewSubject[], decision: Decision, comment: string, actor: string, at: string): Promise<DecisionRecord[]> {
    return this.audit.transaction(async (trx, append) => {
      const recorded: DecisionRecord[] = [];
      for (const subject of subjects) {
        const previous = (await trx('review_decisions')
          .where({ subject_kind: subject.kind, subject_key: subject.key })
          .orderBy('id', 'desc')
          .first()) as DecisionRow | undefined;
        const [next] = (await trx.raw('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM review_decisions')) as Array<{ id: number }>;
        const id = next?.id ?? 1;
        const auditId = await append(
          {
            actor,
            action: previous ? 'review.revise' : 'review.decide',
            entity: DECISION_ENTITY[subject.kind],
            entityId: subject.key,
            before: previous ? auditView(previous) : null,
            after: auditView({ id, decision, comment, actor, decided_at: at }),
          },
          at,
        );
        const row: DecisionRow = {
          id, subject_kind: subject.kind, subject_key: subject.key, decision, comment, actor, decided_at: at, previous_id: previous?.id ?? null, audit_id: auditId,
        };
        await trx('review_decisions').insert(row);
        recorded.push(toDecisionRecord(row));
      }
      return recorded;
    });
  }

  /** First and last local day of the journeys of these subjects (journeys, or persons' journeys), null if none. */
  async daysOf(subjects: readonly ReviewSubject[]): Promise<{ from: string; to: string } | null> {
    const journeys = subjects.filter((subject) => subject.kind === 'journey').map((subject) => subject.key);
    const persons = subjects.filter((subject) => subject.kind === 'person').map((subject) => subject.key);
    const parts: string[] = [];
    const bindings: string[] = [];
    const marks = (list: string[]): string => list.map(() => '?').join(', ');
    if (journeys.length > 0) {
      parts.push(`t.natural_key IN (${marks(journeys)})`);
      bindings.push(...journeys);
    }
    if (persons.length > 0) {
      parts.push(`${personSql('driver')} IN (${marks(persons)}) OR ${personSql('passenger')} IN (${marks(persons)})`);
      bindings.push(...persons, ...persons);
    }
    const [row] = (await this.db.raw(
      `SELECT MIN(substr(t.start_local, 1, 10)) AS first, MAX(substr(t.start_local, 1, 10)) AS last FROM committed_trips t WHERE ${parts.join(' OR ')}`,
      bindings,
    )) as Array<{ first: string | null; last: string | null }>;
    return row?.first && row.last ? { from: row.first, to: row.last } : null;
  }

  /** Every decision on these subjects, newest first. */
  async history(subjects: readonly ReviewSubject[]): Promise<DecisionRecord[]> {
    if (subjects.length === 0) return [];
    const query = this.db('review_decisions').where((builder) => {
      for (const subject of subjects) builder.orWhere({ subject_kind: subject.kind, subject_key: subject.key });
    });
    return ((await query.orderBy('id', 'desc')) as DecisionRow[]).map(toDecisionRecord);
  }

  /** Decisions by id (the standing decisions of queue rows). */
  byIds(ids: readonly number[]): Promise<Map<number, DecisionRecord>> {
    return decisionsByIds(this.sql, ids);
  }

  /** What confirmed fraud takes out of simulations and exports now. */
  async exclusions(): Promise<ExclusionSummary> {
    const [confirmed] = (await this.db.raw(
      `SELECT SUM(subject_kind = 'journey') AS journeys, SUM(subject_kind = 'person') AS persons FROM review_current WHERE decision = 'confirmed'`,
    )) as Array<{ journeys: number | null; persons: number | null }>;
    const [excluded] = (await this.db.raw(
      `SELECT COUNT(*) AS n, COALESCE(SUM(${AT_RISK_SQL}), 0) AS cents FROM committed_trips t WHERE t.id IN (SELECT trip_id FROM excluded_trips)`,
    )) as Array<{ n: number; cents: number }>;
    return {
      journeysConfirmed: Number(confirmed?.journeys ?? 0),
      personsConfirmed: Number(confirmed?.persons ?? 0),
      excludedTrips: Number(excluded?.n ?? 0),
      excludedAtRiskCents: Number(excluded?.cents ?? 0),
    };
  }
}
