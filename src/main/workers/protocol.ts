/**
 * Messages between the job runner (main thread) and a job worker thread.
 * Data flows as batches: the worker posts a batch and waits for the runner's `ack` once the batch is written,
 * which bounds memory (at most `MAX_BATCHES_IN_FLIGHT` batches) whatever the size of the job.
 */
export type WorkerTaskName = 'demo.generate' | 'extract.import' | 'aom.read' | 'stats.refresh' | 'export.stats' | 'export.trips' | 'export.apdf' | 'campaign.simulate' | 'campaign.explain' | 'checks.scan' | 'export.cases';

export interface WorkerStart {
  task: WorkerTaskName;
  params: Record<string, unknown>;
}

export type WorkerMessage =
  | { type: 'progress'; step: string; current: number; total: number }
  | { type: 'batch'; rows: unknown[] }
  | { type: 'done'; summary: Record<string, unknown> }
  | { type: 'error'; message: string };

/** `ack`: a batch is written; `cancel`: stop, leaving any connection closed and no transaction open. */
export type RunnerMessage = { type: 'ack' } | { type: 'cancel' };

export const MAX_BATCHES_IN_FLIGHT = 2;
