/** A campaign's distance slice in metres: `start` included, `end` excluded; no `end` means open-ended. */
export interface DistanceSlice {
  start: number;
  end?: number;
}

/** The two incentive periods of the APDF summary, as column S of « Trajets » spells them. */
export const INCENTIVE_TYPES = ['normale', 'booster'] as const;
export type IncentiveType = (typeof INCENTIVE_TYPES)[number];

/**
 * The registry's `wrapSlices`: the campaign's slices sorted by start, preceded by `{0, first start}` when the first
 * one does not start at 0, and followed by an open-ended `{start: largest end}` (skipped when a slice is already
 * open-ended: it would repeat it). No slices, no rows.
 */
export function wrapSlices(slices: readonly DistanceSlice[]): DistanceSlice[] {
  const sorted = [...slices].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  if (first === undefined) return [];
  const wrapped: DistanceSlice[] = first.start > 0 ? [{ start: 0, end: first.start }, ...sorted] : sorted;
  const ends = sorted.map((slice) => slice.end);
  if (ends.every((end) => end !== undefined)) wrapped.push({ start: Math.max(...(ends as number[])) });
  return wrapped;
}

/** Metres → km with a decimal comma and no trailing zeros: `2500` → `2,5`. */
function km(metres: number): string {
  return String(metres / 1000).replace('.', ',');
}

/** `Jusqu'à X km`, `De X km à Y km` or `Supérieure à X km`, as the registry labels its slices. */
export function sliceLabel(slice: DistanceSlice): string {
  if (slice.end === undefined) return `Supérieure à ${km(slice.start)} km`;
  if (slice.start === 0) return `Jusqu'à ${km(slice.end)} km`;
  return `De ${km(slice.start)} km à ${km(slice.end)} km`;
}

/** Whether a distance (metres) falls in a slice, exactly as the summary's SUMIFS criteria test it. */
export function inSlice(slice: DistanceSlice, distanceM: number): boolean {
  return distanceM >= slice.start && (slice.end === undefined || distanceM < slice.end);
}

/** The distance criteria of a slice on column M (metres): `Trajets!M:M,">=2000",Trajets!M:M,"<30000"`. */
function distanceCriteria(slice: DistanceSlice): string {
  const lower = `Trajets!M:M,">=${slice.start}"`;
  return slice.end === undefined ? lower : `${lower},Trajets!M:M,"<${slice.end}"`;
}

/** The three formulas of a summary row (without `=`): incentives in €, all journeys, subsidised journeys. */
export function sliceFormulas(slice: DistanceSlice, type: IncentiveType): { amount: string; trips: string; subsidized: string } {
  const criteria = `Trajets!S:S,"${type}",${distanceCriteria(slice)}`;
  return {
    amount: `SUMIFS(Trajets!R:R,${criteria})`,
    trips: `COUNTIFS(${criteria})`,
    subsidized: `COUNTIFS(Trajets!R:R,">0",${criteria})`,
  };
}

/** What one summary row adds up: cents, journeys and journeys with an incentive > 0. */
export interface SliceFigures {
  cents: number;
  trips: number;
  subsidized: number;
}

/** Per-slice figures of each period, added journey by journey (the values the summary formulas must give). */
export class SliceTotals {
  readonly figures: Record<IncentiveType, SliceFigures[]>;
  /** Whether at least one journey fell in a slice (the summary sheet is written only then). */
  matched = false;

  constructor(readonly slices: readonly DistanceSlice[]) {
    const zeros = (): SliceFigures[] => slices.map(() => ({ cents: 0, trips: 0, subsidized: 0 }));
    this.figures = { normale: zeros(), booster: zeros() };
  }

  /** Counts a journey in every slice it falls in (slices may overlap, as SUMIFS would count them). */
  add(distanceM: number, incentiveCents: number, type: IncentiveType): void {
    const figures = this.figures[type];
    this.slices.forEach((slice, i) => {
      if (!inSlice(slice, distanceM)) return;
      const row = figures[i] as SliceFigures;
      row.cents += incentiveCents;
      row.trips += 1;
      if (incentiveCents > 0) row.subsidized += 1;
      this.matched = true;
    });
  }
}
