import { createTestingPinia } from '@pinia/testing';
import { setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, fakeJobRecord, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { setApi } from '@renderer/api/instance';
import { useJobsStore } from './jobs-store';

function setup(overrides: Partial<FakeHandlers> = {}): { api: FakeApi; jobs: ReturnType<typeof useJobsStore> } {
  const api = createFakeApi(overrides);
  setApi(api);
  setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
  return { api, jobs: useJobsStore() };
}

const progress = {
  jobId: 'job-7',
  kind: 'demo.load',
  step: 'write',
  current: 4_000,
  total: 20_000,
  rowsPerSecond: 2_500,
  etaSeconds: 6.4,
} as const;

describe('useJobsStore', () => {
  it('subscribes to the job events only once, however many times it is started', async () => {
    const { api, jobs } = setup();
    await jobs.start();
    await jobs.start();
    expect(api.listenerCount('job:progress')).toBe(1);
    expect(api.listenerCount('job:done')).toBe(1);
  });

  it('updates a job from its progress events and follows it', async () => {
    const { api, jobs } = setup();
    await jobs.start();
    api.emit('job:progress', progress);
    expect(jobs.byId['job-7']).toMatchObject({
      status: 'running',
      step: 'write',
      current: 4_000,
      total: 20_000,
      rowsPerSecond: 2_500,
      etaSeconds: 6.4,
    });
    api.emit('job:progress', { ...progress, step: 'finalize', current: 20_000, etaSeconds: 0 });
    expect(jobs.byId['job-7']?.current).toBe(20_000);
    expect(jobs.byId['job-7']?.step).toBe('finalize');
    expect(jobs.followed.map((job) => job.id)).toEqual(['job-7']);
    expect(jobs.running).toHaveLength(1);
  });

  it('ends a job on job:done, counts it and reloads the history', async () => {
    const { api, jobs } = setup();
    await jobs.start();
    api.emit('job:progress', progress);
    const listCalls = api.calls.filter((call) => call.channel === 'jobs:list').length;

    api.emit('job:done', { jobId: 'job-7', kind: 'demo.load', status: 'failed', summary: null, error: 'Disque plein' });
    await vi.waitFor(() => expect(api.calls.filter((call) => call.channel === 'jobs:list')).toHaveLength(listCalls + 1));

    expect(jobs.byId['job-7']).toMatchObject({ status: 'failed', error: 'Disque plein', etaSeconds: null });
    expect(jobs.endedCount).toBe(1);
    expect(jobs.running).toHaveLength(0);
  });

  it('lists a job started from this window in the history while it runs', async () => {
    const { api, jobs } = setup();
    await jobs.start();
    expect(jobs.history).toEqual([]);
    const { jobId } = await api.invoke('demo:start', { trips: 1_000 });
    jobs.track(jobId, 'demo.load');
    expect(jobs.byId[jobId]?.status).toBe('running');
    await vi.waitFor(() => expect(jobs.history.map((record) => record.id)).toEqual([jobId]));
    expect(jobs.followed.map((job) => job.id)).toEqual([jobId]);
  });

  it('ignores a progress event arriving after the end of its job', async () => {
    const { api, jobs } = setup();
    await jobs.start();
    api.emit('job:done', { jobId: 'job-7', kind: 'demo.load', status: 'cancelled', summary: null, error: null });
    api.emit('job:progress', progress);
    expect(jobs.byId['job-7']?.status).toBe('cancelled');
    expect(jobs.byId['job-7']?.current).toBe(0);
  });

  it('rebuilds running jobs from jobs:list, as after a window reload', async () => {
    const { jobs } = setup({
      'jobs:list': () => [
        fakeJobRecord({ id: 'job-2', status: 'running', step: 'write', current: 500, total: 1_000 }),
        fakeJobRecord({ id: 'job-1', status: 'done', endedAt: '2026-11-28T17:01:00.000Z', current: 1_000, total: 1_000 }),
      ],
    });
    await jobs.start();
    expect(jobs.history.map((record) => record.id)).toEqual(['job-2', 'job-1']);
    expect(jobs.followed.map((job) => job.id)).toEqual(['job-2']);
    expect(jobs.byId['job-2']).toMatchObject({ status: 'running', step: 'write', current: 500, total: 1_000 });
    expect(jobs.byId['job-1']?.status).toBe('done');
  });

  it('takes the end of a job from jobs:list when its job:done was missed', async () => {
    let status: 'running' | 'interrupted' = 'running';
    const { jobs } = setup({ 'jobs:list': () => [fakeJobRecord({ id: 'job-3', status })] });
    await jobs.start();
    expect(jobs.byId['job-3']?.status).toBe('running');
    status = 'interrupted';
    await jobs.refresh();
    expect(jobs.byId['job-3']?.status).toBe('interrupted');
  });

  it('keeps the error of a failed start-up refresh for the shell to show', async () => {
    const { jobs } = setup({
      'jobs:list': () => {
        throw new ApiError('internal', 'Base de données indisponible');
      },
    });
    await jobs.start();
    expect(jobs.error).toBeInstanceOf(ApiError);
    expect((jobs.error as ApiError).message).toBe('Base de données indisponible');
  });

  it('asks the main side to cancel a job', async () => {
    const { api, jobs } = setup();
    await jobs.cancel('job-7');
    expect(api.calls).toContainEqual({ channel: 'jobs:cancel', req: { jobId: 'job-7' } });
  });
});
