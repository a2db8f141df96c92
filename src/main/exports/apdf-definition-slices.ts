import type { Amount, CampaignDefinition, Predicate } from '../../shared/campaigns/definition-types';
import type { DistanceSlice } from './apdf-slices';

type SlicesAmount = Extract<Amount, { type: 'slices' }>;

/** The first `slices` formula of an amount, depth first in the order written; null when it has none. */
function firstSlices(amount: Amount): SlicesAmount | null {
  switch (amount.type) {
    case 'slices':
      return amount;
    case 'sum':
    case 'min':
    case 'max':
      return firstOf(amount.of);
    case 'scale':
    case 'per_seat':
    case 'boost':
    case 'free_ride':
      return firstSlices(amount.of);
    case 'choose':
      return firstOf([...amount.cases.map((entry) => entry.amount), amount.otherwise]);
    default:
      return null;
  }
}

function firstOf(amounts: readonly Amount[]): SlicesAmount | null {
  for (const amount of amounts) {
    const found = firstSlices(amount);
    if (found) return found;
  }
  return null;
}

/**
 * The distance (metres, excluded) no eligible journey reaches, when the eligibility requires it of every journey:
 * a `distance` test with a maximum, alone or in an `all`. `max_m` included (`[]`, `(]`) → `max_m + 1`, as the
 * registry writes « up to 80 km included » `80_001`.
 */
function distanceCeiling(predicate: Predicate): number | undefined {
  if (predicate.type === 'distance') {
    if (predicate.max_m === undefined) return undefined;
    return predicate.bounds.endsWith(']') ? predicate.max_m + 1 : predicate.max_m;
  }
  if (predicate.type !== 'all') return undefined;
  const ceilings = predicate.of.map(distanceCeiling).filter((ceiling): ceiling is number => ceiling !== undefined);
  return ceilings.length > 0 ? Math.min(...ceilings) : undefined;
}

/**
 * The distance slices of a campaign definition, in metres, as the registry declares them in `params.slices` for
 * its APDF summary (« Synthèse par tranche », reports.md §2.3; before `wrapSlices`): the bands of the first
 * `slices` formula of the latest rule version that has one. Exclusive bands are taken as written. Cumulative ones
 * carry no upper bound in our format, where the registry's handlers write one: each band ends where the next one
 * starts, and the last one where the version's eligibility stops (its maximum distance), open-ended without one.
 * Empty when no version pays by distance slices: the workbook then has no summary, as the registry's.
 */
export function definitionSlices(definition: CampaignDefinition): DistanceSlice[] {
  for (const version of [...definition.rules].reverse()) {
    const formula = firstSlices(version.amount);
    if (!formula) continue;
    if (formula.mode === 'exclusive') {
      return formula.slices.map((slice) => (slice.to_m == null ? { start: slice.from_m } : { start: slice.from_m, end: slice.to_m }));
    }
    const ceiling = distanceCeiling(version.eligibility);
    const ends = [...formula.slices.slice(1).map((slice) => slice.from_m), ceiling];
    return (
      formula.slices
        .map((slice, i): DistanceSlice => {
          const end = ends[i];
          return end === undefined ? { start: slice.from_m } : { start: slice.from_m, end };
        })
        // Two slices from the same distance, or a ceiling below the last start, leave no band between them.
        .filter((slice) => slice.end === undefined || slice.end > slice.start)
    );
  }
  return [];
}
