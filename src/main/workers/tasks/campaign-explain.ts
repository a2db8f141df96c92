import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import type { ExplanationTerm, TripExplanation } from '../../../shared/types/simulation';
import { storeCampaignTrips } from '../../db/campaign-trip-source';
import { withStoreConnection } from '../../db/store-connection';
import { compileCampaign, createCampaignRun, type AmountTerm, type CompileOverrides } from '../../domain/campaigns';
import type { TaskContext } from './task-context';

/** What `campaign.explain` is started with: the simulation to replay (as saved) and the journey to explain. */
export interface CampaignExplainParams {
  storeAddress: string;
  definition: CampaignDefinition;
  overrides: CompileOverrides;
  from: string;
  to: string;
  includeFlagged: boolean;
  includeConfirmedFraud: boolean;
  /** Registry journey id of the journey to explain. */
  journeyId: string;
}

/** The explained journey (its eligibility, amount terms and limits). */
export type CampaignExplainSummary = { explanation: TripExplanation };

function term(node: AmountTerm): ExplanationTerm {
  return { label: node.label, cents: node.cents, detail: node.detail, children: node.children?.map(term) };
}

/**
 * Explains one journey of a simulation: the simulation is replayed from the start of its period with explanations
 * on (the counters before a journey depend on every journey before it), up to that journey.
 */
export function campaignExplain(params: CampaignExplainParams, context: TaskContext): Promise<CampaignExplainSummary> {
  const run = createCampaignRun(compileCampaign(params.definition, params.overrides), { options: { explain: true } });
  return withStoreConnection(params.storeAddress, async (db) => {
    let seen = 0;
    for await (const { trip, journey, facts } of storeCampaignTrips(db, params)) {
      const result = run.evaluate(trip);
      seen += 1;
      if (seen % 20_000 === 0) {
        context.signal.throwIfAborted();
        context.progress('simulate', seen, 0);
      }
      if (facts.journeyId !== params.journeyId) continue;
      const explanation: TripExplanation = {
        journeyId: facts.journeyId,
        day: journey.day,
        distanceM: trip.distance,
        eligible: result.eligible,
        amountCents: result.amountCents,
        statelessAmountCents: result.statelessAmountCents,
        reasons: result.reasons,
        terms: result.terms ? term(result.terms) : null,
        limits: result.limitsApplied.map((limit) => ({
          label: limit.label, counterBefore: limit.counterBefore, counterAfter: limit.counterAfter, max: limit.max, amountBefore: limit.amountBefore, amountAfter: limit.amountAfter,
        })),
      };
      return { explanation };
    }
    // The service checks the journey before starting (`simulatedJourney`): reached only if the store changed since.
    throw new Error(`Le trajet ${params.journeyId} ne fait pas partie de cette simulation : il n’est plus parmi les trajets de la période simulée.`);
  });
}
