/**
 * What a worker task can do: report progress, hand rows to the runner (resolves once written), see a cancel.
 * `Row` is what the task's batches hold (structured-cloned to the main thread); tasks that hand no rows keep `never`.
 */
export interface TaskContext<Row = never> {
  progress(step: string, current: number, total: number): void;
  sendBatch(rows: Row[]): Promise<void>;
  /** Aborted when the runner asks the task to stop; tasks holding a connection stop between transactions. */
  signal: AbortSignal;
}
