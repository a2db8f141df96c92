import type { StatsLevel, StatsQuery, StatsResult, StatsTerritory } from '../../shared/types/stats';
import type { AomRepository } from '../db/repositories/aom-repository';
import type { StatsRepository } from '../db/repositories/stats-repository';
import { composeStats } from '../domain/stats/compose-stats';
import { createGeoResolver, withAom, type GeoResolver } from '../domain/geo/geo-resolver';
import { loadDecoupageReference } from '../geo/decoupage-reference';

/** Rows of the dashboard's top lists (communes, origin–destination pairs). */
const TOP = 10;
/** Rows of the workbook's full lists: every commune of a région fits; pairs beyond are negligible. */
const REPORT_ROWS = 5_000;

/** A dashboard plus the full lists a territory workbook prints. */
export interface StatsReport {
  result: StatsResult;
  /** Every commune of the territory with journeys in the query's direction, with its EPCI. */
  communes: Array<{ code: string; name: string | null; epci: string | null; epciName: string | null; journeys: number }>;
  /** Pairs of different communes touching the territory, most journeys first. */
  flows: Array<{ code1: string; name1: string | null; code2: string; name2: string | null; journeys: number; passengers: number; distanceKm: number }>;
}

/**
 * Read side of the statistics: the dashboard of a territory, its territories and period, and the fuller report
 * behind the territory workbook. Reads only the aggregate tables, plus the geography for names (memoised; call
 * `invalidateGeography` when the AOM table changes).
 */
export class StatsQueries {
  private geo: GeoResolver | null = null;

  constructor(
    private readonly stats: StatsRepository,
    private readonly aoms: AomRepository,
  ) {}

  /** Forgets the geography (AOM table changed): the next query rebuilds it. */
  invalidateGeography(): void {
    this.geo = null;
  }

  /** Loads the geography ahead of the first dashboard (about 0.2 s of JSON parsing, once per process). */
  async warm(): Promise<void> {
    await this.geography();
  }

  /** The geography in use (COG of the package plus the store's AOM table), built once and memoised. */
  async geography(): Promise<GeoResolver> {
    if (!this.geo) {
      const reference = withAom(loadDecoupageReference(), await this.aoms.loadMap(), await this.aoms.loadNames());
      this.geo = createGeoResolver(reference);
    }
    return this.geo;
  }

  /** Name of a commune (or arrondissement) code, or of a foreign country code, from the geography in use. */
  async communeNamer(): Promise<(code: string) => string | null> {
    const geo = await this.geography();
    return (code) => geo.name('com', code) ?? geo.name('country', code);
  }

  /** The dashboard of one territory, level, direction and period. */
  async query(query: StatsQuery): Promise<StatsResult> {
    const started = performance.now();
    const scope = { level: query.level, code: query.code, from: query.from, to: query.to };
    const geo = await this.geography();
    const [days, operators, hours, people, newcomers, communes, flows, stored] = await Promise.all([
      this.stats.byDay(scope),
      this.stats.byOperatorAndClass(scope),
      this.stats.byHour(scope),
      this.stats.peopleByMonth(scope),
      this.stats.newcomers(scope),
      this.stats.topCommunes(scope, query.direction, TOP),
      this.stats.topFlows(scope, TOP),
      this.stats.period(),
    ]);
    const level = query.level;
    const composed = composeStats({
      direction: query.direction,
      granularity: query.granularity,
      covered: {
        from: stored && stored.from > query.from ? stored.from : query.from,
        to: stored && stored.to < query.to ? stored.to : query.to,
      },
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

  /** The dashboard with every commune (and its EPCI) and the main origin–destination pairs, for the workbook. */
  async report(query: StatsQuery): Promise<StatsReport> {
    const result = await this.query(query);
    const geo = await this.geography();
    const scope = { level: query.level, code: query.code, from: query.from, to: query.to };
    const [communes, flows] = await Promise.all([this.stats.topCommunes(scope, query.direction, REPORT_ROWS), this.stats.topFlows(scope, REPORT_ROWS)]);
    const name = (code: string): string | null => geo.name('com', code) ?? geo.name('country', code);
    return {
      result,
      communes: communes.map((row) => {
        const epci = geo.resolve(row.com)?.epci ?? null;
        return { code: row.com, name: name(row.com), epci, epciName: epci === null ? null : geo.name('epci', epci), journeys: row.journeys };
      }),
      flows: flows.map((flow) => ({
        code1: flow.com_1, name1: name(flow.com_1), code2: flow.com_2, name2: name(flow.com_2),
        journeys: flow.journeys, passengers: flow.seats, distanceKm: flow.distance_m / 1000,
      })),
    };
  }
}
