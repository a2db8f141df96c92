/** What a worker task can do: report progress, hand rows to the runner (resolves once written), see a cancel. */
export interface TaskContext {
  progress(step: string, current: number, total: number): void;
  sendBatch(rows: unknown[]): Promise<void>;
  /** Aborted when the runner asks the task to stop; tasks holding a connection stop between transactions. */
  signal: AbortSignal;
}
