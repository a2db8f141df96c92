import type { JobDone } from '../../shared/types/jobs';
import type { AppServices } from '../services/app-services';
import { daysToScan } from '../services/checks-follow-up';
import { daysChangedBy } from '../services/stats-follow-up';
import { CliError } from './cli-error';

/**
 * Rebuilds the statistics of the days the finished jobs changed and waits for it (the app does this by itself
 * after each job; a CLI command must before it closes the store). Progress goes through the bus like any job.
 */
export async function refreshStatsAfter(services: AppServices, dones: ReadonlyArray<JobDone | null>): Promise<void> {
  const ranges: Array<{ from: string; to: string }> = [];
  let all = false;
  for (const done of dones) {
    const days = done ? daysChangedBy(done) : null;
    if (days === 'all') all = true;
    else if (days) ranges.push(days);
  }
  if (!all && ranges.length === 0) return;
  const union = {
    from: ranges.map((range) => range.from).sort()[0] ?? '',
    to: ranges.map((range) => range.to).sort().at(-1) ?? '',
  };
  const jobId = await services.stats.refresh(all ? undefined : union);
  if (jobId === null) return;
  const done = await services.runner.wait(jobId);
  if (done?.status !== 'done') throw new CliError(`Mise à jour des statistiques non terminée : ${done?.error ?? done?.status ?? 'inconnu'}`);
}

/**
 * Scans the journeys the finished imports added or changed (the app does this after each sync) and waits for it,
 * so that a store filled by the CLI has its review queue. Progress goes through the bus like any job.
 */
export async function scanAfter(services: AppServices, dones: ReadonlyArray<JobDone | null>): Promise<void> {
  const ranges = dones.flatMap((done) => {
    const days = done ? daysToScan(done) : null;
    return days ? [days] : [];
  });
  if (ranges.length === 0) return;
  const scope = { from: ranges.map((range) => range.from).sort()[0] ?? '', to: ranges.map((range) => range.to).sort().at(-1) ?? '' };
  const done = await services.runner.wait(await services.checks.scan(scope, 'sync'));
  if (done?.status !== 'done') throw new CliError(`Analyse des nouveaux trajets non terminée : ${done?.error ?? done?.status ?? 'inconnu'}`);
}

/**
 * Builds the simulation blocks of the days the finished imports touched (the app does this after each sync) and
 * waits for it, so that the first simulation on a store filled by the CLI reads blocks.
 */
export async function warmBlocksAfter(services: AppServices, dones: ReadonlyArray<JobDone | null>): Promise<void> {
  const ranges = dones.flatMap((done) => {
    const days = done ? daysToScan(done) : null;
    return days ? [days] : [];
  });
  if (ranges.length === 0) return;
  const range = { from: ranges.map((r) => r.from).sort()[0] ?? '', to: ranges.map((r) => r.to).sort().at(-1) ?? '' };
  const done = await services.runner.wait(await services.campaigns.warmBlocks(range));
  if (done?.status !== 'done') throw new CliError(`Préparation des simulations non terminée : ${done?.error ?? done?.status ?? 'inconnu'}`);
}
