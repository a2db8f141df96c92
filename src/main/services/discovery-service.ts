import type { CampaignDefinition, TerritorySelector } from '../../shared/campaigns/definition-types';
import { describeIssues } from '../../shared/campaigns/validate-definition';
import type { StatsQuery, StatsResult } from '../../shared/types/stats';
import type { CampaignDraft, ComparableCampaign, TerritoryRef } from '../../shared/types/territory';
import { loadCatalogue } from '../campaigns/catalogue-files';
import { paidByCampaign } from '../db/rpc-incentives';
import { storeJourneyDays } from '../db/simulation-preflight-source';
import type { SqlExecutor } from '../db/sql-executor';
import { territoryName } from '../domain/campaigns/territory-name';
import type { TripPlace } from '../domain/campaigns';
import { distanceFit, sampleCampaign, type CampaignSamples } from '../domain/discovery/campaign-samples';
import { campaignCloseness, howItPays } from '../domain/discovery/compare-campaigns';
import { draftCampaign } from '../domain/discovery/draft-campaign';
import { addMonths, lastCompleteMonths, lastDayOfMonth } from '../domain/time/calendar';
import { selectorProfile, selectorTest, territoryProfile, territoryTest, tripPlaceOf, type CommuneIndex, type TerritoryProfile } from '../domain/discovery/territory-profile';
import type { GeoResolver } from '../domain/geo/geo-resolver';
import { REGISTRY_OPERATORS } from '../domain/trips/operators';
import type { CampaignService } from './campaign-service';
import { communeIndexFor } from './commune-index';

/** Campaigns proposed for a territory, closest first. */
const PROPOSED = 5;
/** Months of the default period of drafts and of the distance profile: the last twelve complete months of the store. */
const DEFAULT_MONTHS = 12;

/** What the discovery service reads. */
export interface DiscoveryServiceDeps {
  campaigns: Pick<CampaignService, 'catalogueDefinition' | 'validate'>;
  /** The Statistiques page's dashboard (for a territory's distance profile). */
  statsQuery(query: StatsQuery): Promise<StatsResult>;
  /** The geography of the statistics (names, memberships), memoised by the statistics service. */
  geography(): Promise<GeoResolver>;
  /** The main thread's connection (registry incentives, the store's span). */
  sql: SqlExecutor;
  now(): Date;
}

/** A catalogue campaign as compared: its territory's profile and what it pays by distance (per geography and day). */
interface CampaignFacts {
  profile: TerritoryProfile;
  samples: CampaignSamples;
}

/** `Nantes Métropole ` → `nantes metropole`, to match a campaign by its name in the extracts. */
function nameKey(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The places of a profile as start–end pairs for sample trips: in its main town, to its second, to another AOM. */
function samplePairs(profile: TerritoryProfile, selector: TerritorySelector): Array<readonly [TripPlace, TripPlace]> {
  const [main, ...others] = profile.places.map(tripPlaceOf);
  if (main) return [[main, main], ...others.map((other) => [main, other] as const)];
  // A territory the geography does not place: a point carrying its first code at each level, as the preview does.
  const place: TripPlace = Object.fromEntries(
    Object.entries(selector).flatMap(([level, codes]) => (Array.isArray(codes) && codes[0] !== undefined ? [[level, codes[0]]] : [])),
  );
  return [[place, place]];
}

/**
 * The path from discovery to a campaign (issue 12, docs/discovery.md): the catalogue campaigns most comparable to a
 * territory (size, kind of territory, distance profile of its journeys), with what they paid and how, and a
 * catalogue campaign turned into a draft for the territory and the store's period. The preflight of a simulation
 * is the campaign service's (`CampaignService.preflight`).
 */
export class DiscoveryService {
  /** Facts of the catalogue campaigns for one geography (their territories' profiles read it). */
  private facts: { geo: GeoResolver | null; byKey: Map<string, CampaignFacts> } = { geo: null, byKey: new Map() };

  constructor(private readonly deps: DiscoveryServiceDeps) {}

  /** The commune index of the geography in use; the campaigns' facts are dropped when the geography changes. */
  private async communeIndex(): Promise<CommuneIndex> {
    const geo = await this.deps.geography();
    if (this.facts.geo !== geo) this.facts = { geo, byKey: new Map() };
    return communeIndexFor(geo);
  }

  /** Today, `YYYY-MM-DD` (UTC: a sample date, a day's error is immaterial). */
  private today(): string {
    return this.deps.now().toISOString().slice(0, 10);
  }

  /**
   * The default period: the store's last twelve complete months (fewer when it covers fewer; its whole span when it
   * covers no whole month), else the twelve complete months before today.
   */
  async defaultPeriod(): Promise<{ from: string; to: string }> {
    const store = await storeJourneyDays(this.deps.sql);
    if (store) return lastCompleteMonths(store, DEFAULT_MONTHS) ?? { from: store.first, to: store.last };
    const lastMonth = addMonths(this.today().slice(0, 7), -1);
    return { from: `${addMonths(lastMonth, -(DEFAULT_MONTHS - 1))}-01`, to: lastDayOfMonth(lastMonth) };
  }

  private campaignFacts(definition: CampaignDefinition, index: CommuneIndex): CampaignFacts {
    const today = this.today();
    const key = `${definition.id}|${today}`;
    let found = this.facts.byKey.get(key);
    if (!found) {
      const profile = selectorProfile(definition.territory, definition.lists, index);
      found = { profile, samples: sampleCampaign(definition, samplePairs(profile, definition.territory), today) };
      this.facts.byKey.set(key, found);
    }
    return found;
  }

  /**
   * The catalogue campaigns (templates left out) most comparable to a territory, closest first (at most five): each
   * with its similarity (0–1) and French reasons (population on a log scale, level and urban or rural, share of the
   * territory's journeys of the last twelve complete months its distance rules pay), how it pays, and what it paid
   * on the store's journeys (registry incentives carrying its id or name; null when none).
   */
  async comparable(territory: TerritoryRef): Promise<ComparableCampaign[]> {
    const index = await this.communeIndex();
    const geo = index.geo;
    const yours = territoryProfile(territory, index);
    const period = await this.defaultPeriod();
    const [stats, paidRows] = await Promise.all([
      this.deps.statsQuery({ level: territory.level, code: territory.code, direction: 'both', from: period.from, to: period.to, granularity: 'month' }),
      paidByCampaign(this.deps.sql),
    ]);
    const operatorsKnown = Object.keys(REGISTRY_OPERATORS).length;
    const compared = loadCatalogue()
      .filter((definition) => definition.status === 'campaign')
      .map((definition) => {
        const facts = this.campaignFacts(definition, index);
        const closeness = campaignCloseness(yours, facts.profile, facts.samples, distanceFit(facts.samples, stats.distanceBands));
        const matches = paidRows.filter((row) => row.campaign_id === definition.id || (row.campaign_name !== null && nameKey(row.campaign_name) === nameKey(definition.name)));
        const paid = matches.length === 0 ? null : { cents: matches.reduce((sum, row) => sum + row.cents, 0), journeys: matches.reduce((sum, row) => sum + row.journeys, 0) };
        return {
          campaignId: definition.id,
          name: definition.name,
          territoryName: territoryName(definition, (level, code) => geo.name(level, code)) || null,
          similarity: Math.round(closeness.similarity * 1000) / 1000,
          reasons: closeness.reasons,
          howItPays: howItPays(definition, facts.samples, operatorsKnown),
          paid,
        };
      });
    return compared.sort((a, b) => b.similarity - a.similarity || a.campaignId.localeCompare(b.campaignId)).slice(0, PROPOSED);
  }

  /**
   * A catalogue campaign turned into a draft for a territory and a period (default: the store's last twelve complete
   * months): its territory selector replaced by the territory, its window by the period, its budget scaled to the
   * population and the duration, the territory conditions of its rules adapted; validated with the campaign
   * format's validator. `changes` says every change in French. Throws `not_found` for an unknown campaign.
   */
  async draft(request: { campaignId: string; territory: TerritoryRef; from?: string | undefined; to?: string | undefined }): Promise<CampaignDraft> {
    const original = this.deps.campaigns.catalogueDefinition(request.campaignId);
    const index = await this.communeIndex();
    const geo = index.geo;
    const { level, code } = request.territory;
    const period = request.from !== undefined && request.to !== undefined ? { from: request.from, to: request.to } : await this.defaultPeriod();
    const namer = (namedLevel: Parameters<GeoResolver['name']>[0], namedCode: string): string | null => geo.name(namedLevel, namedCode);
    // A commune is selected as the engine reads it: its current code, or an arrondissement's own (`arr`).
    const selector: TerritorySelector = level === 'com' && geo.resolve(code)?.com !== code ? { arr: [code] } : { [level]: [code] };
    const yours = territoryProfile(request.territory, index);
    const theirs = this.campaignFacts(original, index).profile;
    const inTerritory = index.communes.filter(territoryTest(request.territory, index));
    const draft = draftCampaign({
      definition: original,
      selector,
      territoryName: territoryName({ territory: selector, lists: {} }, namer),
      campaignTerritoryName: territoryName(original, namer),
      idSuffix: `${level}-${code}`,
      from: period.from,
      to: period.to,
      populationRatio: yours.population && theirs.population ? yours.population / theirs.population : null,
      containsTerritory: (candidate) => {
        const test = selectorTest(candidate, original.lists);
        return inTerritory.length > 0 && inTerritory.every(test);
      },
      describe: (candidate) => territoryName({ territory: candidate, lists: original.lists }, namer) || 'tout le territoire',
    });
    const validation = this.deps.campaigns.validate(draft.definition);
    if (!validation.ok) throw new Error(`Brouillon de ${original.id} invalide : ${describeIssues(validation.issues)}`);
    return { definition: draft.definition, from: period.from, to: period.to, changes: draft.changes };
  }
}
