import type { z } from 'zod';
import { UserError } from '../../shared/ipc/result';
import { formatDay } from '../../shared/util/format';
import { GEO_LEVELS, type CampaignDefinition } from '../../shared/campaigns/definition-types';
import { describeIssues } from '../../shared/campaigns/validate-definition';
import type { AmountPreview, CatalogueEntry, DefinitionValidation } from '../../shared/types/campaigns';
import { SimulationRequest, SimulationResult, type SavedSimulation, type SimulationWarning } from '../../shared/types/simulation';
import type { SimulationPreflight } from '../../shared/types/territory';
import { loadCatalogue } from '../campaigns/catalogue-files';
import { countStoreCampaignTrips, utcRange } from '../db/campaign-trip-source';
import type { SimulationRepository } from '../db/repositories/simulation-repository';
import { anyTerritoryJourney, countTerritoryJourneys, lastTerritoryDay, storeJourneyDays, type ResolvedSelector } from '../db/simulation-preflight-source';
import { simulatedJourney, type SimulatedJourney } from '../db/simulated-journey';
import type { SqlExecutor } from '../db/sql-executor';
import { windowText } from '../domain/discovery/compare-campaigns';
import { composePreflight, nothingPaidWarning, type WindowOverlap } from '../domain/discovery/preflight';
import { compileCampaign, createCampaignRun, loadCampaignDefinition, type CampaignTrip, type CompileOverrides } from '../domain/campaigns';
import { REGISTRY_OPERATORS } from '../domain/trips/operators';
import { territoryName } from '../domain/campaigns/territory-name';
import type { GeoResolver } from '../domain/geo/geo-resolver';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import type { TaskParams, TaskSummary } from '../workers/task-registry';

interface SimulationContext {
  simulationId: number;
  campaign: { id: string; name: string };
  from: string;
  to: string;
  includeFlagged: boolean;
  includeConfirmedFraud: boolean;
  /** What the preflight warned of before the run: saved with the result. */
  warnings: SimulationWarning[];
}

/** What a simulation job is started with: what the worker simulates (but the store file), and what it is saved under. */
type SimulationJobParams = Omit<TaskParams<'campaign.simulate'>, 'storeAddress'> & { context: SimulationContext };

/** What a simulation job ends with (the full result is saved with the simulation). */
export type SimulationJobSummary = { simulationId: number; totals: SimulationResult['totals']; seconds: number };

/** The engine overrides a simulation request carries (list replacements, budget); shared by every replay of it. */
export function simulationOverrides(request: Pick<SimulationRequest, 'lists' | 'budgetCents'>): CompileOverrides {
  return {
    ...(request.lists ? { lists: request.lists } : {}),
    ...(request.budgetCents !== undefined ? { budgetCents: request.budgetCents } : {}),
  };
}

/** `{aom: ['217500016']}` → `aom 217500016`. */
function territoryText(definition: CampaignDefinition): string {
  return Object.entries(definition.territory)
    .map(([level, codes]) => `${level} ${Array.isArray(codes) ? codes.join(', ') : `liste ${codes.list}`}`)
    .join(' ; ');
}

/** How the registry's statuses other than `ok` read in « le registre l’a … ». */
const FLAGGED_TEXT: Readonly<Record<string, string>> = {
  fraud_error: 'le registre l’a signalé en fraude',
  anomaly_error: 'le registre l’a signalé en anomalie',
  pending: 'le registre ne l’a pas encore validé',
};

/** Why a journey is not part of a simulation, in one French sentence for the user (`SimulatedJourney` but simulated). */
export function notInSimulationMessage(journeyId: string, standing: Exclude<SimulatedJourney, { kind: 'simulated' }>, period: { from: string; to: string }): string {
  const why = ((): string => {
    switch (standing.kind) {
      case 'unknown':
        return 'aucun trajet de la base ne porte cet identifiant du registre';
      case 'outside_period':
        return `il date du ${formatDay(standing.day)}, hors de la période simulée (du ${formatDay(period.from)} au ${formatDay(period.to)})`;
      case 'flagged':
        return `${FLAGGED_TEXT[standing.status] ?? `le registre lui donne le statut « ${standing.status} »`}, et la simulation a laissé de côté les trajets signalés par le registre`;
      case 'confirmed_fraud':
        return 'il est marqué fraude confirmée (page Contrôles), et la simulation a laissé de côté ces trajets';
    }
  })();
  return `Le trajet ${journeyId} ne fait pas partie de cette simulation : ${why}.`;
}

/**
 * Campaigns: the catalogue, definitions validated with their JSON paths, a preview of amounts by distance, and
 * simulations on the store's past journeys (jobs whose results are saved and reopened, and compared).
 */
export class CampaignService {
  private readonly definition: JobDefinition<'campaign.simulate', SimulationJobParams, SimulationContext, SimulationJobSummary>;
  private readonly explainDefinition: JobDefinition<'campaign.explain', Omit<TaskParams<'campaign.explain'>, 'storeAddress'>, null>;
  private readonly warmDefinition: JobDefinition<'campaign.warm', { from: string; to: string }, null>;

  constructor(
    private readonly runner: JobRunner,
    private readonly simulations: SimulationRepository,
    private readonly storeAddress: string,
    private readonly now: () => Date,
    /** The geography that names territories (COG and the store's AOM names), shared with the dashboards. */
    private readonly geography: () => Promise<GeoResolver>,
    /** The main thread's connection, for the preflight's counts. */
    private readonly sql: SqlExecutor,
  ) {
    this.definition = {
      kind: 'campaign.simulate',
      task: 'campaign.simulate',
      tables: ['simulations'],
      prepare: async ({ context, ...workerParams }) => ({ context, workerParams: { storeAddress: this.storeAddress, ...workerParams }, total: 0 }),
      commit: async (context, summary) => {
        // Never a silent zero: the preflight's warnings, else why nothing was paid when nothing was.
        const nothingPaid = context.warnings.length === 0 ? nothingPaidWarning(summary.totals, summary.reasons) : null;
        const result: SimulationResult = {
          campaign: context.campaign, from: context.from, to: context.to, includeFlagged: context.includeFlagged, includeConfirmedFraud: context.includeConfirmedFraud, ...summary,
          warnings: nothingPaid ? [nothingPaid] : context.warnings,
        };
        await this.simulations.setResult(context.simulationId, result);
        return { simulationId: context.simulationId, totals: result.totals, seconds: result.seconds };
      },
      rollback: async (context) => {
        await this.simulations.remove(context.simulationId);
      },
    };
    this.explainDefinition = {
      kind: 'campaign.explain',
      task: 'campaign.explain',
      tables: [],
      prepare: async (params) => ({ context: null, workerParams: { storeAddress: this.storeAddress, ...params }, total: 0 }),
      commit: async (_context, summary) => summary,
      rollback: async () => undefined,
    };
    this.warmDefinition = {
      kind: 'campaign.warm',
      task: 'campaign.warm',
      tables: [],
      prepare: async (params) => ({ context: null, workerParams: { storeAddress: this.storeAddress, ...params }, total: 0 }),
      commit: async (_context, summary) => summary,
      // A block stored is complete and right (each in its own transaction): a stopped warm-up leaves nothing to undo.
      rollback: async () => undefined,
    };
  }

  /**
   * Builds the simulation blocks of the local days `from`–`to` (inclusive) that are missing: run after an import, so
   * that the first simulation of those days reads them rather than building them. Answers the job id.
   */
  warmBlocks(range: { from: string; to: string }): Promise<JobId<TaskSummary<'campaign.warm'>>> {
    return this.runner.start(this.warmDefinition, range);
  }

  /** The catalogue (43 campaigns + 3 templates), sorted as shipped, each territory by its codes and by name. */
  async catalogue(): Promise<CatalogueEntry[]> {
    const geo = await this.geography();
    const name = (level: Parameters<GeoResolver['name']>[0], code: string): string | null => geo.name(level, code);
    return loadCatalogue().map((definition) => ({
      id: definition.id,
      name: definition.name,
      description: definition.description,
      status: definition.status,
      from: definition.window.from,
      to: definition.window.to,
      budgetCents: definition.budget_cents,
      territory: territoryText(definition),
      territoryName: territoryName(definition, name),
    }));
  }

  /** A catalogue definition (to view or clone). */
  catalogueDefinition(id: string): CampaignDefinition {
    const found = loadCatalogue().find((definition) => definition.id === id);
    if (!found) throw new UserError('not_found', `Campagne inconnue : ${id}`);
    return found;
  }

  /** Checks a definition: every problem with its JSON path, in French. */
  validate(json: unknown): DefinitionValidation {
    const check = loadCampaignDefinition(json);
    return check.ok ? { ok: true, issues: [] } : { ok: false, issues: check.issues };
  }

  private resolve(request: SimulationRequest): CampaignDefinition {
    if (request.campaignId !== undefined) return this.catalogueDefinition(request.campaignId);
    const check = loadCampaignDefinition(request.definition);
    if (!check.ok) throw new UserError('invalid_input', `Définition invalide : ${describeIssues(check.issues)}`);
    return check.definition;
  }

  /**
   * Amount a sample trip would get at 1–100 km: a weekday at 8:00 at the start of the window, class C, start and
   * end on the campaign's first territory codes, with the first registry operator the rules accept (each point
   * uses fresh counters: no limit applies). 0 where no operator is eligible.
   */
  preview(json: unknown): AmountPreview {
    const check = loadCampaignDefinition(json);
    if (!check.ok) throw new UserError('invalid_input', `Définition invalide : ${describeIssues(check.issues)}`);
    const definition = check.definition;
    const place: CampaignTrip['start'] = {};
    for (const [level, codes] of Object.entries(definition.territory)) {
      const first = Array.isArray(codes) ? codes[0] : definition.lists?.[codes.list]?.values[0];
      if (first !== undefined) place[level as keyof CampaignTrip['start']] = first;
    }
    const start = definition.window.from?.slice(0, 10) ?? this.now().toISOString().slice(0, 10);
    const base = new Date(`${start}T06:00:00Z`);
    // Tuesday, away from week-ends and Mondays' special rules.
    while (base.getUTCDay() !== 2) base.setUTCDate(base.getUTCDate() + 1);
    const compiled = compileCampaign(definition, {});
    const operators = Object.values(REGISTRY_OPERATORS);
    const points = Array.from({ length: 100 }, (_, index) => {
      const km = index + 1;
      let cents = 0;
      for (const uuid of operators) {
        const result = createCampaignRun(compiled, { options: { explain: false } }).evaluate({
          datetime: base.toISOString(), distance: km * 1000, seats: 1, operator_class: 'C', operator_uuid: uuid, operator_id: 1,
          operator_journey_id: 'apercu', operator_trip_id: 'apercu', driver_identity_key: 'conducteur', passenger_identity_key: 'passager',
          passenger_is_over_18: true, driver_revenue: 0, passenger_contribution: 0, start: place, end: place,
          start_lat: null, start_lon: null, end_lat: null, end_lon: null,
        });
        if (result.eligible) {
          cents = result.statelessAmountCents;
          break;
        }
      }
      return { km, cents };
    });
    return { points, sample: `trajet du ${base.toISOString().slice(0, 10)} à 8 h (heure de Paris), classe C, départ et arrivée : ${territoryText(definition)}` };
  }

  /**
   * What a simulation would run on, said before running it (docs/discovery.md): the period's journeys it would read,
   * those of the campaign's territory, warnings (no journey in the period, none in the territory, campaign window
   * outside or across the period) and, when the territory has none or the window misses the period, a period of the
   * same length ending on the territory's last day with journeys inside the window.
   */
  async preflight(input: z.input<typeof SimulationRequest>): Promise<SimulationPreflight> {
    const request = SimulationRequest.parse(input);
    return this.preflightOf(this.resolve(request), request, 'count');
  }

  /**
   * The preflight of a resolved request. `territory: 'any'` only asks whether the territory has a journey in the
   * period (the first found ends the read; `journeysInTerritory` is then 0 or 1): what a simulation needs for its
   * warnings without reading its whole period once more before the worker does.
   */
  private async preflightOf(definition: CampaignDefinition, request: SimulationRequest, territory: 'count' | 'any'): Promise<SimulationPreflight> {
    let compiled: ReturnType<typeof compileCampaign>;
    // Compiling refuses bad overrides (unknown list…) before anything is counted or started.
    try {
      compiled = compileCampaign(definition, simulationOverrides(request));
    } catch (error) {
      throw new UserError('invalid_input', (error as Error).message);
    }
    const lists = { ...Object.fromEntries(Object.entries(definition.lists).map(([name, list]) => [name, list.values])), ...request.lists };
    const selector: ResolvedSelector = GEO_LEVELS.flatMap((level) => {
      const codes = definition.territory[level];
      if (codes === undefined) return [];
      return [[level, Array.isArray(codes) ? codes : (lists[codes.list] ?? [])] as const];
    });
    const range = { from: request.from, to: request.to, includeFlagged: request.includeFlagged, includeConfirmedFraud: request.includeConfirmedFraud };
    const [periodFrom, periodTo] = utcRange(range).map((iso) => Date.parse(iso)) as [number, number];
    const overlap: WindowOverlap =
      compiled.windowTo < periodFrom || compiled.windowFrom >= periodTo ? 'none' : compiled.windowFrom <= periodFrom && compiled.windowTo >= periodTo - 1 ? 'full' : 'partial';
    const inTerritoryOf = async (): Promise<number> => {
      if (territory === 'count') return countTerritoryJourneys(this.sql, range, selector);
      return (await anyTerritoryJourney(this.sql, range, selector)) ? 1 : 0;
    };
    const [{ journeys }, counted, store, geo] = await Promise.all([countStoreCampaignTrips(this.sql, range), selector.length === 0 ? null : inTerritoryOf(), storeJourneyDays(this.sql), this.geography()]);
    // A selector without any level takes every journey (the registry's empty selector): nothing more to read.
    const inTerritory = counted ?? journeys;
    const bounds = {
      fromUtc: Number.isFinite(compiled.windowFrom) ? new Date(compiled.windowFrom).toISOString() : '',
      // The window's end is inclusive (its last millisecond); the bound here is exclusive.
      toUtc: Number.isFinite(compiled.windowTo) ? new Date(compiled.windowTo + 1).toISOString() : '9999',
    };
    const lastDay = inTerritory === 0 || overlap === 'none' ? await lastTerritoryDay(this.sql, range, selector, bounds) : null;
    return composePreflight({
      from: request.from, to: request.to, includeFlagged: request.includeFlagged, journeysInPeriod: journeys, journeysInTerritory: inTerritory, store,
      territoryName: territoryName(definition, (level, code) => geo.name(level, code)), window: { text: windowText(definition.window), overlap }, lastTerritoryDay: lastDay,
    });
  }

  /**
   * Starts a simulation on the store (saved when done); answers its id and the job's. Never a silent zero: the
   * preflight's warnings are saved with the result (the run still happens: a zero can be the answer sought), and a
   * result that pays nothing without any says why (`nothing_paid`).
   */
  async simulate(input: z.input<typeof SimulationRequest>): Promise<{ simulationId: number; jobId: JobId<SimulationJobSummary> }> {
    const request = SimulationRequest.parse(input);
    const definition = this.resolve(request);
    const overrides = simulationOverrides(request);
    const { warnings } = await this.preflightOf(definition, request, 'any');
    const simulationId = await this.simulations.create({
      name: request.name || `${definition.name}, du ${formatDay(request.from)} au ${formatDay(request.to)}`,
      campaignId: definition.id, campaignName: definition.name, from: request.from, to: request.to,
      definition, request, createdAt: this.now().toISOString(),
    });
    const { from, to, includeFlagged, includeConfirmedFraud } = request;
    const context: SimulationContext = { simulationId, campaign: { id: definition.id, name: definition.name }, from, to, includeFlagged, includeConfirmedFraud, warnings };
    const jobId = await this.runner.start(this.definition, { context, definition, overrides, from, to, includeFlagged, includeConfirmedFraud });
    await this.simulations.setJob(simulationId, jobId);
    return { simulationId, jobId };
  }

  /**
   * Explains one journey (registry id) of a saved simulation as a job: replayed from the start of the simulated
   * period with explanations, its eligibility, amount terms and limits land in the job's summary (`explanation`).
   */
  async explain(simulationId: number, journeyId: string): Promise<{ jobId: JobId<TaskSummary<'campaign.explain'>> }> {
    const source = await this.simulations.source(simulationId);
    if (!source) throw new UserError('not_found', `Simulation introuvable : ${simulationId}`);
    const request = source.request as SimulationRequest;
    // A journey the simulation never read is the user's mistake, said at once: not a job that fails after a replay.
    const standing = await simulatedJourney(this.sql, request, journeyId);
    if (standing.kind !== 'simulated') throw new UserError('not_found', notInSimulationMessage(journeyId, standing, request));
    const overrides = simulationOverrides(request);
    return {
      jobId: await this.runner.start(this.explainDefinition, {
        definition: source.definition as CampaignDefinition, overrides, from: request.from, to: request.to, includeFlagged: request.includeFlagged,
        includeConfirmedFraud: request.includeConfirmedFraud ?? false, journeyId,
      }),
    };
  }

  /** Saved simulations, newest first. */
  list(limit = 100): Promise<SavedSimulation[]> {
    return this.simulations.list(limit);
  }

  /** The result of a saved simulation (one saved by an earlier version gets the defaults of the fields added since). */
  async result(id: number): Promise<SimulationResult> {
    const result = await this.simulations.result(id);
    if (!result) throw new UserError('not_found', `Simulation introuvable ou pas encore terminée : ${id}`);
    return SimulationResult.parse(result);
  }
}
