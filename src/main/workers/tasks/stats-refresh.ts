import { refreshStats, type StatsRefreshSummary } from '../../db/stats-refresh';
import { withStoreConnection } from '../../db/store-connection';
import type { TaskContext } from './task-context';

/** What `stats.refresh` is started with: the store and the days whose months are rebuilt. */
export interface StatsRefreshParams {
  storeAddress: string;
  /** First and last local day (`YYYY-MM-DD`) whose months are rebuilt. */
  from: string;
  to: string;
}

/** Rebuilds the statistics aggregates of the months touched by a sync, through the worker's own connection. */
export function statsRefresh(params: StatsRefreshParams, context: TaskContext): Promise<StatsRefreshSummary> {
  return withStoreConnection(params.storeAddress, (db) =>
    refreshStats(db, params, {
      progress: (done, total) => context.progress('aggregate', done, total),
      cancelled: () => context.signal.aborted,
    }),
  );
}
