import type { JobKind } from '../../shared/types/jobs';
import type { WorkerTaskName } from '../workers/protocol';

/**
 * A kind of job: what runs in the worker thread and what the main thread does with its output.
 * The main thread is the single writer: `writeBatch` commits each batch, and `rollback` must undo every batch
 * already written so a cancelled or failed job leaves the store as it was.
 */
export interface JobDefinition<Params, Context> {
  kind: JobKind;
  task: WorkerTaskName;
  /** Tables a successful run changes (announced with `data:changed`). */
  tables: readonly string[];
  /** Prepares the run (creates its import batch…). `total` is the expected units of work, 0 if unknown. */
  prepare(params: Params, jobId: string): Promise<{ context: Context; workerParams: Record<string, unknown>; total: number }>;
  /**
   * Writes one batch posted by the worker. Absent when the worker writes through its own connection (imports):
   * the worker's progress messages are then the job's progress.
   */
  writeBatch?(context: Context, rows: unknown[]): Promise<void>;
  /** Makes the run's writes final; answers the summary kept in the job history. */
  commit(context: Context, workerSummary: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Undoes every write of the run; `error` is the French message of a failure (null when cancelled). */
  rollback(context: Context, reason: 'cancelled' | 'failed', error: string | null): Promise<void>;
}
