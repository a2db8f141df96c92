import { createTestingPinia } from '@pinia/testing';
import { flushPromises } from '@vue/test-utils';
import { setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import type { Channel } from '@shared/ipc/channels';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, fakeCoverage, fakeSyncLog, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { setApi } from '@renderer/api/instance';
import { useJobsStore } from './jobs-store';
import { REJECTED_PAGE_SIZE, useSyncStore } from './sync-store';

function setup(overrides: Partial<FakeHandlers> = {}): { api: FakeApi; sync: ReturnType<typeof useSyncStore> } {
  const api = createFakeApi(overrides);
  setApi(api);
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
  return { api, sync: useSyncStore() };
}

function callsTo(api: FakeApi, channel: Channel): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

describe('useSyncStore', () => {
  it('loads the sync log, the coverage, the reasons and the first page of rejected lines', async () => {
    const { api, sync } = setup();
    await sync.load();
    expect(sync.log).toEqual(fakeSyncLog());
    expect(sync.coverage).toEqual(fakeCoverage());
    expect(sync.reasons[0]).toEqual({ reason: 'classe de preuve inconnue', count: 64 });
    expect(sync.reasons.reduce((sum, { count }) => sum + count, 0)).toBe(157);
    expect(sync.rejected?.total).toBe(157);
    expect(sync.rejected?.rows).toHaveLength(REJECTED_PAGE_SIZE);
    expect(sync.pageCount).toBe(4);
    expect(callsTo(api, 'extracts:sync-log')).toEqual([{ limit: 50 }]);
    expect(callsTo(api, 'extracts:rejected')).toEqual([{ offset: 0, limit: 50 }]);
    expect(callsTo(api, 'extracts:rejected-reasons')).toEqual([{}]);
  });

  it('reloads everything when imported data it shows changes, not for other tables', async () => {
    const { api, sync } = setup();
    await sync.reloadIfChanged(['trips', 'import_batches']);
    expect(callsTo(api, 'extracts:sync-log')).toHaveLength(1);
    expect(callsTo(api, 'extracts:coverage')).toHaveLength(1);
    expect(callsTo(api, 'extracts:rejected')).toHaveLength(1);

    await sync.reloadIfChanged(['settings']);
    await flushPromises();
    expect(callsTo(api, 'extracts:sync-log')).toHaveLength(1);
  });

  it('runs one more reload, not two at once, for a job end followed by its data:changed', async () => {
    const { api, sync } = setup();
    void sync.reload();
    void sync.reloadIfChanged(['trips']);
    void sync.reloadIfChanged(['rejected_rows']);
    await sync.reload();
    expect(callsTo(api, 'extracts:coverage')).toHaveLength(2);
  });

  it('keeps a failed reload in `error` and clears it once a reload succeeds', async () => {
    let fail = true;
    const { sync } = setup({
      'extracts:coverage': () => {
        if (fail) throw new ApiError('internal', 'Base de données verrouillée');
        return fakeCoverage();
      },
    });
    await sync.reload();
    expect((sync.error as ApiError).message).toBe('Base de données verrouillée');
    expect(sync.log).toHaveLength(3);
    fail = false;
    await sync.reload();
    expect(sync.error).toBeNull();
    expect(sync.coverage?.journeys).toBe(59_940);
  });

  it('reloads the first page of rejected lines when the reason or the batch filter changes', async () => {
    const { api, sync } = setup();
    await sync.load();
    await sync.setPage(2);
    expect(callsTo(api, 'extracts:rejected').at(-1)).toEqual({ offset: 100, limit: 50 });
    expect(sync.rejected?.rows).toHaveLength(50);

    await sync.setReason('ligne incomplète');
    expect(sync.page).toBe(0);
    expect(callsTo(api, 'extracts:rejected').at(-1)).toEqual({ reason: 'ligne incomplète', offset: 0, limit: 50 });
    expect(sync.rejected?.rows.every((row) => row.reason === 'ligne incomplète')).toBe(true);

    await sync.showBatch(2);
    expect(sync.reason).toBeNull();
    expect(callsTo(api, 'extracts:rejected').at(-1)).toEqual({ batchId: 2, offset: 0, limit: 50 });
    expect(callsTo(api, 'extracts:rejected-reasons').at(-1)).toEqual({ batchId: 2 });
    expect(sync.rejected?.total).toBe(14);
    expect(sync.filterBatch?.fileName).toBe('operateurs-2026-09.zip');

    await sync.setReason('distance hors bornes');
    await sync.clearBatch();
    expect(sync.batchId).toBeNull();
    expect(callsTo(api, 'extracts:rejected').at(-1)).toEqual({ reason: 'distance hors bornes', offset: 0, limit: 50 });
    expect(callsTo(api, 'extracts:rejected-reasons').at(-1)).toEqual({});
  });

  it('keeps the answer of the latest filter when answers cross', async () => {
    let releaseSlow: () => void = () => undefined;
    const fake = createFakeApi();
    const { sync } = setup({
      'extracts:rejected': async (req) => {
        if (req.reason === 'ligne incomplète') await new Promise<void>((resolve) => (releaseSlow = resolve));
        return fake.invoke('extracts:rejected', req);
      },
    });
    const slow = sync.setReason('ligne incomplète');
    await sync.setReason('distance hors bornes');
    releaseSlow();
    await slow;
    expect(sync.reason).toBe('distance hors bornes');
    expect(sync.rejected?.rows.every((row) => row.reason === 'distance hors bornes')).toBe(true);
  });

  it('exports the rejected lines of the current filter, and forgets the export when the filter changes', async () => {
    const { api, sync } = setup();
    await sync.showBatch(3);
    await sync.exportRejected();
    expect(callsTo(api, 'extracts:rejected-export')).toEqual([{ batchId: 3 }]);
    expect(sync.lastExport).toEqual({ path: '/donnees/atelier/exports/lignes-rejetees-2026-11-28T17-00-00.csv', rows: 143 });
    await sync.setReason('ligne incomplète');
    expect(sync.lastExport).toBeNull();
  });

  it('starts one import job per file and follows them in file order, each with its file', async () => {
    const { api, sync } = setup();
    await sync.importFiles(['/extraits/a.csv', '/extraits/b.zip']);
    expect(callsTo(api, 'extracts:import')).toEqual([{ paths: ['/extraits/a.csv', '/extraits/b.zip'] }]);
    expect(sync.importJobs.map((job) => [job.id, job.status, sync.jobFile(job)])).toEqual([
      ['job-1', 'running', '/extraits/a.csv'],
      ['job-2', 'running', '/extraits/b.zip'],
    ]);
  });

  it('keeps the jobs of one import in file order even when the events of a later file came first', async () => {
    const { api, sync } = setup();
    const jobs = useJobsStore();
    await jobs.start();
    await sync.importFiles(['/extraits/a.csv']);
    // Events may come before the answer of extracts:import: the jobs of the 2nd and 3rd files are followed first.
    for (const jobId of ['job-3', 'job-4']) {
      api.emit('job:progress', { jobId, kind: 'extract.import', step: 'queued', current: 0, total: 0, rowsPerSecond: 0, etaSeconds: null });
    }
    await sync.importFiles(['/extraits/b.csv', '/extraits/c.csv', '/extraits/d.csv']);
    expect(sync.importJobs.map((job) => sync.jobFile(job))).toEqual([
      '/extraits/b.csv',
      '/extraits/c.csv',
      '/extraits/d.csv',
      '/extraits/a.csv',
    ]);
  });

  it('names the file of an import job started elsewhere from the jobs history', async () => {
    const { api, sync } = setup();
    await api.invoke('extracts:import', { paths: ['/partage/extraits/nouveau.csv'] });
    const jobs = useJobsStore();
    await jobs.start();
    const [job] = sync.importJobs;
    expect(job && sync.jobFile(job)).toBe('/partage/extraits/nouveau.csv');
  });

  it('imports what the file picker answers, and nothing when it was cancelled', async () => {
    let paths = ['/extraits/c.csv.gz'];
    const { api, sync } = setup({ 'extracts:pick-files': () => ({ paths }) });
    expect(await sync.pickAndImport()).toBe(1);
    expect(api.calls.map((call) => call.channel).filter((channel) => channel.startsWith('extracts:'))).toEqual([
      'extracts:pick-files',
      'extracts:import',
    ]);
    paths = [];
    expect(await sync.pickAndImport()).toBe(0);
    expect(callsTo(api, 'extracts:import')).toHaveLength(1);
  });

  it('rejects with the forbidden ApiError when the file picker is asked for in browser mode', async () => {
    const { sync } = setup();
    await expect(sync.pickAndImport()).rejects.toMatchObject({ code: 'forbidden' });
  });
});
