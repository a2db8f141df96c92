import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import type { SimulationResult } from '../../../shared/types/simulation';
import { storeCampaignPages } from '../../db/campaign-trip-blocks';
import { countStoreCampaignTrips } from '../../db/campaign-trip-source';
import { withStoreConnection } from '../../db/store-connection';
import { compileCampaign, createCampaignRun, type CompileOverrides } from '../../domain/campaigns';
import { SimulationSummary } from '../../domain/campaigns/simulation-summary';
import type { TaskContext } from './task-context';

/** What `campaign.simulate` is started with: the store, the campaign and its overrides, the period of local days. */
export interface CampaignSimulateParams {
  storeAddress: string;
  definition: CampaignDefinition;
  overrides: CompileOverrides;
  from: string;
  to: string;
  includeFlagged: boolean;
  /** Keep journeys confirmed as fraud (by default left out and counted in `excludedConfirmedFraud`). */
  includeConfirmedFraud: boolean;
}

/** A simulation's result, but for what the main thread knows already (campaign, period, options) or adds (warnings). */
export type CampaignSimulateSummary = Omit<SimulationResult, 'campaign' | 'from' | 'to' | 'includeFlagged' | 'includeConfirmedFraud' | 'warnings'>;

/** Simulates a campaign on the store's journeys of a period, in the registry's order, through its own connection. */
export async function campaignSimulate(params: CampaignSimulateParams, context: TaskContext): Promise<CampaignSimulateSummary> {
  const started = performance.now();
  const compiled = compileCampaign(params.definition, params.overrides);
  const run = createCampaignRun(compiled, { options: { explain: false } });
  const budget = params.overrides.budgetCents !== undefined ? params.overrides.budgetCents : params.definition.budget_cents;
  const summary = new SimulationSummary(budget);
  const excluded = await withStoreConnection(params.storeAddress, async (db) => {
    const range = { from: params.from, to: params.to, includeFlagged: params.includeFlagged, includeConfirmedFraud: params.includeConfirmedFraud };
    const { journeys: total, excluded: excludedTrips } = await countStoreCampaignTrips(db, range);
    let done = 0;
    for await (const page of storeCampaignPages(db, range)) {
      for (const { trip, journey } of page) {
        summary.add(journey, run.evaluate(trip));
        done += 1;
      }
      context.signal.throwIfAborted();
      context.progress('simulate', done, total);
    }
    return excludedTrips;
  });
  return { ...summary.result(), excludedConfirmedFraud: excluded, seconds: (performance.now() - started) / 1000 };
}
