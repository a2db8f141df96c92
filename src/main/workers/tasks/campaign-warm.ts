import { warmCampaignBlocks, type CampaignBlocksWarmSummary } from '../../db/campaign-trip-blocks';
import { withStoreConnection } from '../../db/store-connection';
import type { TaskContext } from './task-context';

/** What `campaign.warm` is started with: the store and the local days (`YYYY-MM-DD`, inclusive) an import touched. */
export interface CampaignWarmParams {
  storeAddress: string;
  from: string;
  to: string;
}

/** Builds the missing campaign blocks of the days an import touched, through the worker's own connection. */
export function campaignWarm(params: CampaignWarmParams, context: TaskContext): Promise<CampaignBlocksWarmSummary> {
  return withStoreConnection(params.storeAddress, (db) =>
    warmCampaignBlocks(db, params, {
      progress: (done, total) => context.progress('blocks', done, total),
      cancelled: () => context.signal.aborted,
    }),
  );
}
