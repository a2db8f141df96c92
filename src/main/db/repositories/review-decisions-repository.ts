import type { Knex } from 'knex';
import { UserError } from '../../../shared/ipc/result';
import type { DecideSubject, Decision, DecisionRecord, ExclusionSummary, ReviewSubject } from '../../../shared/types/reviews';
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

  /**
   * Records `decision` on every subject, in one transaction; answers the new decisions. A subject whose latest
   * decision is no longer the one the investigator saw (`seenDecisionId`, when given) refuses the whole request with
   * who decided meanwhile (`conflict`), before anything is written: the audit log's transactions run one at a time on
   * either engine, so that no decision slips in between this check and the new one.
   */
  async decide(subjects: readonly DecideSubject[], decision: Decision, comment: string, actor: string, at: string): Promise<DecisionRecord[]> {
    return this.audit.transaction(async (trx, append) => {
      const latest = (subject: ReviewSubject): Promise<DecisionRow | undefined> =>
        trx('review_decisions').where({ subject_kind: subject.kind, subject_key: subject.key }).orderBy('id', 'desc').first() as Promise<DecisionRow | undefined>;
      for (const subject of subjects) {
        if (subject.seenDecisionId === undefined) continue;
        const standing = await latest(subject);
        if ((standing?.id ?? null) !== subject.seenDecisionId) throw new UserError('conflict', decidedMeanwhile(subject, standing, subjects.length));
      }
      const recorded: DecisionRecord[] = [];
      for (const subject of subjects) {
        const previous = await latest(subject);
        const [last] = (await trx('review_decisions').max({ id: 'id' })) as Array<{ id: number | null }>;
        const id = Number(last?.id ?? 0) + 1;
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
      parts.push(`${personSql('driver', this.sql.engine)} IN (${marks(persons)}) OR ${personSql('passenger', this.sql.engine)} IN (${marks(persons)})`);
      bindings.push(...persons, ...persons);
    }
    const [row] = await this.sql.all<{ first: string | null; last: string | null }>(
      `SELECT MIN(substr(t.start_local, 1, 10)) AS first, MAX(substr(t.start_local, 1, 10)) AS last FROM committed_trips t WHERE ${parts.join(' OR ')}`,
      bindings,
    );
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
    const [confirmed] = await this.sql.all<{ journeys: number | null; persons: number | null }>(
      `SELECT SUM(CASE WHEN subject_kind = 'journey' THEN 1 ELSE 0 END) AS journeys, SUM(CASE WHEN subject_kind = 'person' THEN 1 ELSE 0 END) AS persons
       FROM review_current WHERE decision = 'confirmed'`,
    );
    const [excluded] = await this.sql.all<{ n: number; cents: number }>(
      `SELECT COUNT(*) AS n, COALESCE(SUM(${AT_RISK_SQL}), 0) AS cents FROM committed_trips t WHERE t.id IN (SELECT trip_id FROM excluded_trips)`,
    );
    return {
      journeysConfirmed: Number(confirmed?.journeys ?? 0),
      personsConfirmed: Number(confirmed?.persons ?? 0),
      excludedTrips: Number(excluded?.n ?? 0),
      excludedAtRiskCents: Number(excluded?.cents ?? 0),
    };
  }
}

/**
 * Why a decision is refused: another one was recorded on its subject since the investigator looked at it (or the
 * decision they saw is not its latest). In French, naming who decided, for the form to show as it is.
 */
function decidedMeanwhile(subject: ReviewSubject, standing: DecisionRow | undefined, subjects: number): string {
  const who = standing ? ` par ${standing.actor}` : '';
  if (subjects > 1) {
    const which = subject.kind === 'journey' ? `Un des ${subjects} trajets choisis a été décidé` : `Une des ${subjects} personnes choisies a fait l’objet d’une décision`;
    return `${which} entre-temps${who} : rien n’a été enregistré. Reprenez la sélection dans la file rechargée.`;
  }
  return subject.kind === 'journey'
    ? `Ce trajet a été décidé entre-temps${who} : rechargez la fiche.`
    : `Cette personne a fait l’objet d’une décision entre-temps${who} : rechargez la fiche.`;
}
