import type { StatsLevel, StatsQuery, StatsResult, StatsTerritory } from '../../shared/types/stats';
import type { AomRepository } from '../db/repositories/aom-repository';
import type { StatsRepository } from '../db/repositories/stats-repository';
import { composeStats } from '../domain/stats/compose-stats';
import { createGeoResolver, withAom, type GeoResolver } from '../domain/geo/geo-resolver';
import { loadDecoupageReference } from '../geo/decoupage-reference';
import type { JobDefinition } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';

/** Rows of the top lists (communes, origin–destination pairs). */
const TOP = 10;

/**
 * Statistics of a territory from the aggregates: the `stats.refresh` job that rebuilds them (started after every
 * sync for the months it touched), and the dashboard queries, which read only the aggregate tables.
 */
export class StatsService {
  private readonly definition: JobDefinition<{ from: string; to: string }, null>;
  private geo: GeoResolver | null = null;

  constructor(
    private readonly runner: JobRunner,
    private readonly stats: StatsRepository,
    private readonly aoms: AomRepository,
    dbFile: string,
  ) {
    this.definition = {
      kind: 'stats.refresh',
      task: 'stats.refresh',
      tables: ['stats_day', 'stats_op_month', 'stats_hour_month', 'stats_com_month', 'stats_flow_month', 'stats_people_month', 'stats_newcomers_day', 'people_first'],
      prepare: async (params) => ({ context: null, workerParams: { dbFile, ...params }, total: 0 }),
      commit: async (_context, summary) => summary,
      // Each month is rebuilt in its own transaction: a stopped refresh leaves every month whole (old or new).
      rollback: async () => undefined,
    };
  }

  /**
   * Rebuilds the aggregates of the months between two local days (`YYYY-MM-DD`), or of every month holding
   * journeys when no range is given. Answers the job id, or null when the store holds no journey.
   */
  async refresh(range?: { from: string; to: string }): Promise<string | null> {
    const period = range ?? (await this.stats.tripsPeriod());
    if (!period) return null;
    return this.runner.start(this.definition, { from: period.from, to: period.to });
  }

  /** Forgets the geography (AOM table changed): the next query rebuilds it. */
  invalidateGeography(): void {
    this.geo = null;
  }

  private async geography(): Promise<GeoResolver> {
    if (!this.geo) {
      const reference = withAom(loadDecoupageReference(), await this.aoms.loadMap(), await this.aoms.loadNames());
      this.geo = createGeoResolver(reference);
    }
    return this.geo;
  }

  /** The dashboard of one territory, level, direction and period. */
  async query(query: StatsQuery): Promise<StatsResult> {
    const started = performance.now();
    const scope = { level: query.level, code: query.code, from: query.from, to: query.to };
    const geo = await this.geography();
    const [days, operators, hours, people, newcomers, communes, flows] = await Promise.all([
      this.stats.byDay(scope),
      this.stats.byOperatorAndClass(scope),
      this.stats.byHour(scope),
      this.stats.peopleByMonth(scope),
      this.stats.newcomers(scope),
      this.stats.topCommunes(scope, query.direction, TOP),
      this.stats.topFlows(scope, TOP),
    ]);
    const level = query.level;
    const composed = composeStats({
      direction: query.direction,
      granularity: query.granularity,
      days,
      operators,
      hours,
      people,
      newcomers,
      communes,
      flows,
      communeName: (code) => geo.name('com', code) ?? geo.name('country', code),
    });
    return {
      territory: { level, code: query.code, name: this.nameOf(geo, level, query.code) },
      from: query.from,
      to: query.to,
      ...composed,
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  /** Territories of a level present in the aggregates, most journeys first, with their names. */
  async territories(level: StatsLevel): Promise<StatsTerritory[]> {
    const geo = await this.geography();
    return (await this.stats.territories(level)).map((row) => ({ code: row.code, name: this.nameOf(geo, level, row.code), journeys: row.journeys }));
  }

  /** First and last day the aggregates cover, or null before any refresh. */
  period(): Promise<{ from: string; to: string } | null> {
    return this.stats.period();
  }

  private nameOf(geo: GeoResolver, level: StatsLevel, code: string): string | null {
    return geo.name(level, code);
  }
}
