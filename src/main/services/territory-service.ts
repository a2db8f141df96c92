import { dirname, join, resolve as resolvePath } from 'node:path';
import { UserError } from '../../shared/ipc/result';
import type { MapQuery, MapResult, ShapeCollection } from '../../shared/types/map';
import type { SimulationResult } from '../../shared/types/simulation';
import type { StatsQuery, StatsResult } from '../../shared/types/stats';
import type { TerritoryMatch, TerritoryRef, TerritorySummary, TerritorySummaryRequest } from '../../shared/types/territory';
import type { TerritoryRepository } from '../db/repositories/territory-repository';
import type { GeoResolver } from '../domain/geo/geo-resolver';
import { composeTerritorySummary } from '../domain/territory/compose-summary';
import { defaultPeriod, yearBeforePeriod, type DayPeriod } from '../domain/territory/territory-period';
import { TerritoryIndex, territoryEntries } from '../domain/territory/territory-search';
import type { ReportFlow, ReportPlace } from '../domain/territory/report-map';
import { reportFigures, type TerritoryReportModel } from '../exports/territory-report-pdf';
import { communePopulations } from '../geo/decoupage-reference';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import { makePrivateDir } from '../platform/private-files';
import type { TaskSummary } from '../workers/task-registry';

/** Flows the report's map draws at most (the main ones; thinner ones would only blur it). */
const MAP_FLOWS = 40;

/** What the territory service reads through the other services. */
export interface TerritoryServiceDeps {
  repository: TerritoryRepository;
  runner: JobRunner;
  /** The Statistiques page's dashboard (the figures' definitions). */
  statsQuery(query: StatsQuery): Promise<StatsResult>;
  /** The geography of the dashboards (names, memberships, the store's AOM), memoised by the statistics. */
  geography(): Promise<GeoResolver>;
  /** The Carte page's flows (privacy threshold applied). */
  flows(query: MapQuery): Promise<MapResult>;
  /** Contours of the report's background: départements (the store's, else the bundled ones). */
  departementShapes(): Promise<ShapeCollection>;
  /** Flagged journeys starting or ending in a territory that have no decision yet (the Contrôles queue's main group). */
  flaggedNotReviewed(territory: TerritoryRef): Promise<number>;
  /** A saved simulation's result (throws `not_found` when unknown or unfinished). */
  simulation(id: number): Promise<SimulationResult>;
  exportDir: string;
  now(): Date;
}

/** What a report job is started with. */
type ReportParams = { territory: TerritoryRef; from: string; to: string; simulationId: number | null; file: string };

/** What a report job ends with: the file written, and the figures it prints (`reportFigures`). */
export type TerritoryReportJobSummary = TaskSummary<'territory.report'> & { figures: Record<string, unknown> };

/**
 * « Mon territoire » (issue 12, docs/territory.md): territories found by name for the picker, the home page's
 * summary of a territory over a period with the Statistiques page's definitions (`stats.query`) and the Carte page's
 * flows, and the one-page PDF report of it (a job: the figures are read here, the page drawn in the worker).
 */
export class TerritoryService {
  private searchIndex: { geo: GeoResolver; index: TerritoryIndex } | null = null;
  private readonly reportDefinition: JobDefinition<'territory.report', ReportParams, { figures: Record<string, unknown> }, TerritoryReportJobSummary>;

  constructor(private readonly deps: TerritoryServiceDeps) {
    this.reportDefinition = {
      kind: 'territory.report',
      task: 'territory.report',
      tables: [],
      prepare: async (params) => {
        await makePrivateDir(dirname(params.file));
        const model = await this.reportModel(params);
        return { context: { figures: reportFigures(model) }, workerParams: { model, file: params.file }, total: 1 };
      },
      commit: async (context, summary) => ({ ...summary, figures: context.figures }),
      // The PDF is written to `.partial` and renamed only when complete: nothing to undo.
      rollback: async () => undefined,
    };
  }

  /**
   * Territories whose name matches `text` (accents, case and punctuation ignored; exact names, then names starting
   * with it, then names whose words start with its words, then names containing it; most populated first), at most
   * `limit`, each with its context, municipal population and journeys touching it in the statistics (all time).
   */
  async search(text: string, limit: number): Promise<TerritoryMatch[]> {
    const found = (await this.index()).search(text, limit);
    const levels = [...new Set(found.map((entry) => entry.level))];
    const journeys = new Map(
      await Promise.all(levels.map(async (level) => [level, await this.deps.repository.journeysTouching(level, found.filter((entry) => entry.level === level).map((entry) => entry.code))] as const)),
    );
    return found.map((entry) => ({ ...entry, journeys: journeys.get(entry.level)?.get(entry.code) ?? 0 }));
  }

  /**
   * The home page of a territory over a period (local days; default: the last three complete months of the store's
   * journeys). Journeys, carpools, carpoolers, distance (km), registry incentives (cents), operators and CO₂ are
   * the Statistiques page's for the same territory and period, with the same figures a year before when the store
   * covers that period. Throws `not_found` on an empty store without a period.
   */
  async summary(request: TerritorySummaryRequest): Promise<TerritorySummary> {
    return (await this.compose(request)).summary;
  }

  /**
   * Starts writing the one-page territory report (PDF) of a territory and period (default as `summary`), with a
   * saved simulation when `simulationId` is given. Answers the job id and the file: `out`, or
   * `rapport-territoire-<level>-<code>-<from>_<to>[-simulation-<id>].pdf` in the exports folder.
   */
  async report(
    request: { territory: TerritoryRef; from?: string | undefined; to?: string | undefined; simulationId?: number | undefined },
    out?: string,
  ): Promise<{ jobId: JobId<TerritoryReportJobSummary>; file: string }> {
    // Refused now rather than in the job: the user sees why at once.
    if (request.simulationId !== undefined) await this.deps.simulation(request.simulationId);
    const period = await this.period(request);
    const suffix = request.simulationId === undefined ? '' : `-simulation-${request.simulationId}`;
    // The code comes from the request: only its letters and digits go into the name, which stays in the folder.
    const code = request.territory.code.replace(/[^0-9A-Za-z]/g, '_');
    const file = out ? resolvePath(out) : join(this.deps.exportDir, `rapport-territoire-${request.territory.level}-${code}-${period.from}_${period.to}${suffix}.pdf`);
    const jobId = await this.deps.runner.start(this.reportDefinition, { territory: request.territory, ...period, simulationId: request.simulationId ?? null, file });
    return { jobId, file };
  }

  /**
   * The period a summary or report covers (local days): the one asked, or the default (the last three complete
   * months of the store's journeys). Throws `not_found` on an empty store without a period.
   */
  async period(request: { from?: string | undefined; to?: string | undefined }): Promise<DayPeriod> {
    return this.periodOf(request, await this.deps.repository.coverage());
  }

  /** The period asked, or the default one of the store's coverage; `not_found` when the store holds no journey to default from. */
  private periodOf(request: { from?: string | undefined; to?: string | undefined }, coverage: { from: string | null; to: string | null }): DayPeriod {
    if ((request.from === undefined) !== (request.to === undefined)) throw new UserError('invalid_input', 'Indiquez le début et la fin de la période.');
    if (request.from !== undefined && request.to !== undefined) {
      if (request.from > request.to) throw new UserError('invalid_input', 'La date de début doit précéder la date de fin.');
      return { from: request.from, to: request.to };
    }
    if (coverage.from === null || coverage.to === null) {
      throw new UserError('not_found', 'La base ne contient aucun trajet : importez des extraits ou chargez les données de démonstration.');
    }
    return defaultPeriod({ from: coverage.from, to: coverage.to });
  }

  /** The summary and the map it was composed from (the report draws the map's flows). */
  private async compose(request: TerritorySummaryRequest): Promise<{ summary: TerritorySummary; map: MapResult }> {
    const started = performance.now();
    const territory: TerritoryRef = { level: request.level, code: request.code };
    const [coverage, geo] = await Promise.all([this.deps.repository.coverage(), this.deps.geography()]);
    const period = this.periodOf(request, coverage);
    const covered = coverage.from !== null && coverage.to !== null ? { from: coverage.from, to: coverage.to } : null;
    const yearBefore = yearBeforePeriod(period, covered);
    const stats = (range: DayPeriod): Promise<StatsResult> => this.deps.statsQuery({ ...territory, direction: 'both', granularity: 'month', ...range });
    const [current, previous, map, flagged, waiting] = await Promise.all([
      stats(period),
      yearBefore ? stats(yearBefore) : Promise.resolve(null),
      this.deps.flows({ level: 'com', territory, ...period, direction: 'both' }),
      this.deps.flaggedNotReviewed(territory),
      this.deps.repository.waiting(),
    ]);
    // Who paid needs the journeys themselves: read only when the statistics say some were paid.
    const payers = current.key.incented > 0 ? await this.deps.repository.incentivePayers(territory, period.from, period.to) : [];
    const composed = composeTerritorySummary({
      territory: { ...territory, name: geo.name(territory.level, territory.code) },
      period,
      yearBefore,
      current,
      previous,
      flows: map.flows,
      payers,
      waiting: { ...waiting, flaggedNotReviewed: flagged },
      store: coverage,
    });
    return { summary: { ...composed, elapsedMs: Math.round((performance.now() - started) * 10) / 10 }, map };
  }

  /** Everything the report prints: the summary, the flows to draw with their places, the background, the simulation. */
  private async reportModel(params: ReportParams): Promise<TerritoryReportModel> {
    const [{ summary, map }, shapes, geo, simulation] = await Promise.all([
      this.compose({ ...params.territory, from: params.from, to: params.to }),
      this.deps.departementShapes(),
      this.deps.geography(),
      params.simulationId === null ? Promise.resolve(null) : this.deps.simulation(params.simulationId),
    ]);
    const places = new Map(map.places.map((place) => [place.code, place]));
    const flows: ReportFlow[] = [];
    const drawn = new Map<string, ReportPlace>();
    for (const flow of map.flows) {
      if (flows.length >= MAP_FLOWS) break;
      const origin = places.get(flow.origin);
      const destination = places.get(flow.destination);
      if (flow.internal || !origin?.position || !destination?.position) continue;
      flows.push({ origin: origin.position, destination: destination.position, journeys: flow.journeys });
      for (const place of [origin, destination]) {
        if (place.position) drawn.set(place.code, { position: place.position, name: place.name, journeys: place.journeys, inTerritory: place.inTerritory });
      }
    }
    return {
      summary,
      map: { flows, places: [...drawn.values()], contours: shapes.features, minCount: map.minCount, hiddenFlows: map.hidden.flows, attribution: shapes.attribution },
      simulation: simulation && params.simulationId !== null
        ? { id: params.simulationId, campaignName: simulation.campaign.name, from: simulation.from, to: simulation.to, totals: simulation.totals, driversPaid: simulation.drivers.paid }
        : null,
      generatedAt: this.deps.now().toISOString(),
      geography: geo.vintage,
    };
  }

  /** The search index of the geography in use, rebuilt when the geography is (the AOM table changed). */
  private async index(): Promise<TerritoryIndex> {
    const geo = await this.deps.geography();
    if (this.searchIndex?.geo !== geo) this.searchIndex = { geo, index: new TerritoryIndex(territoryEntries(geo, communePopulations())) };
    return this.searchIndex.index;
  }
}
