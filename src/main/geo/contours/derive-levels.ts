import type { ShapeLevel } from '../../../shared/types/map';
import { createGeoResolver, type GeoReference } from '../../domain/geo/geo-resolver';

/** Levels that can be dissolved from communes. */
export type DerivedLevel = Exclude<ShapeLevel, 'com'>;

/** The groups of a level that a file's communes cover whole, by code, with the file's codes to dissolve. */
export interface CommuneGroups {
  level: DerivedLevel;
  /** Group code → name (from the geography, or the store's AOM names) and the file's commune codes it is made of. */
  complete: Map<string, { name: string | null; members: string[] }>;
  /** Groups the file covers only in part: not dissolved, a partial shape would mislead. */
  partial: number;
}

/**
 * Groups a file's commune codes by `levels` (EPCI, AOM, département, région) through the geography, AOM included
 * (`withAom`): arrondissements municipaux and other codes of a commune the file also holds whole are left out, so
 * that no two members overlap. A group is complete when every current commune the geography puts in it is covered
 * by some code of the file (former codes count for their current commune); only complete groups are dissolved.
 * Codes the geography does not know are counted in `unplaced`.
 */
export function communeGroups(fileCodes: readonly string[], reference: GeoReference, levels: readonly DerivedLevel[]): { groups: CommuneGroups[]; unplaced: number } {
  const resolver = createGeoResolver(reference);
  const held = new Set(fileCodes);
  const covered = new Set<string>();
  const members = new Map<DerivedLevel, Map<string, string[]>>(levels.map((level) => [level, new Map()]));
  let unplaced = 0;
  for (const code of fileCodes) {
    const location = resolver.resolve(code);
    if (!location?.com) {
      unplaced += 1;
      continue;
    }
    covered.add(location.com);
    // An arrondissement inside a commune the file also holds: dissolving both would cancel their shared outline.
    if (location.com !== code && held.has(location.com)) continue;
    for (const level of levels) {
      const group = location[level];
      if (group === null) continue;
      const byGroup = members.get(level);
      const list = byGroup?.get(group);
      if (list) list.push(code);
      else byGroup?.set(group, [code]);
    }
  }
  const missing = new Map<DerivedLevel, Set<string>>(levels.map((level) => [level, new Set()]));
  for (const commune of reference.communes.keys()) {
    if (covered.has(commune)) continue;
    const location = resolver.resolve(commune);
    for (const level of levels) {
      const group = location?.[level];
      if (group) missing.get(level)?.add(group);
    }
  }
  const groups = levels.map((level): CommuneGroups => {
    const complete = new Map<string, { name: string | null; members: string[] }>();
    let partial = 0;
    for (const [group, codes] of members.get(level) ?? []) {
      if (missing.get(level)?.has(group)) partial += 1;
      else complete.set(group, { name: resolver.name(level, group), members: codes });
    }
    return { level, complete, partial };
  });
  return { groups, unplaced };
}
