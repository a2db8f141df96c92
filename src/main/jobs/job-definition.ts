import type { JobDone, JobKind } from '../../shared/types/jobs';
import type { TaskParams, TaskRow, TaskSummary, WorkerTaskName } from '../workers/task-registry';

/** A job's summary: plain data kept (as JSON) in the job history and sent with `job:done`. */
export type JobSummary = Record<string, unknown>;

/**
 * A kind of job: which worker task runs it and what the main thread does around it. Jobs whose worker hands rows
 * have the main thread write them (`writeBatch`), and `rollback` must undo every batch already written so a
 * cancelled or failed job leaves the store as it was; the others read and write through the worker's own connection.
 * `Result` is the summary the job ends with (by default the task's own).
 */
export interface JobDefinition<Task extends WorkerTaskName, Params extends Record<string, unknown>, Context, Result extends JobSummary = TaskSummary<Task>> {
  kind: JobKind;
  task: Task;
  /** Tables a successful run changes (announced with `data:changed`). */
  tables: readonly string[];
  /**
   * Prepares the run (creates its import batch…). `total` is the expected units of work, 0 if unknown. A preparation
   * that has to wait (another process's import on the store) reports the step it waits in through `run.waiting` and
   * stops waiting when `run.signal` aborts.
   */
  prepare(
    params: Params,
    jobId: string,
    run: PrepareRun,
  ): Promise<{ context: Context; workerParams: TaskParams<Task>; total: number }>;
  /**
   * Writes one batch posted by the worker. Absent when the worker writes through its own connection (imports):
   * the worker's progress messages are then the job's progress.
   */
  writeBatch?(context: Context, rows: Array<TaskRow<Task>>): Promise<void>;
  /** Makes the run's writes final; answers the summary kept in the job history. */
  commit(context: Context, summary: TaskSummary<Task>): Promise<Result>;
  /** Undoes every write of the run; `error` is the French message of a failure (null when cancelled). */
  rollback(context: Context, reason: 'cancelled' | 'failed', error: string | null): Promise<void>;
}

/** What a job's preparation may use: the job's cancel signal, and a way to say it waits (step name, e.g. `waitingForImport`). */
export interface PrepareRun {
  signal: AbortSignal;
  waiting(step: string): void;
}

declare const summaryType: unique symbol;

/**
 * The id of a job that ends with a `Result` summary, as `JobRunner.start` answers it, so that `JobRunner.wait` gives
 * the summary its type. At run time a plain string; any string is accepted where the result type is not known.
 */
export type JobId<Result extends JobSummary = JobSummary> = string & { readonly [summaryType]?: Result };

/** How a job ended: its typed summary when done, else its status and French error (null when cancelled). */
export type JobEnding<Result extends JobSummary = JobSummary> =
  | { status: 'done'; summary: Result; error: null }
  | { status: Exclude<JobDone['status'], 'done'>; summary: null; error: string | null };

/** A job's `job:done` event, its summary typed. */
export type JobOutcome<Result extends JobSummary = JobSummary> = Pick<JobDone, 'jobId' | 'kind'> & JobEnding<Result>;
