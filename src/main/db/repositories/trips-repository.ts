import type { Knex } from 'knex';
import { knexExecutor } from '../knex-executor';
import { runningJobs } from '../job-presence';
import type { SqlExecutor } from '../sql-executor';
import { TRIP_COLUMNS } from '../../domain/trips/trip-row';
import { insertEncodedTrips } from '../trip-insert';
import { isProcessAlive } from '../../platform/process-alive';
import { ADVISORY_LOCKS, lockKnexTransaction } from '../advisory-locks';

export interface BatchInput {
  jobId: string | null;
  source: string;
  format: string;
  startedAt: string;
}

export interface BatchCounts {
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  periodFrom: string | null;
  periodTo: string | null;
}

/** How often a batch waiting for another process's import looks again, in ms. */
const BATCH_POLL_MS = 500;

/** Thrown by `openBatchWhenFree` when the job is cancelled while it waits for another process's import. */
class BatchWaitCancelled extends Error {
  constructor() {
    super('Annulé pendant l’attente d’un autre import.');
  }
}

/** Deletes what an unfinished batch wrote (new journeys, staged updates, rejected lines) and records its end, in `trx`. */
async function discardIn(trx: Knex.Transaction, batchId: number, status: 'cancelled' | 'failed', endedAt: string): Promise<number> {
  const deleted = await trx('trips').where({ batch_id: batchId }).delete();
  await trx('import_staged_updates').where({ batch_id: batchId }).delete();
  await trx('rejected_rows').where({ batch_id: batchId }).delete();
  await trx('import_batches').where({ id: batchId }).update({ status, ended_at: endedAt });
  return deleted;
}

/**
 * Journeys and the import batches they come from. A batch's rows are written in several transactions while it
 * runs; they only count once the batch is committed, and a batch that is cancelled, fails or is found
 * unfinished at startup has its rows deleted, so the store never keeps half an import.
 */
export class TripsRepository {
  private readonly sql: SqlExecutor;

  constructor(private readonly db: Knex) {
    this.sql = knexExecutor(db);
  }

  /**
   * Opens a running batch, unless a batch of another live process runs on this store: answers that batch then, and
   * the caller waits (`openBatchWhenFree`). Imports and demo loads of one store run one at a time across processes
   * (the app and the CLI beside it): a second import would otherwise read the first one's journeys as already
   * stored, and lose them when the first is discarded. A running batch whose job ended or whose process is gone
   * (killed) is discarded here first, in the same write transaction as the check, so two processes never both open.
   */
  async openBatch(input: BatchInput): Promise<{ id: number } | { blockedBy: { batchId: number; pid: number } }> {
    return this.db.transaction(async (trx) => {
      await lockKnexTransaction(trx, ADVISORY_LOCKS.openBatch);
      const running: Array<{ id: number; job_id: string | null; job_status: string | null; owner_pid: number | null }> = await trx('import_batches as b')
        .leftJoin('jobs as j', 'j.id', 'b.job_id')
        .where('b.status', 'running')
        .select('b.id', 'b.job_id', 'j.status as job_status', 'j.owner_pid');
      const jobs = running.flatMap((batch) => (batch.job_status === 'running' && batch.job_id !== null ? [{ id: batch.job_id, ownerPid: batch.owner_pid }] : []));
      const alive = await runningJobs(trx, jobs, isProcessAlive);
      const blocking = running.find((batch) => batch.job_id !== null && alive.has(batch.job_id));
      if (blocking !== undefined) return { blockedBy: { batchId: blocking.id, pid: blocking.owner_pid ?? 0 } };
      for (const batch of running) await discardIn(trx, batch.id, 'failed', input.startedAt);
      const [row] = (await trx('import_batches')
        .insert({
          job_id: input.jobId,
          source: input.source,
          format: input.format,
          status: 'running',
          started_at: input.startedAt,
        })
        .returning('id')) as Array<{ id: number }>;
      return { id: Number(row?.id) };
    });
  }

  /** Opens a running batch where nothing may be running (tests, benchmarks): throws if another process imports. */
  async createBatch(input: BatchInput): Promise<number> {
    const opened = await this.openBatch(input);
    if ('blockedBy' in opened) throw new Error(`Un import est en cours dans le processus ${opened.blockedBy.pid}.`);
    return opened.id;
  }

  /**
   * Opens a batch once no other live process imports into this store, looking again every `BATCH_POLL_MS`; the job
   * (`run`, its preparation's) is told it waits, step `waitingForImport`. Throws when `run.signal` aborts while waiting.
   */
  async openBatchWhenFree(input: BatchInput, run: { signal: AbortSignal; waiting(step: 'waitingForImport'): void }): Promise<number> {
    for (;;) {
      if (run.signal.aborted) throw new BatchWaitCancelled();
      const opened = await this.openBatch(input);
      if ('id' in opened) return opened.id;
      run.waiting('waitingForImport');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, BATCH_POLL_MS);
        function done(): void {
          clearTimeout(timer);
          run.signal.removeEventListener('abort', done);
          resolve();
        }
        run.signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  /** Stores the labels of injected demo patterns (natural key → expected check ids); a label already there stays. */
  async saveDemoLabels(labels: Readonly<Record<string, readonly string[]>>): Promise<void> {
    const rows = Object.entries(labels).map(([key, ids]) => ({ natural_key: key, check_ids_json: JSON.stringify(ids) }));
    for (let offset = 0; offset < rows.length; offset += 400) {
      await this.db('demo_labels').insert(rows.slice(offset, offset + 400)).onConflict('natural_key').ignore();
    }
  }

  /**
   * Inserts journeys of a running batch, encoded for every trip column by the demo worker (`encodeTrips`), in one
   * transaction. A journey whose natural key is already stored is left as it is. Returns the number of rows
   * actually inserted.
   */
  insertTrips(batchId: number, texts: readonly string[]): Promise<number> {
    if (texts.length === 0) return Promise.resolve(0);
    return this.sql.transaction((tx) => insertEncodedTrips(tx, batchId, TRIP_COLUMNS, texts, { ignoreExisting: true }));
  }

  /**
   * Marks a batch committed with its final counts and covered period; on PostgreSQL, then refreshes the planner's
   * statistics of `trips` (see `ImportWriter.refreshPlannerStatistics`).
   */
  async commitBatch(batchId: number, counts: BatchCounts, endedAt: string): Promise<void> {
    await this.db('import_batches').where({ id: batchId }).update({
      status: 'committed',
      rows_read: counts.rowsRead,
      rows_inserted: counts.rowsInserted,
      rows_updated: counts.rowsUpdated,
      rows_unchanged: counts.rowsUnchanged,
      rows_rejected: counts.rowsRejected,
      period_from: counts.periodFrom,
      period_to: counts.periodTo,
      ended_at: endedAt,
    });
    if (this.sql.engine === 'postgres') await this.sql.exec('ANALYZE trips');
  }

  /**
   * Deletes everything an unfinished batch wrote (its new journeys, staged updates and rejected lines) and records
   * why it ended, in one transaction. Journeys it would have updated keep their stored version.
   */
  async discardBatch(batchId: number, status: 'cancelled' | 'failed', endedAt: string): Promise<number> {
    return this.db.transaction((trx) => discardIn(trx, batchId, status, endedAt));
  }

  /**
   * Startup recovery: discards every batch left running by a job that no longer runs (interrupted, or never
   * recorded). Returns the batch ids.
   */
  async discardUnfinishedBatches(endedAt: string): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.db('import_batches as b')
      .leftJoin('jobs as j', 'j.id', 'b.job_id')
      .where('b.status', 'running')
      .andWhere((q) => q.whereNull('j.id').orWhereNot('j.status', 'running'))
      .select('b.id');
    for (const { id } of rows) await this.discardBatch(id, 'failed', endedAt);
    return rows.map((row) => row.id);
  }

  /** Id of an operator by name, created when unknown. */
  async operatorId(name: string, registryUuid: string | null): Promise<number> {
    await this.db('operators').insert({ name, registry_uuid: registryUuid }).onConflict('name').ignore();
    const row: { id: number } | undefined = await this.db('operators').where({ name }).first('id');
    if (!row) throw new Error(`Opérateur introuvable après insertion : ${name}`);
    return row.id;
  }

  /**
   * Whether the journeys' user ids are stored pseudonymised (the default), or in clear in a store that held them so
   * before (migration `202612062310_user_id_privacy`).
   */
  async userIdsPseudonymised(): Promise<boolean> {
    const row = (await this.db('store_privacy').first('user_ids')) as { user_ids: string } | undefined;
    return row?.user_ids !== 'clear';
  }

  /** Whether the store already holds any journey (the UI offers demo data only on an empty store). */
  async count(): Promise<number> {
    const row = (await this.db('trips').count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }
}
