import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Res } from '@shared/ipc/contract';
import type { Coverage, RejectedFilter, SyncLogEntry } from '@shared/types/sync';
import { useApi } from '@renderer/api/instance';
import { latestRequest } from '@renderer/composables/latest-request';
import { useJobsStore, type TrackedJob } from '@renderer/stores/jobs-store';

/** Rejected lines shown per page of the quarantine browser. */
export const REJECTED_PAGE_SIZE = 50;

/** Files the sync log shows, newest first. */
const LOG_LIMIT = 50;

/** Tables whose change makes the figures of the Données page stale (announced by `data:changed`). */
const WATCHED_TABLES: ReadonlySet<string> = new Set(['trips', 'operators', 'import_batches', 'rejected_rows']);

/** A reason of rejection with its number of lines, as `extracts:rejected-reasons` lists it. */
export type RejectedReason = Res<'extracts:rejected-reasons'>[number];
/** One page of the quarantine and the total of the filter. */
export type RejectedPage = Res<'extracts:rejected'>;
/** The CSV file an export wrote and its number of lines. */
export type RejectedExport = Res<'extracts:rejected-export'>;

/** Path stored in the parameters of an import job, when the history has it. */
function filePathParam(params: Record<string, unknown> | undefined): string | null {
  const path = params?.filePath;
  return typeof path === 'string' ? path : null;
}

/**
 * Extract imports and what they produced: the sync log, the coverage of the store, and the quarantine of
 * rejected lines with its filter (batch, reason) and page. Starting imports is here too, so that the jobs a
 * window started keep the file they read.
 */
export const useSyncStore = defineStore('sync', () => {
  const jobs = useJobsStore();
  const log = ref<SyncLogEntry[] | null>(null);
  const coverage = ref<Coverage | null>(null);
  const reasons = ref<RejectedReason[]>([]);
  const rejected = ref<RejectedPage | null>(null);
  /** Batch the quarantine is filtered on, null for every file. */
  const batchId = ref<number | null>(null);
  /** Exact reason the quarantine is filtered on, null for every reason. */
  const reason = ref<string | null>(null);
  /** Page of the quarantine, from 0. */
  const page = ref(0);
  /** Last CSV export of the quarantine, cleared when the filter changes. */
  const lastExport = ref<RejectedExport | null>(null);
  /** Last failure of a reload, which no caller could catch: shown by the page. */
  const error = ref<unknown>(null);
  /** File read by each import job started from this window, by job id. */
  const jobFiles = ref<Record<string, string>>({});
  /** Job ids of each import started from this window, in the order of its files. */
  const importBatches = ref<string[][]>([]);
  // Answers may cross when the filter changes quickly: only the latest request's answer is kept.
  const latestRejected = latestRequest();
  const latestReasons = latestRequest();
  let reloading: Promise<void> | null = null;
  let reloadAgain = false;

  const pageCount = computed(() => Math.max(1, Math.ceil((rejected.value?.total ?? 0) / REJECTED_PAGE_SIZE)));
  /** The sync log entry of the filtered batch, null when not filtered or when the batch is not in the log. */
  const filterBatch = computed(() =>
    batchId.value === null ? null : (log.value?.find((entry) => entry.id === batchId.value) ?? null),
  );
  /**
   * Import jobs this window follows (started here, by the watched folder, or running at start-up), newest first;
   * the jobs of one import started here stay together in the order of its files, whatever order their first
   * events arrived in.
   */
  const importJobs = computed(() => {
    const followed = jobs.followed.filter((job) => job.kind === 'extract.import');
    const byId = new Map(followed.map((job) => [job.id, job]));
    const batchOf = new Map(importBatches.value.flatMap((batch) => batch.map((id) => [id, batch] as const)));
    const ordered: TrackedJob[] = [];
    const placed = new Set<string>();
    for (const job of followed) {
      for (const id of batchOf.get(job.id) ?? [job.id]) {
        const member = byId.get(id);
        if (member && !placed.has(id)) {
          placed.add(id);
          ordered.push(member);
        }
      }
    }
    return ordered;
  });

  /** The file an import job reads: known when started here, else taken from the jobs history. */
  function jobFile(job: TrackedJob): string | null {
    return jobFiles.value[job.id] ?? filePathParam(jobs.history.find((record) => record.id === job.id)?.params);
  }

  function currentFilter(): RejectedFilter {
    const filter: RejectedFilter = {};
    if (batchId.value !== null) filter.batchId = batchId.value;
    if (reason.value !== null) filter.reason = reason.value;
    return filter;
  }

  async function loadLog(): Promise<void> {
    log.value = await useApi().invoke('extracts:sync-log', { limit: LOG_LIMIT });
  }

  async function loadCoverage(): Promise<void> {
    coverage.value = await useApi().invoke('extracts:coverage', {});
  }

  async function loadReasons(): Promise<void> {
    const answer = await latestReasons(() =>
      useApi().invoke('extracts:rejected-reasons', batchId.value === null ? {} : { batchId: batchId.value }),
    );
    if (answer !== undefined) reasons.value = answer;
  }

  async function loadRejected(): Promise<void> {
    const answer = await latestRejected(() =>
      useApi().invoke('extracts:rejected', { ...currentFilter(), offset: page.value * REJECTED_PAGE_SIZE, limit: REJECTED_PAGE_SIZE }),
    );
    if (answer === undefined) return;
    rejected.value = answer;
    // Fewer lines than before (a batch undone): show the last page rather than an empty one.
    if (answer.rows.length === 0 && page.value > 0 && answer.total > 0) {
      page.value = pageCount.value - 1;
      await loadRejected();
    }
  }

  /** Loads everything the page shows; rejects with the `ApiError` of the first failed call. */
  async function load(): Promise<void> {
    await Promise.all([loadLog(), loadCoverage(), loadReasons(), loadRejected()]);
  }

  /**
   * Loads everything again and keeps a failure in `error`; never rejects. Asked again while it runs (a job end
   * followed by its `data:changed`), it runs once more afterwards instead of running twice at the same time.
   */
  function reload(): Promise<void> {
    if (reloading) {
      reloadAgain = true;
      return reloading;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          reloadAgain = false;
          try {
            await load();
            error.value = null;
          } catch (cause) {
            error.value = cause;
          }
        } while (reloadAgain);
      } finally {
        reloading = null;
      }
    };
    reloading = run();
    return reloading;
  }

  /**
   * Reloads when a `data:changed` event names a table the page shows (the page listens while it is shown, and also
   * reloads when a job ends). Never rejects, as `reload`.
   */
  function reloadIfChanged(tables: readonly string[]): Promise<void> {
    return tables.some((table) => WATCHED_TABLES.has(table)) ? reload() : Promise.resolve();
  }

  function resetPaging(): void {
    page.value = 0;
    lastExport.value = null;
  }

  /** Shows the rejected lines of one batch, every reason, from the first page. Rejects with the `ApiError`. */
  async function showBatch(id: number): Promise<void> {
    batchId.value = id;
    reason.value = null;
    resetPaging();
    await Promise.all([loadRejected(), loadReasons()]);
  }

  /** Shows the rejected lines of every file again, keeping the reason. Rejects with the `ApiError`. */
  async function clearBatch(): Promise<void> {
    batchId.value = null;
    resetPaging();
    await Promise.all([loadRejected(), loadReasons()]);
  }

  /** Filters on one reason (null: every reason), from the first page. Rejects with the `ApiError`. */
  async function setReason(value: string | null): Promise<void> {
    reason.value = value;
    resetPaging();
    await loadRejected();
  }

  /** Shows another page of the quarantine (from 0). Rejects with the `ApiError`. */
  async function setPage(value: number): Promise<void> {
    page.value = Math.min(Math.max(0, value), pageCount.value - 1);
    await loadRejected();
  }

  /** Writes the lines of the current filter to a CSV file; its path and size land in `lastExport`. */
  async function exportRejected(): Promise<void> {
    lastExport.value = null;
    lastExport.value = await useApi().invoke('extracts:rejected-export', currentFilter());
  }

  /** Starts one import job per file (they run one after the other) and follows them. Rejects with the `ApiError`. */
  async function importFiles(paths: string[]): Promise<void> {
    const { jobIds } = await useApi().invoke('extracts:import', { paths });
    importBatches.value.push(jobIds);
    jobIds.forEach((id, index) => {
      const path = paths[index];
      if (path !== undefined) jobFiles.value[id] = path;
      jobs.track(id, 'extract.import');
    });
  }

  /**
   * Opens the system's file picker (desktop app only), then imports the chosen files. Answers how many files
   * were chosen, 0 when the picker was cancelled. Rejects with the `ApiError`.
   */
  async function pickAndImport(): Promise<number> {
    const { paths } = await useApi().invoke('extracts:pick-files', {});
    if (paths.length > 0) await importFiles(paths);
    return paths.length;
  }

  return {
    log,
    coverage,
    reasons,
    rejected,
    batchId,
    reason,
    page,
    lastExport,
    error,
    pageCount,
    filterBatch,
    importJobs,
    jobFile,
    load,
    reload,
    reloadIfChanged,
    showBatch,
    clearBatch,
    setReason,
    setPage,
    exportRejected,
    importFiles,
    pickAndImport,
  };
});
