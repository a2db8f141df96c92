import type { JobDone } from '../../shared/types/jobs';
import type { EventBus } from '../events/event-bus';
import type { CampaignService } from './campaign-service';
import type { ChecksService } from './checks-service';
import { daysChangedBy } from './stats-follow-up';

/* What the app runs after each sync or demo load, beside the statistics (stats-follow-up.ts): the scan of the new
 * journeys, then the simulation blocks of their days. */

/**
 * The local days whose journeys a finished job added or changed, when they call for an incremental scan: imports
 * and demo loads (an AOM import moves journeys between territories but changes nothing the checks read).
 */
export function daysToScan(done: JobDone): { from: string; to: string } | null {
  if (done.kind !== 'extract.import' && done.kind !== 'demo.load') return null;
  const days = daysChangedBy(done);
  return days === 'all' ? null : days;
}

/**
 * Runs `work` on the days each sync or demo load of the app touched (`daysToScan`), reporting its failure as
 * `failure: reason`. Answers the function that stops following.
 */
function afterSyncs(bus: EventBus, work: (days: { from: string; to: string }) => Promise<unknown>, failure: string, onError: (message: string) => void): () => void {
  return bus.subscribe((event, payload) => {
    if (event !== 'job:done') return;
    const days = daysToScan(payload as JobDone);
    if (days === null) return;
    work(days).catch((error: unknown) => onError(`${failure} : ${String(error)}`));
  });
}

/**
 * Scans the new journeys after each sync or demo load in the app (docs/checks.md, « Analyses »): a scan scoped to
 * the days the import touched, which reads their surrounding months for history. The CLI scans explicitly instead.
 * Answers the function that stops following.
 */
export function scanAfterChanges(bus: EventBus, checks: ChecksService, onError: (message: string) => void): () => void {
  return afterSyncs(bus, (days) => checks.scan(days, 'sync'), 'Analyse des nouveaux trajets impossible', onError);
}

/**
 * Builds the simulation blocks of the days each sync or demo load touched, in the app (after the statistics and the
 * scan, in the same lane): the first simulation then reads blocks. The CLI warms them explicitly instead.
 */
export function warmBlocksAfterChanges(bus: EventBus, campaigns: CampaignService, onError: (message: string) => void): () => void {
  return afterSyncs(bus, (days) => campaigns.warmBlocks(days), 'Préparation des simulations impossible', onError);
}
