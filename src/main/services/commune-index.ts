import { buildCommuneIndex, type CommuneIndex } from '../domain/discovery/territory-profile';
import type { GeoResolver } from '../domain/geo/geo-resolver';
import { communePopulations } from '../geo/decoupage-reference';

/** One index per geography in use: the statistics service builds a new resolver when the AOM table changes. */
const indexes = new WeakMap<GeoResolver, CommuneIndex>();

/**
 * The populated communes of the pinned COG, located with a geography (about 35,000, built in some 50 ms and kept as
 * long as the geography is): what discovery and the observatory read territories' populations and AOM from.
 */
export function communeIndexFor(geo: GeoResolver): CommuneIndex {
  let index = indexes.get(geo);
  if (!index) {
    index = buildCommuneIndex(communePopulations(), geo);
    indexes.set(geo, index);
  }
  return index;
}
