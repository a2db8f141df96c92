import type { Decision, DecisionRecord } from '../../shared/types/reviews';
import type { SqlExecutor } from './sql-executor';

/** A row of `review_decisions`. */
export interface DecisionRow {
  id: number;
  subject_kind: 'journey' | 'person';
  subject_key: string;
  decision: Decision;
  comment: string;
  actor: string;
  decided_at: string;
  previous_id: number | null;
  audit_id: number;
}

/** A row of `review_decisions` as the review screens and case files read it. */
export function toDecisionRecord(row: DecisionRow): DecisionRecord {
  return {
    id: row.id,
    subject: { kind: row.subject_kind, key: row.subject_key },
    decision: row.decision,
    comment: row.comment,
    actor: row.actor,
    decidedAt: row.decided_at,
    previousId: row.previous_id,
    auditId: row.audit_id,
  };
}

/** Ids per query, far below the 32,766 values SQLite binds at most. */
const IDS_PER_QUERY = 500;

/**
 * Decisions by id (the standing decisions of review-queue rows and of case-file journeys), on either connection:
 * the main thread's review screens and the case-file export's worker read them the same way.
 */
export async function decisionsByIds(db: SqlExecutor, ids: readonly number[]): Promise<Map<number, DecisionRecord>> {
  const found = new Map<number, DecisionRecord>();
  for (let offset = 0; offset < ids.length; offset += IDS_PER_QUERY) {
    const chunk = ids.slice(offset, offset + IDS_PER_QUERY);
    const rows = await db.all<DecisionRow>(`SELECT * FROM review_decisions WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
    for (const row of rows) found.set(row.id, toDecisionRecord(row));
  }
  return found;
}
