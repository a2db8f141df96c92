import type { JobDone } from '../../shared/types/jobs';
import type { EventBus } from '../events/event-bus';
import type { StatsService } from './stats-service';

/** The local days a finished job changed journeys on, or `all`, or null when it changed none. */
export function daysChangedBy(done: JobDone): { from: string; to: string } | 'all' | null {
  if (done.status !== 'done' || !done.summary) return null;
  const summary = done.summary;
  const count = (key: string): number => (typeof summary[key] === 'number' ? summary[key] : 0);
  const from = typeof summary.periodFrom === 'string' ? summary.periodFrom : null;
  const to = typeof summary.periodTo === 'string' ? summary.periodTo : null;
  switch (done.kind) {
    case 'extract.import':
    case 'demo.load':
      return from && to && count('rowsInserted') + count('rowsUpdated') > 0 ? { from, to } : null;
    case 'aom.import':
      // New AOMs move journeys between territories at the AOM level, in every month.
      return count('tripsUpdated') > 0 ? 'all' : null;
    default:
      return null;
  }
}

/**
 * Keeps the statistics current in the app: after each sync, demo load or AOM import that changed journeys, the
 * aggregates of the months it touched are rebuilt (a `stats.refresh` job). The CLI refreshes explicitly instead,
 * since it closes the store as soon as its command ends. Answers the function that stops following.
 */
export function refreshStatsAfterChanges(bus: EventBus, stats: StatsService, onError: (message: string) => void): () => void {
  return bus.subscribe((event, payload) => {
    if (event !== 'job:done') return;
    const done = payload as JobDone;
    if (done.kind === 'aom.import') stats.invalidateGeography();
    const days = daysChangedBy(done);
    if (days === null) return;
    stats.refresh(days === 'all' ? undefined : days).catch((error: unknown) => onError(`Mise à jour des statistiques impossible : ${String(error)}`));
  });
}
