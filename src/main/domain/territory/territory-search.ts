import { TerritoryLevel } from '../../../shared/types/territory';
import type { GeoResolver } from '../geo/geo-resolver';

/** A territory the picker can find: its name, what tells homonyms apart, and its municipal population. */
export interface TerritoryEntry {
  level: TerritoryLevel;
  code: string;
  name: string;
  context: string | null;
  population: number | null;
}

/** Populations of the pinned COG (see `communePopulations` in src/main/geo/decoupage-reference.ts). */
export interface PopulationTables {
  communes: ReadonlyMap<string, number>;
  arrondissements: ReadonlyMap<string, number>;
}

/**
 * A name or a typed text as the search compares them: accents, case and punctuation ignored (`Saint-Étienne`,
 * `saint etienne` and `SAINT-ETIENNE` are one key; `Œ` reads `oe`), words separated by single spaces.
 */
export function searchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `Loire-Atlantique (44)`. */
const depLabel = (geo: GeoResolver, dep: string): string => `${geo.name('dep', dep) ?? 'Département'} (${dep})`;

/** The départements most of a group's communes lie in: `Ain`, `Ain, Isère`, `Ain, Isère et 2 autres`. */
function mainDepartements(geo: GeoResolver, communesByDep: ReadonlyMap<string, number> | undefined): string | null {
  if (!communesByDep || communesByDep.size === 0) return null;
  const deps = [...communesByDep].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([dep]) => geo.name('dep', dep) ?? dep);
  const shown = deps.slice(0, 2).join(', ');
  const others = deps.length - 2;
  return others > 0 ? `${shown} et ${others} autre${others > 1 ? 's' : ''}` : shown;
}

/**
 * Every territory of the picker from the geography in use: current communes and arrondissements municipaux (codes
 * journeys carry; communes déléguées are left out, their journeys are their commune's), EPCI, AOM (the store's
 * table), départements and régions. Populations of groups are summed over their current communes; the context of
 * a commune is its département, of an EPCI or AOM its main départements, of a département its région.
 */
export function territoryEntries(geo: GeoResolver, populations: PopulationTables): TerritoryEntry[] {
  const groupPopulation = new Map<string, number>();
  const groupDeps = new Map<string, Map<string, number>>();
  const regionOfDep = new Map<string, string>();
  const entries: TerritoryEntry[] = [];
  for (const [code, name] of geo.entries('com')) {
    const location = geo.resolve(code);
    if (!location?.dep) continue;
    if (location.com === code) {
      const population = populations.communes.get(code) ?? null;
      entries.push({ level: 'com', code, name, context: depLabel(geo, location.dep), population });
      if (location.reg !== null) regionOfDep.set(location.dep, location.reg);
      for (const level of ['epci', 'aom', 'dep', 'reg'] as const) {
        const group = location[level];
        if (group === null) continue;
        const key = `${level}:${group}`;
        if (population !== null) groupPopulation.set(key, (groupPopulation.get(key) ?? 0) + population);
        if (level === 'dep' || level === 'reg') continue;
        const deps = groupDeps.get(key) ?? new Map<string, number>();
        deps.set(location.dep, (deps.get(location.dep) ?? 0) + 1);
        groupDeps.set(key, deps);
      }
    } else if (populations.arrondissements.has(code)) {
      entries.push({ level: 'com', code, name, context: depLabel(geo, location.dep), population: populations.arrondissements.get(code) ?? null });
    }
  }
  for (const level of ['epci', 'aom'] as const) {
    for (const [code, name] of geo.entries(level)) {
      entries.push({ level, code, name, context: mainDepartements(geo, groupDeps.get(`${level}:${code}`)), population: groupPopulation.get(`${level}:${code}`) ?? null });
    }
  }
  for (const [code, name] of geo.entries('dep')) {
    const reg = regionOfDep.get(code);
    entries.push({ level: 'dep', code, name, context: reg === undefined ? null : geo.name('reg', reg), population: groupPopulation.get(`dep:${code}`) ?? null });
  }
  for (const [code, name] of geo.entries('reg')) entries.push({ level: 'reg', code, name, context: null, population: groupPopulation.get(`reg:${code}`) ?? null });
  return entries;
}

/** How well a name matches, best first: exact, starts with the text, every word of the text starts a word, contains it. */
const TIER = { exact: 0, prefix: 1, wordStarts: 2, contains: 3 } as const;

interface Indexed {
  entry: TerritoryEntry;
  key: string;
  words: readonly string[];
}

/**
 * The territories searchable by name, built once per geography (about 37,000 names). A search goes through all of
 * them (a few milliseconds): names matching best first (exact, then starting with the text, then each word of the
 * text starting a word of the name, then containing it), then the most populated, level and name.
 */
export class TerritoryIndex {
  private readonly indexed: Indexed[];

  constructor(entries: readonly TerritoryEntry[]) {
    this.indexed = entries.map((entry) => {
      const key = searchKey(entry.name);
      return { entry, key, words: key.split(' ') };
    });
  }

  /** At most `limit` territories whose name matches `text`, best first; none for a text without letters or digits. */
  search(text: string, limit: number): TerritoryEntry[] {
    const query = searchKey(text);
    if (query === '') return [];
    const tokens = query.split(' ');
    const found: Array<{ tier: number; entry: TerritoryEntry }> = [];
    for (const { entry, key, words } of this.indexed) {
      const tier = key === query ? TIER.exact
        : key.startsWith(query) ? TIER.prefix
          : tokens.every((token) => words.some((word) => word.startsWith(token))) ? TIER.wordStarts
            : key.includes(query) ? TIER.contains
              : null;
      if (tier !== null) found.push({ tier, entry });
    }
    const levelRank = (level: TerritoryLevel): number => TerritoryLevel.options.indexOf(level);
    return found
      .sort((a, b) =>
        a.tier - b.tier
        || (b.entry.population ?? -1) - (a.entry.population ?? -1)
        || levelRank(a.entry.level) - levelRank(b.entry.level)
        || a.entry.name.localeCompare(b.entry.name, 'fr'))
      .slice(0, limit)
      .map(({ entry }) => entry);
  }
}
