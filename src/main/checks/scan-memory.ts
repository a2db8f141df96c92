import { formatBytes, formatInteger } from '../../shared/util/format';

/**
 * Memory a scan holds per journey it reads, in bytes: the journey as the checks read it and its share of their
 * indexes (persons, couples, days). Measured by `npm run bench:scan` (peak RSS over journeys, docs/checks.md
 * « Mémoire »), with a margin for the flags and the page being read.
 */
export const SCAN_BYTES_PER_JOURNEY = 1_500;

/** Whether a scan reading `journeys` journeys at once fits a heap of `heapLimitBytes` bytes. */
export function scanFits(journeys: number, heapLimitBytes: number): boolean {
  return journeys * SCAN_BYTES_PER_JOURNEY <= heapLimitBytes;
}

/**
 * Why a scan cannot run even month by month, in French: `journeys` is what its largest month reads (the month and
 * the history around it), `heapLimitBytes` the worker's ceiling. Said before any journey is read: a scan that ran out
 * of memory would stop after minutes with nothing stored.
 */
export function scanMemoryRefusal(journeys: number, heapLimitBytes: number): string {
  return `Analyse impossible sur ce poste, même mois par mois : les ${formatInteger(journeys)} trajets à lire pour un mois (le mois et l’historique autour) demandent environ ${formatBytes(journeys * SCAN_BYTES_PER_JOURNEY)} de mémoire, ce poste en permet ${formatBytes(heapLimitBytes)}. Analysez un territoire plus petit.`;
}
