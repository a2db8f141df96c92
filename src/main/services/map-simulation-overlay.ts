import type { CampaignDefinition } from '../../shared/campaigns/definition-types';
import { UserError } from '../../shared/ipc/result';
import type { SimulationRequest } from '../../shared/types/simulation';
import type { SimulationRepository } from '../db/repositories/simulation-repository';
import { pairKey } from '../domain/map/compose-map';
import type { MapScope } from '../domain/map/map-scope';
import type { JobDefinition } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import type { MapSimulationOverlayParams } from '../workers/tasks/map-simulation-overlay';
import { simulationOverrides } from './campaign-service';

/**
 * The overlay of a saved simulation on a map: its journeys paid (amount > 0) per directed pair, by replaying the
 * simulation as it ran in a worker (`map.simulation-overlay` job: seconds per million journeys, cancellable, listed
 * with the jobs), since simulations keep their totals, not one amount per journey.
 */
export class MapSimulationOverlay {
  private readonly definition: JobDefinition<'map.simulation-overlay', Omit<MapSimulationOverlayParams, 'storeAddress'>, null>;

  constructor(
    private readonly runner: JobRunner,
    private readonly simulations: SimulationRepository,
    storeAddress: string,
  ) {
    this.definition = {
      kind: 'map.simulation-overlay',
      task: 'map.simulation-overlay',
      tables: [],
      prepare: async (params) => ({ context: null, workerParams: { storeAddress, ...params }, total: 0 }),
      commit: async (_context, summary) => summary,
      rollback: async () => undefined,
    };
  }

  /** Journeys the simulation paid per pair key of the scope, and the simulation's name. */
  async pairs(simulationId: number, scope: MapScope): Promise<{ label: string; pairs: ReadonlyMap<string, number> }> {
    const source = await this.simulations.source(simulationId);
    if (!source) throw new UserError('not_found', `Simulation introuvable : ${simulationId}`);
    const definition = source.definition as CampaignDefinition;
    const request = source.request as SimulationRequest;
    const simulation = {
      definition,
      overrides: simulationOverrides(request),
      from: request.from,
      to: request.to,
      includeFlagged: request.includeFlagged,
      includeConfirmedFraud: request.includeConfirmedFraud ?? false,
    };
    const jobId = await this.runner.start(this.definition, { simulation, scope });
    const outcome = await this.runner.wait(jobId);
    if (outcome?.status !== 'done') throw new UserError('conflict', `Couche de la simulation non calculée : ${outcome?.error ?? 'annulée'}`);
    return {
      label: `Simulation « ${definition.name} » (${request.from} → ${request.to})`,
      pairs: new Map(outcome.summary.pairs.map(([origin, destination, journeys]) => [pairKey(origin, destination), journeys])),
    };
  }
}
