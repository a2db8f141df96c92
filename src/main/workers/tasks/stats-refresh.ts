import { refreshStats } from '../../db/stats-refresh';
import { WorkerConnection } from '../../db/worker-connection';
import type { TaskContext } from './task-context';

export interface StatsRefreshParams {
  dbFile: string;
  /** First and last local day (`YYYY-MM-DD`) whose months are rebuilt. */
  from: string;
  to: string;
}

/** Rebuilds the statistics aggregates of the months touched by a sync, through the worker's own connection. */
export async function statsRefresh(params: StatsRefreshParams, context: TaskContext): Promise<Record<string, unknown>> {
  const db = await WorkerConnection.open(params.dbFile);
  try {
    return await refreshStats(db, params, {
      progress: (done, total) => context.progress('aggregate', done, total),
      cancelled: () => context.signal.aborted,
    });
  } finally {
    await db.close();
  }
}
