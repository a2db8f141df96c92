import type { CodeList, NamedList, TerritorySelector } from '../../../shared/campaigns/definition-types';
import type { TerritoryRef } from '../../../shared/types/territory';
import type { TripPlace } from '../campaigns/campaign-trip';
import type { GeoResolver, ResolvedLocation } from '../geo/geo-resolver';

/** A current commune of the geography with its population (inhabitants) and where it lies. */
export interface PlacedCommune {
  code: string;
  name: string;
  population: number;
  location: ResolvedLocation;
}

/** Every populated commune of the geography, located once (about 35,000), to profile territories and selectors. */
export interface CommuneIndex {
  readonly communes: readonly PlacedCommune[];
  /** Populations of arrondissements municipaux, which a territory of level `com` may be. */
  readonly arrondissements: ReadonlyMap<string, number>;
  readonly geo: GeoResolver;
}

/** Levels as people compare them: a commune is not a région. */
export type TerritoryKind = 'commune' | 'intercommunalité' | 'département' | 'région';

/** Urban or rural, read from the population of the territory's largest commune (there is no area in the COG). */
export type UrbanClass = 'grande ville' | 'ville moyenne' | 'rural';

/** What a territory is, for comparisons: its size, level, main town, and communes to place sample trips in. */
export interface TerritoryProfile {
  /** Inhabitants of its communes (each counted once); null when the geography knows none of them. */
  population: number | null;
  communes: number;
  largest: { code: string; name: string; population: number } | null;
  kind: TerritoryKind;
  urban: UrbanClass | null;
  /** Its largest commune, its second, and the largest of another AOM (when there are), for sample trips. */
  places: PlacedCommune[];
}

/** A largest commune of at least this many inhabitants makes a `grande ville`. */
export const BIG_TOWN = 100_000;
/** … and of at least this many a `ville moyenne`; below, `rural`. */
export const MEDIUM_TOWN = 20_000;

/** Builds the index from the COG's populations (`communePopulations()` of the geography module) and the resolver in use. */
export function buildCommuneIndex(populations: { communes: ReadonlyMap<string, number>; arrondissements: ReadonlyMap<string, number> }, geo: GeoResolver): CommuneIndex {
  const communes: PlacedCommune[] = [];
  for (const [code, population] of populations.communes) {
    const location = geo.resolve(code);
    if (location?.com !== code) continue;
    communes.push({ code, name: geo.name('com', code) ?? code, population, location });
  }
  // Largest first: profiles read their main towns off the front.
  communes.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
  return { communes, arrondissements: populations.arrondissements, geo };
}

/**
 * The AOM of a commune: the store's AOM table, else the EPCI of the commune. Most AOM are an EPCI under the same
 * SIREN, and a store's AOM table may cover only part of France (the demo's covers its 24 communes).
 */
export function aomOf(location: ResolvedLocation): string | null {
  return location.aom ?? location.epci;
}

/** The codes of a trip end in a commune, as the campaign engine reads them (`aom` as `aomOf`). */
export function tripPlaceOf(commune: PlacedCommune): TripPlace {
  const { location } = commune;
  return { com: location.com, arr: location.insee, epci: location.epci, aom: aomOf(location), dep: location.dep, reg: location.reg, country: location.country };
}

const urbanClass = (largest: number): UrbanClass => (largest >= BIG_TOWN ? 'grande ville' : largest >= MEDIUM_TOWN ? 'ville moyenne' : 'rural');

/** Profile of the communes matched by `test`, of the given kind. */
function profileOf(index: CommuneIndex, kind: TerritoryKind, test: (commune: PlacedCommune) => boolean, population?: number): TerritoryProfile {
  const matched = index.communes.filter(test);
  const first = matched[0];
  const places: PlacedCommune[] = [];
  if (first) {
    places.push(first);
    if (matched[1]) places.push(matched[1]);
    const otherAom = matched.find((commune) => aomOf(commune.location) !== aomOf(first.location));
    if (otherAom && !places.includes(otherAom)) places.push(otherAom);
  }
  const total = population ?? matched.reduce((sum, commune) => sum + commune.population, 0);
  return {
    population: matched.length > 0 || population !== undefined ? total : null,
    communes: matched.length,
    largest: first ? { code: first.code, name: first.name, population: first.population } : null,
    kind,
    urban: first ? urbanClass(first.population) : null,
    places,
  };
}

const KIND_OF_LEVEL: Readonly<Record<TerritoryRef['level'], TerritoryKind>> = { com: 'commune', epci: 'intercommunalité', aom: 'intercommunalité', dep: 'département', reg: 'région' };

/** Whether a commune belongs to a user's territory (`com` is the INSEE code as published: commune or arrondissement). */
export function territoryTest(territory: TerritoryRef, index: CommuneIndex): (commune: PlacedCommune) => boolean {
  const { code } = territory;
  switch (territory.level) {
    case 'com': {
      const commune = index.geo.resolve(code)?.com ?? code;
      return (candidate) => candidate.code === commune;
    }
    case 'epci':
      return ({ location }) => location.epci === code;
    case 'aom':
      return ({ location }) => aomOf(location) === code;
    case 'dep':
      return ({ location }) => location.dep === code;
    case 'reg':
      return ({ location }) => location.reg === code;
  }
}

/** Profile of a user's territory (an arrondissement municipal counts its own inhabitants, placed in its commune). */
export function territoryProfile(territory: TerritoryRef, index: CommuneIndex): TerritoryProfile {
  const arrondissement = territory.level === 'com' ? index.arrondissements.get(territory.code) : undefined;
  return profileOf(index, KIND_OF_LEVEL[territory.level], territoryTest(territory, index), arrondissement);
}

/** The codes of a selector's level, inline or from its named list. */
function codesOf(list: CodeList | undefined, lists: Readonly<Record<string, NamedList>>): ReadonlySet<string> | null {
  if (list === undefined) return null;
  return new Set(Array.isArray(list) ? list : (lists[list.list]?.values ?? []));
}

/**
 * Whether a commune matches a campaign's selector, as the engine matches a trip end in it (any listed level; `arr`
 * read as the commune's own code, the one journeys outside Paris, Lyon and Marseille carry). An empty selector
 * matches every commune.
 */
export function selectorTest(selector: TerritorySelector, lists: Readonly<Record<string, NamedList>>): (commune: PlacedCommune) => boolean {
  const com = codesOf(selector.com, lists);
  const arr = codesOf(selector.arr, lists);
  const epci = codesOf(selector.epci, lists);
  const aom = codesOf(selector.aom, lists);
  const dep = codesOf(selector.dep, lists);
  const reg = codesOf(selector.reg, lists);
  const country = codesOf(selector.country, lists);
  if (!com && !arr && !epci && !aom && !dep && !reg && !country) return () => true;
  const has = (set: ReadonlySet<string> | null, code: string | null): boolean => set !== null && code !== null && set.has(code);
  return ({ code, location }) =>
    has(com, code) || has(arr, code) || has(epci, location.epci) || has(aom, aomOf(location)) || has(dep, location.dep) || has(reg, location.reg) || has(country, location.country);
}

/** The kind of territory a selector draws: its broadest level (a list of several communes is intercommunal). */
function selectorKind(selector: TerritorySelector, communes: number): TerritoryKind {
  if (selector.reg || selector.country) return 'région';
  if (selector.dep) return 'département';
  if (selector.epci || selector.aom) return 'intercommunalité';
  return communes > 1 ? 'intercommunalité' : 'commune';
}

/** Profile of a campaign's territory selector (its named lists resolved from the definition). */
export function selectorProfile(selector: TerritorySelector, lists: Readonly<Record<string, NamedList>>, index: CommuneIndex): TerritoryProfile {
  const test = selectorTest(selector, lists);
  const profile = profileOf(index, 'commune', test);
  return { ...profile, kind: selectorKind(selector, profile.communes) };
}
