import type { StatsLevel, StatsQuery, StatsResult, StatsTerritory } from '../../shared/types/stats';
import type { AomRepository } from '../db/repositories/aom-repository';
import type { StatsRepository } from '../db/repositories/stats-repository';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import type { TaskSummary } from '../workers/task-registry';
import type { GeoResolver } from '../domain/geo/geo-resolver';
import { StatsQueries, type StatsReport } from './stats-queries';

/**
 * Statistics of a territory from the aggregates: the `stats.refresh` job that rebuilds them (started after every
 * sync for the months it touched), and the dashboard queries (`StatsQueries`), which read only the aggregates.
 */
export class StatsService {
  private readonly definition: JobDefinition<'stats.refresh', { from: string; to: string }, null>;
  private readonly queries: StatsQueries;

  constructor(
    private readonly runner: JobRunner,
    private readonly stats: StatsRepository,
    aoms: AomRepository,
    storeAddress: string,
  ) {
    this.queries = new StatsQueries(stats, aoms);
    this.definition = {
      kind: 'stats.refresh',
      task: 'stats.refresh',
      tables: ['stats_day', 'stats_op_month', 'stats_hour_month', 'stats_com_month', 'stats_flow_month', 'stats_people_month', 'stats_newcomers_day', 'people_first', 'map_flow_month', 'map_pair_month', 'map_area_month', 'map_place_month', 'map_place', 'map_month'],
      prepare: async (params) => ({ context: null, workerParams: { storeAddress, ...params }, total: 0 }),
      commit: async (_context, summary) => summary,
      // Each month is rebuilt in its own transaction: a stopped refresh leaves every month whole (old or new).
      rollback: async () => undefined,
    };
  }

  /**
   * Rebuilds the aggregates of the months between two local days (`YYYY-MM-DD`), or of every month holding
   * journeys when no range is given. Answers the job id, or null when the store holds no journey.
   */
  async refresh(range?: { from: string; to: string }): Promise<JobId<TaskSummary<'stats.refresh'>> | null> {
    const period = range ?? (await this.stats.tripsPeriod());
    if (!period) return null;
    return this.runner.start(this.definition, { from: period.from, to: period.to });
  }

  /** Loads the geography ahead of the first dashboard query. */
  warm(): Promise<void> {
    return this.queries.warm();
  }

  /** Forgets the geography (AOM table changed): the next query rebuilds it. */
  invalidateGeography(): void {
    this.queries.invalidateGeography();
  }

  /** The dashboard of one territory, level, direction and period. */
  query(query: StatsQuery): Promise<StatsResult> {
    return this.queries.query(query);
  }

  /** The dashboard with the full lists of the territory workbook. */
  report(query: StatsQuery): Promise<StatsReport> {
    return this.queries.report(query);
  }

  /** The geography of the dashboards (names, communes' EPCI, AOM, département and région), memoised. */
  geography(): Promise<GeoResolver> {
    return this.queries.geography();
  }

  /** Names of communes and foreign countries by code (the geography of the dashboards). */
  communeNamer(): Promise<(code: string) => string | null> {
    return this.queries.communeNamer();
  }

  /** Territories of a level present in the aggregates, most journeys first, with their names. */
  territories(level: StatsLevel): Promise<StatsTerritory[]> {
    return this.queries.territories(level);
  }

  /** First and last day the aggregates cover, or null before any refresh. */
  period(): Promise<{ from: string; to: string } | null> {
    return this.queries.period();
  }
}
