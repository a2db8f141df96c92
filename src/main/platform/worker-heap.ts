import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { formatBytes } from '../../shared/util/format';

/**
 * Share of the machine's memory a job worker's heap may grow to. A scan holds every journey it reads (about 1.3 kB
 * each, docs/checks.md « Mémoire »): V8's default ceiling (about 4 GB on 64-bit) stops it near 3 million journeys
 * whatever the machine has, so a national workstation with 32 GB could not scan what it can hold. The rest of the
 * memory stays for the main process, the renderer and a local PostgreSQL server.
 */
export const WORKER_HEAP_SHARE = 0.7;

/**
 * Largest old-generation heap of a job worker, in MiB: `WORKER_HEAP_SHARE` of the machine's memory, never below
 * V8's own default (a small machine keeps what it had). `totalBytes` and `defaultBytes` are given by tests.
 */
export function workerHeapLimitMb(totalBytes = totalmem(), defaultBytes = getHeapStatistics().heap_size_limit): number {
  return Math.floor(Math.max(defaultBytes, totalBytes * WORKER_HEAP_SHARE) / 2 ** 20);
}

/**
 * Young generation of a job worker, in MiB: V8 gives a third of it to each of its two semi-spaces, so 192 makes them
 * 64 MiB against 16 by default. Jobs make millions of short-lived objects (rows, pages, journeys being built); in small
 * semi-spaces many of them are still alive at their second scavenge and get copied into the old generation, which
 * later full collections walk again. Reading the 2 M journeys of a scan took 12.4 s instead of 15.8–17.1 s (same
 * load); larger semi-spaces gave nothing more. It costs 128 MiB per running job.
 */
export const WORKER_YOUNG_GENERATION_MB = 192;

/** What the job's worker says when it reached its heap ceiling (Node's `ERR_WORKER_OUT_OF_MEMORY`), in French; null otherwise. */
export function workerOutOfMemory(error: unknown, limitMb: number): string | null {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') return null;
  return `Mémoire insuffisante : le traitement a dépassé les ${formatBytes(limitMb * 2 ** 20)} permis sur ce poste. Rien n’a été enregistré ; travaillez sur une période plus courte.`;
}
