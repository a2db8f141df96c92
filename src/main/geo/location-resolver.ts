import type { ResolveLocation } from '../domain/extracts/enrich-journey';
import { createGeoResolver, withAom } from '../domain/geo/geo-resolver';
import { loadDecoupageReference } from './decoupage-reference';

/**
 * A resolver for the importer: INSEE code → commune, EPCI, AOM (from the store's AOM table), département, région,
 * country, on the memoised COG 2026 reference (see `createGeoResolver` for the rules). `99xxx` is a foreign country
 * (other levels null); `99100` (France itself) and unknown codes give null. Each call builds the per-code table
 * again (~30 ms) with the AOM map given: call it once per import, not per row.
 */
export function createLocationResolver(aomByCommune: ReadonlyMap<string, string>): ResolveLocation {
  const resolver = createGeoResolver(withAom(loadDecoupageReference(), aomByCommune));
  return (code) => resolver.resolve(code);
}
