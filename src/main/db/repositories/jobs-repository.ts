import type { Knex } from 'knex';
import type { JobKind, JobRecord, JobStatus } from '../../../shared/types/jobs';
import { holdJobPresence, runningJobs } from '../job-presence';

interface JobRow {
  id: string;
  kind: string;
  status: string;
  params_json: string;
  summary_json: string | null;
  error: string | null;
  started_at: string;
  ended_at: string | null;
  current: number;
  total: number;
  step: string | null;
}

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    status: row.status as JobStatus,
    params: JSON.parse(row.params_json) as Record<string, unknown>,
    summary: row.summary_json ? (JSON.parse(row.summary_json) as Record<string, unknown>) : null,
    error: row.error,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    current: row.current,
    total: row.total,
    step: row.step,
  };
}

/** History of jobs, so a reloaded window (or the CLI) sees what ran and what runs. */
export class JobsRepository {
  /**
   * `progressDb` (db/connection.ts `openProgressDatabase`) takes the progress saves, which may be skipped; without it
   * they go through `db`.
   */
  constructor(
    private readonly db: Knex,
    private readonly progressDb: Knex = db,
  ) {}

  async insert(job: { id: string; kind: JobKind; params: Record<string, unknown>; startedAt: string; ownerPid: number }): Promise<void> {
    await this.db('jobs').insert({
      id: job.id,
      owner_pid: job.ownerPid,
      kind: job.kind,
      status: 'running',
      params_json: JSON.stringify(job.params),
      started_at: job.startedAt,
    });
  }

  /**
   * Saves a running job's last progress. Answers false when the store was busy with another connection's write (a
   * worker's long transaction) and the save was skipped: the runner saves again a little later.
   */
  async updateProgress(id: string, step: string, current: number, total: number): Promise<boolean> {
    try {
      await this.progressDb('jobs').where({ id, status: 'running' }).update({ step, current, total });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return false;
      throw error;
    }
  }

  async finish(
    id: string,
    outcome: { status: Exclude<JobStatus, 'running'>; summary: Record<string, unknown> | null; error: string | null; endedAt: string },
  ): Promise<void> {
    await this.db('jobs')
      .where({ id })
      .update({
        status: outcome.status,
        summary_json: outcome.summary ? JSON.stringify(outcome.summary) : null,
        error: outcome.error,
        ended_at: outcome.endedAt,
      });
  }

  async get(id: string): Promise<JobRecord | null> {
    const row: JobRow | undefined = await this.db('jobs').where({ id }).first();
    return row ? toRecord(row) : null;
  }

  /** Most recent jobs, running ones first. */
  async list(limit: number): Promise<JobRecord[]> {
    const rows: JobRow[] = await this.db('jobs')
      .orderByRaw("CASE status WHEN 'running' THEN 0 ELSE 1 END")
      .orderBy('started_at', 'desc')
      .limit(limit);
    return rows.map(toRecord);
  }

  /**
   * Jobs marked running whose process is gone (crash, kill) are marked interrupted; jobs of a live process
   * (the app while the CLI starts, or the reverse; on a shared store, another computer's) are left alone
   * (`job-presence.ts`). Returns the interrupted ids.
   */
  async markOrphansInterrupted(endedAt: string, isAlive: (pid: number) => boolean): Promise<string[]> {
    return this.db.transaction(async (trx) => {
      const rows: Array<{ id: string; owner_pid: number | null }> = await trx('jobs').where({ status: 'running' }).select('id', 'owner_pid');
      const alive = await runningJobs(trx, rows.map((row) => ({ id: row.id, ownerPid: row.owner_pid })), isAlive);
      const orphans = rows.filter((row) => !alive.has(row.id)).map((row) => row.id);
      if (orphans.length > 0) {
        await trx('jobs')
          .whereIn('id', orphans)
          .update({ status: 'interrupted', ended_at: endedAt, error: 'Interrompu : l’application s’est arrêtée pendant le traitement.' });
      }
      return orphans;
    });
  }

  /** Holds a running job's presence for the other processes of a shared store until the answer is called (`job-presence.ts`). */
  holdPresence(jobId: string): Promise<() => Promise<void>> {
    return holdJobPresence(this.db, jobId);
  }
}
