import { GEO_LEVELS, type GeoLevel, type TerritorySelector } from '../../../shared/campaigns/definition-types';
import type { TripPlace } from './campaign-trip';
import { formatList, LEVEL_NAMES } from './french-text';
import { describeList, valuesOf, type ResolvedLists } from './named-lists';

/** A compiled territory selector: does a trip end belong to it? */
export interface PlaceMatcher {
  matches(place: TripPlace): boolean;
  /** French, e.g. `AOM 217500016, 287500078 ou commune 75056`. */
  readonly description: string;
}

/**
 * Compiles a selector into one code set per level. A selector without any level accepts every place (the
 * registry's empty selector); a level whose list is empty matches nothing.
 */
export function compileSelector(selector: TerritorySelector, lists: ResolvedLists): PlaceMatcher {
  const levels: Array<[GeoLevel, ReadonlySet<string>]> = [];
  const parts: string[] = [];
  for (const level of GEO_LEVELS) {
    const list = selector[level];
    if (list === undefined) continue;
    levels.push([level, new Set(valuesOf(list, lists))]);
    parts.push(`${LEVEL_NAMES[level]} ${describeList(list, lists, (values) => formatList(values))}`);
  }
  if (levels.length === 0) return { matches: () => true, description: 'tout le territoire' };
  return {
    description: parts.join(' ou '),
    matches(place) {
      for (const [level, codes] of levels) {
        const code = place[level];
        if (code != null && codes.has(code)) return true;
      }
      return false;
    },
  };
}

/** `commune 75056, AOM 217500016` — the trip end's codes at the levels a selector reads, for explanations. */
export function describePlace(place: TripPlace): string {
  const parts = GEO_LEVELS.filter((level) => place[level] != null).map((level) => `${level} ${place[level]}`);
  return parts.length > 0 ? parts.join(', ') : 'lieu inconnu';
}
