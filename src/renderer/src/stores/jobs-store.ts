import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { JobDone, JobKind, JobProgress, JobRecord, JobStatus } from '@shared/types/jobs';
import { useApi } from '@renderer/api/instance';
import { latestRequest } from '@renderer/composables/latest-request';

/** What the UI knows of one job, merged from `jobs:list`, `job:progress` and `job:done`. */
export interface TrackedJob {
  id: string;
  kind: JobKind;
  status: JobStatus;
  /** Machine step name (`generate`, `write`…), null before the first progress. */
  step: string | null;
  current: number;
  /** 0 = amount of work not known. */
  total: number;
  /** Units per second, null when no progress event was received in this window. */
  rowsPerSecond: number | null;
  /** Seconds left, null when unknown. */
  etaSeconds: number | null;
  /** French message of a failed job. */
  error: string | null;
  summary: Record<string, unknown> | null;
}

/** How many recent jobs `jobs:list` is asked for. */
const HISTORY_LIMIT = 10;

function fromRecord(record: JobRecord): TrackedJob {
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    step: record.step,
    current: record.current,
    total: record.total,
    rowsPerSecond: null,
    etaSeconds: null,
    error: record.error,
    summary: record.summary,
  };
}

/**
 * Jobs of the main side as this window sees them. It subscribes once to the job events, so that progress
 * is kept even while no page shows it, and rebuilds running jobs from `jobs:list` after a reload.
 */
export const useJobsStore = defineStore('jobs', () => {
  const byId = ref<Record<string, TrackedJob>>({});
  /** Jobs this window follows, newest first: running at start-up, started here, or announced by an event. */
  const followedIds = ref<string[]>([]);
  /** Last answer of `jobs:list`, for the history table. */
  const history = ref<JobRecord[]>([]);
  /** Incremented on every `job:done`, so that views can reload what a job may have changed. */
  const endedCount = ref(0);
  /** Last failure of a background refresh, which no caller could catch: shown by the shell. */
  const error = ref<unknown>(null);
  // The store lives as long as the window: its subscriptions are never undone, only never doubled.
  let subscribed = false;
  // Answers may cross: an older one must not replace the history a newer one brought.
  const latestHistory = latestRequest();

  const running = computed(() => Object.values(byId.value).filter((job) => job.status === 'running'));
  const followed = computed(() =>
    followedIds.value.map((id) => byId.value[id]).filter((job): job is TrackedJob => job !== undefined),
  );

  function follow(id: string): void {
    if (!followedIds.value.includes(id)) followedIds.value.unshift(id);
  }

  /**
   * Registers a job just started from this window, or first heard of through an event, and follows it.
   * A new job also reloads the history, so that the history table lists it while it runs.
   */
  function track(id: string, kind: JobKind): void {
    follow(id);
    if (byId.value[id]) return;
    byId.value[id] = {
      id,
      kind,
      status: 'running',
      step: null,
      current: 0,
      total: 0,
      rowsPerSecond: null,
      etaSeconds: null,
      error: null,
      summary: null,
    };
    void refreshInBackground();
  }

  function applyProgress(progress: JobProgress): void {
    track(progress.jobId, progress.kind);
    const job = byId.value[progress.jobId];
    // A late progress event must not bring an ended job back to life.
    if (!job || job.status !== 'running') return;
    job.step = progress.step;
    job.current = progress.current;
    job.total = progress.total;
    job.rowsPerSecond = progress.rowsPerSecond;
    job.etaSeconds = progress.etaSeconds;
  }

  function applyDone(done: JobDone): void {
    track(done.jobId, done.kind);
    const job = byId.value[done.jobId];
    if (!job) return;
    job.status = done.status;
    job.error = done.error;
    job.summary = done.summary;
    job.etaSeconds = null;
    endedCount.value += 1;
    void refreshInBackground();
  }

  /**
   * Merges the history: unknown jobs are added (running ones are followed, which redraws them after a
   * reload); a job still running here but ended there missed its `job:done`, so the record wins.
   */
  function mergeRecords(records: JobRecord[]): void {
    for (const record of records) {
      const known = byId.value[record.id];
      if (!known) {
        byId.value[record.id] = fromRecord(record);
        if (record.status === 'running') follow(record.id);
      } else if (known.status === 'running' && record.status !== 'running') {
        Object.assign(known, { status: record.status, error: record.error, summary: record.summary, etaSeconds: null });
      }
    }
  }

  /** Reloads the recent jobs from `jobs:list`; rejects with the `ApiError` for the caller to show. */
  async function refresh(): Promise<void> {
    const records = await latestHistory(() => useApi().invoke('jobs:list', { limit: HISTORY_LIMIT }));
    if (records === undefined) return;
    history.value = records;
    mergeRecords(records);
  }

  async function refreshInBackground(): Promise<void> {
    try {
      await refresh();
      error.value = null;
    } catch (cause) {
      error.value = cause;
    }
  }

  /**
   * Subscribes to the job events (only the first call does) and rebuilds the state from `jobs:list`.
   * Never rejects: a failure is kept in `error`, which the shell shows.
   */
  async function start(): Promise<void> {
    if (!subscribed) {
      const api = useApi();
      api.on('job:progress', applyProgress);
      api.on('job:done', applyDone);
      subscribed = true;
    }
    await refreshInBackground();
  }

  /** Asks the main side to stop a job; the outcome comes back as `job:done`. Rejects with the `ApiError`. */
  async function cancel(id: string): Promise<void> {
    await useApi().invoke('jobs:cancel', { jobId: id });
  }

  return { byId, followedIds, history, endedCount, error, running, followed, track, start, refresh, cancel };
});
