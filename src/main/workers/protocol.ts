import type { TaskParams, TaskRow, TaskSummary, WorkerTaskName } from './task-registry';

/*
 * Messages between the job runner (main thread) and a job worker thread, typed by the task running.
 * Data flows as batches: the worker posts a batch and waits for the runner's `ack` once the batch is written,
 * which bounds memory (at most `MAX_BATCHES_IN_FLIGHT` batches) whatever the size of the job.
 */

/** What the runner starts a worker with (`workerData`): a task and its parameters. */
export interface WorkerStart<Task extends WorkerTaskName> {
  task: Task;
  params: TaskParams<Task>;
}

/** What a worker posts to the runner: progress, a batch of rows to write, the task's summary, or its error. */
export type WorkerMessage<Task extends WorkerTaskName> =
  | { type: 'progress'; step: string; current: number; total: number }
  | { type: 'batch'; rows: Array<TaskRow<Task>> }
  | { type: 'done'; summary: TaskSummary<Task> }
  | { type: 'error'; message: string };

/** `ack`: a batch is written; `cancel`: stop, leaving any connection closed and no transaction open. */
export type RunnerMessage = { type: 'ack' } | { type: 'cancel' };

export const MAX_BATCHES_IN_FLIGHT = 2;
