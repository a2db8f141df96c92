/** What a worker task can do: report progress and hand rows to the runner (resolves once written). */
export interface TaskContext {
  progress(step: string, current: number, total: number): void;
  sendBatch(rows: unknown[]): Promise<void>;
}
