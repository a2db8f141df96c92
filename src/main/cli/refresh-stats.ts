import type { JobDone } from '../../shared/types/jobs';
import type { AppServices } from '../services/app-services';
import { daysToScan } from '../services/sync-follow-ups';
import { daysChangedBy } from '../services/stats-follow-up';
import { CliError } from './cli-error';

type Days = { from: string; to: string };

/** The smallest range of days covering `ranges` (days `YYYY-MM-DD`), null when there is none. */
function covering(ranges: readonly Days[]): Days | null {
  if (ranges.length === 0) return null;
  return { from: ranges.map((range) => range.from).sort()[0] as string, to: ranges.map((range) => range.to).sort().at(-1) as string };
}

/** The days the finished imports and demo loads touched, as one range (what the app scans and warms after each). */
function syncedDays(dones: ReadonlyArray<JobDone | null>): Days | null {
  return covering(dones.flatMap((done) => {
    const days = done ? daysToScan(done) : null;
    return days ? [days] : [];
  }));
}

/** Waits for a follow-up job; throws, naming `what` did not finish, unless it ended done. */
async function finished(services: AppServices, jobId: string, what: string): Promise<void> {
  const done = await services.runner.wait(jobId);
  if (done?.status !== 'done') throw new CliError(`${what} non terminée : ${done?.error ?? done?.status ?? 'inconnu'}`);
}

/**
 * Rebuilds the statistics of the days the finished jobs changed and waits for it (the app does this by itself
 * after each job; a CLI command must before it closes the store). Progress goes through the bus like any job.
 */
export async function refreshStatsAfter(services: AppServices, dones: ReadonlyArray<JobDone | null>): Promise<void> {
  const ranges: Days[] = [];
  let all = false;
  for (const done of dones) {
    const days = done ? daysChangedBy(done) : null;
    if (days === 'all') all = true;
    else if (days) ranges.push(days);
  }
  const union = covering(ranges);
  if (!all && union === null) return;
  const jobId = await services.stats.refresh(all ? undefined : (union ?? undefined));
  if (jobId !== null) await finished(services, jobId, 'Mise à jour des statistiques');
}

/**
 * Scans the journeys the finished imports added or changed (the app does this after each sync) and waits for it,
 * so that a store filled by the CLI has its review queue. Progress goes through the bus like any job.
 */
export async function scanAfter(services: AppServices, dones: ReadonlyArray<JobDone | null>): Promise<void> {
  const days = syncedDays(dones);
  if (days) await finished(services, await services.checks.scan(days, 'sync'), 'Analyse des nouveaux trajets');
}

/**
 * Builds the simulation blocks of the days the finished imports touched (the app does this after each sync) and
 * waits for it, so that the first simulation on a store filled by the CLI reads blocks.
 */
export async function warmBlocksAfter(services: AppServices, dones: ReadonlyArray<JobDone | null>): Promise<void> {
  const days = syncedDays(dones);
  if (days) await finished(services, await services.campaigns.warmBlocks(days), 'Préparation des simulations');
}
