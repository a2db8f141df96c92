import type { Knex } from 'knex';
import type { ChecksSummary } from '../../../shared/types/checks';
import { knexEngine } from '../knex-executor';

/** A stored flag of a scan, evidence included. */
export interface StoredFlag {
  checkId: string;
  severity: string;
  journeyKeys: string[];
  persons: string[];
  evidence: Record<string, unknown>;
}

/** Scans of the checks (`check_runs`) and their flags (`check_flags`). */
export class ChecksRepository {
  constructor(private readonly db: Knex) {}

  /** The latest run, or null before any scan. */
  async latestRun(): Promise<ChecksSummary['run']> {
    const row = (await this.db('check_runs').orderBy('id', 'desc').first()) as
      | { id: number; trips: number; flags: number; created_at: string; from_day: string | null; to_day: string | null; quality_json: string | null }
      | undefined;
    if (!row) return null;
    const quality = row.quality_json === null ? null : (JSON.parse(row.quality_json) as NonNullable<ChecksSummary['run']>['quality']);
    return { id: row.id, trips: row.trips, flags: row.flags, createdAt: row.created_at, from: row.from_day, to: row.to_day, quality };
  }

  /** Current flags (the review queue's) per check id. */
  async counts(): Promise<Map<string, number>> {
    const rows = (await this.db('check_flags').where({ current: 1 }).select('check_id').count({ n: '*' }).groupBy('check_id')) as Array<{ check_id: string; n: number | string }>;
    return new Map(rows.map((row) => [row.check_id, Number(row.n)]));
  }

  /**
   * Current flags of one check id (`T01@1`, or `T01` for any version, whatever its case: SQLite's LIKE ignores the
   * case of ASCII letters, PostgreSQL's ILIKE does the same), in storage order.
   */
  async flags(checkId: string, limit?: number): Promise<StoredFlag[]> {
    const query = this.db('check_flags').where({ current: 1 });
    if (limit !== undefined) query.limit(limit);
    if (checkId.includes('@')) query.where({ check_id: checkId });
    else query.where('check_id', knexEngine(this.db) === 'postgres' ? 'ilike' : 'like', `${checkId}@%`);
    const rows = (await query.orderBy('id')) as Array<{ check_id: string; severity: string; journey_keys_json: string; persons_json: string; evidence_json: string }>;
    return rows.map((row) => ({
      checkId: row.check_id,
      severity: row.severity,
      journeyKeys: JSON.parse(row.journey_keys_json) as string[],
      persons: JSON.parse(row.persons_json) as string[],
      evidence: JSON.parse(row.evidence_json) as Record<string, unknown>,
    }));
  }
}
