import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import { countExcludedCampaignTrips, countStoreCampaignTrips, storeCampaignTrips } from '../../db/campaign-trip-source';
import { WorkerConnection } from '../../db/worker-connection';
import { compileCampaign, createCampaignRun, type CompileOverrides } from '../../domain/campaigns';
import { SimulationSummary } from '../../domain/campaigns/simulation-summary';
import type { TaskContext } from './task-context';

export interface CampaignSimulateParams {
  dbFile: string;
  definition: CampaignDefinition;
  overrides: CompileOverrides;
  from: string;
  to: string;
  includeFlagged: boolean;
  /** Keep journeys confirmed as fraud (by default left out and counted in `excludedConfirmedFraud`). */
  includeConfirmedFraud: boolean;
}

/** Simulates a campaign on the store's journeys of a period, in the registry's order, through its own connection. */
export async function campaignSimulate(params: CampaignSimulateParams, context: TaskContext): Promise<Record<string, unknown>> {
  const started = performance.now();
  const compiled = compileCampaign(params.definition, params.overrides);
  const run = createCampaignRun(compiled, { options: { explain: false } });
  const budget = params.overrides.budgetCents !== undefined ? params.overrides.budgetCents : params.definition.budget_cents;
  const summary = new SimulationSummary(budget);
  const db = await WorkerConnection.open(params.dbFile);
  let excluded: number;
  try {
    const range = { from: params.from, to: params.to, includeFlagged: params.includeFlagged, includeConfirmedFraud: params.includeConfirmedFraud };
    const total = await countStoreCampaignTrips(db, range);
    excluded = await countExcludedCampaignTrips(db, range);
    let done = 0;
    for await (const { trip, journey } of storeCampaignTrips(db, range)) {
      summary.add(journey, run.evaluate(trip));
      done += 1;
      if (done % 20_000 === 0) {
        context.signal.throwIfAborted();
        context.progress('simulate', done, total);
      }
    }
    context.progress('simulate', done, total);
  } finally {
    await db.close();
  }
  return { ...summary.result(), excludedConfirmedFraud: excluded, seconds: (performance.now() - started) / 1000 };
}
