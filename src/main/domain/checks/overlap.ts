/** Published times are ceiled to 10 minutes: a true instant lies up to this many seconds before the published one. */
export const CEILING_S = 600;

/** How two journeys' published intervals relate in time. */
export type OverlapKind = 'certain' | 'possible' | 'none';

/**
 * Catalogue time rule (§7): A and B certainly overlap iff `A.start < B.end − 10 min` and `B.start < A.end − 10 min`
 * on ceiled times, whatever the true times inside their 10-minute windows; they possibly overlap when the published
 * intervals share some time. Times in seconds.
 */
export function overlapKind(startA: number, endA: number, startB: number, endB: number): OverlapKind {
  if (startA < endB - CEILING_S && startB < endA - CEILING_S) return 'certain';
  if (startA < endB && startB < endA) return 'possible';
  return 'none';
}

/** Seconds shared by two published intervals (0 when disjoint). */
export function overlapSeconds(startA: number, endA: number, startB: number, endB: number): number {
  return Math.max(0, Math.min(endA, endB) - Math.max(startA, startB));
}
