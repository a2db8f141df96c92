import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../shared/ipc/channels';
import { events as eventSchemas, type EventPayload } from '../../shared/ipc/contract';
import type { JobProgress } from '../../shared/types/jobs';
import { JobsRepository } from '../db/repositories/jobs-repository';
import type { EventBus } from '../events/event-bus';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import type { AppServices } from '../services/app-services';
import { TEST_STORE_ENGINE } from '../testing/pg-test-database';
import { TEST_PSEUDONYM_KEY, TempStore } from '../testing/temp-store';
import type { WorkerTaskName } from '../workers/task-registry';
import type { JobDefinition } from './job-definition';

/** Fixed "now": the demo then covers 2026-08-01 → 2026-10-31. */
const NOW = new Date('2026-11-28T10:00:00Z');

interface Recorded {
  event: EventName;
  payload: unknown;
}

let store: TempStore;
let services: AppServices;

/** Every event the bus emits from now on, in order, each checked against its contract schema. */
function recordEvents(bus: EventBus): Recorded[] {
  const recorded: Recorded[] = [];
  bus.subscribe((event, payload) => {
    eventSchemas[event].parse(payload);
    recorded.push({ event, payload });
  });
  return recorded;
}

function payloadsOf<E extends EventName>(recorded: Recorded[], event: E): Array<EventPayload<E>> {
  return recorded.filter((r) => r.event === event).map((r) => r.payload as EventPayload<E>);
}

/** Resolves with the first progress event that satisfies `predicate` (subscribe before starting the job). */
function progressWhere(bus: EventBus, predicate: (progress: JobProgress) => boolean): Promise<JobProgress> {
  return new Promise((resolve) => {
    const unsubscribe = bus.subscribe((event, payload) => {
      if (event === 'job:progress' && predicate(payload as JobProgress)) {
        unsubscribe();
        resolve(payload as JobProgress);
      }
    });
  });
}

function count(table: string, where: Record<string, unknown> = {}): Promise<number> {
  return store.count(table, where);
}

interface BatchRow {
  id: number;
  job_id: string | null;
  status: string;
  rows_read: number;
  rows_inserted: number;
  rows_unchanged: number;
  period_from: string | null;
  period_to: string | null;
  ended_at: string | null;
}

async function batches(): Promise<BatchRow[]> {
  return store.sql()('import_batches').orderBy('id');
}

beforeEach(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
});

afterEach(async () => {
  await store.cleanup();
});

describe('JobRunner — demo load through the worker', () => {
  it('loads the journeys with progress, commits the batch, audits it and announces the change', async () => {
    const recorded = recordEvents(services.bus);
    const jobId = await services.demo.start({ trips: 3_000, seed: 7 });
    const done = await services.runner.wait(jobId);

    expect(done).toMatchObject({ jobId, kind: 'demo.load', status: 'done', error: null });

    const progress = payloadsOf(recorded, 'job:progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const p of progress) expect(p).toMatchObject({ jobId, kind: 'demo.load', total: 3_000 });
    const currents = progress.map((p) => p.current);
    expect(currents).toEqual([...currents].sort((a, b) => a - b));
    expect(currents.at(-1)).toBe(3_000);
    expect(progress.some((p) => p.rowsPerSecond > 0)).toBe(true);
    expect(progress.at(-1)?.step).toBe('finalize');

    // Progress first, then the end, then the refresh notice.
    const order = recorded.map((r) => r.event);
    expect(order.lastIndexOf('job:progress')).toBeLessThan(order.indexOf('job:done'));
    expect(order.slice(order.indexOf('job:done'))).toEqual(['job:done', 'data:changed']);
    expect(payloadsOf(recorded, 'data:changed')[0]?.tables).toContain('trips');

    expect(await count('trips')).toBe(3_000);
    expect(await count('operators')).toBe(4);
    const [batch] = await batches();
    expect(batch).toMatchObject({
      job_id: jobId,
      status: 'committed',
      rows_read: 3_000,
      rows_inserted: 3_000,
      rows_unchanged: 0,
      period_from: '2026-08-01',
      period_to: '2026-10-31',
      ended_at: NOW.toISOString(),
    });
    const span = (await store.sql()('trips').min({ first: 'start_local' }).max({ last: 'start_local' }).first()) as { first: string; last: string };
    expect(span.first >= '2026-08-01').toBe(true);
    expect(span.last < '2026-11-01').toBe(true);

    const audit: Array<{ action: string; actor: string; entity: string; entity_id: string; after_json: string }> = await store.sql()('audit_log');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'demo.load', actor: 'testeur', entity: 'import_batches', entity_id: String(batch?.id) });
    expect(JSON.parse(audit[0]?.after_json ?? 'null')).toMatchObject({ rowsInserted: 3_000 });
    expect(await services.audit.verify()).toMatchObject({ entries: 1, intact: true, firstBrokenId: null });

    const dispatch = createDispatcher(createHandlers(services, 'electron'), { checkResponses: true });
    const listed = await dispatch('jobs:list', {});
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const jobs = listed.data as Array<Record<string, unknown>>;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      id: jobId,
      kind: 'demo.load',
      status: 'done',
      params: { journeys: 3_000, seed: 7 },
      error: null,
      endedAt: NOW.toISOString(),
      current: 3_000,
      total: 3_000,
      summary: { batchId: batch?.id, rowsRead: 3_000, rowsInserted: 3_000, rowsUnchanged: 0 },
    });
  });

  it('inserts nothing when the same seed is loaded again', async () => {
    const first = await services.runner.wait(await services.demo.start({ trips: 3_000, seed: 7 }));
    expect(first?.status).toBe('done');
    const second = await services.runner.wait(await services.demo.start({ trips: 3_000, seed: 7 }));

    expect(second).toMatchObject({ status: 'done', summary: { rowsRead: 3_000, rowsInserted: 0, rowsUnchanged: 3_000 } });
    expect(await count('trips')).toBe(3_000);
    expect((await batches()).map((b) => [b.status, b.rows_inserted, b.rows_unchanged])).toEqual([
      ['committed', 3_000, 0],
      ['committed', 0, 3_000],
    ]);
    expect(await services.audit.verify()).toMatchObject({ entries: 2, intact: true, firstBrokenId: null });
  });

  it('takes the number of journeys from the demo.defaultTrips setting when none is given', async () => {
    await services.settings.set('demo.defaultTrips', 150);
    const done = await services.runner.wait(await services.demo.start({}));
    expect(done?.summary).toMatchObject({ rowsInserted: 150 });
    expect(await count('trips')).toBe(150);
  });
});

describe('JobRunner — every step finishes', () => {
  /** The last progress event of each step of a job, by step name. */
  function lastOfEachStep(progress: JobProgress[]): Map<string, JobProgress> {
    return new Map(progress.map((p) => [p.step, p]));
  }

  it('counts a demo load up to its injected journeys, and each step of the scan that follows in its own unit, to 100 %', async () => {
    const recorded = recordEvents(services.bus);
    // 10,000 journeys and up: suspicious patterns are injected beyond the journeys asked for.
    const load = await services.runner.wait(await services.demo.start({ trips: 10_000, seed: 7 }));
    const scan = await services.runner.wait(await services.checks.scan({}));
    expect(load?.status).toBe('done');
    expect(scan?.status).toBe('done');

    const inserted = (load?.summary as { rowsInserted: number }).rowsInserted;
    expect(inserted).toBeGreaterThan(10_000);
    const progress = payloadsOf(recorded, 'job:progress');
    const write = lastOfEachStep(progress.filter((p) => p.jobId === load?.jobId)).get('write');
    expect(write).toMatchObject({ current: inserted, total: inserted });

    const scanSteps = lastOfEachStep(progress.filter((p) => p.jobId === scan?.jobId));
    expect([...scanSteps.keys()]).toEqual(expect.arrayContaining(['read', 'scan', 'store', 'finalize']));
    for (const step of ['scan', 'store']) {
      const last = scanSteps.get(step);
      expect(last?.total, step).toBeGreaterThan(0);
      expect(last?.current, step).toBe(last?.total);
    }
    // A rate measured over another step's figures would be negative (refused by the contract) or meaningless.
    for (const p of progress) expect(p.rowsPerSecond).toBeGreaterThanOrEqual(0);
  });
});

describe('JobRunner — progress in the job history', () => {
  it('saves a step whose save met a store held by another writer once the store is free, without another report', async () => {
    let holdLock: () => void = () => undefined;
    const lockReleased = new Promise<void>((resolve) => (holdLock = resolve));
    let lockTaken: () => void = () => undefined;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    let endCommit: () => void = () => undefined;
    const commitEnds = new Promise<void>((resolve) => (endCommit = resolve));
    let held: Promise<void> = Promise.resolve();
    const definition: JobDefinition<WorkerTaskName, { journeys: number }, null, Record<string, never>> = {
      kind: 'demo.load',
      task: 'demo.generate',
      tables: [],
      async prepare(params) {
        return {
          context: null,
          workerParams: { seed: 3, journeys: params.journeys, patterns: 0, firstDay: '2026-08-01', days: 92, operatorIds: {}, pseudonymKey: TEST_PSEUDONYM_KEY },
          total: params.journeys,
        };
      },
      // The last batch: another connection (a worker's, say) takes the store's write lock and keeps it.
      async writeBatch() {
        held = store.sql().transaction(async (trx) => {
          await trx('settings').insert({ key: 'test.lock', value_json: '1', updated_at: NOW.toISOString() });
          lockTaken();
          await lockReleased;
        });
        await Promise.race([taken, held]);
      },
      async commit() {
        await commitEnds;
        return {};
      },
      async rollback() {},
    };
    const finalizing = progressWhere(services.bus, (p) => p.step === 'finalize');
    const jobId = await services.runner.start(definition, { journeys: 1_000 });
    await finalizing;
    // The save of « finalize » meets the lock (it is skipped on SQLite, where it would otherwise hold every read of
    // the main connection), then the lock goes while the job is silent in its commit.
    await new Promise((resolve) => setTimeout(resolve, 500));
    holdLock();
    await held;
    const step = async (): Promise<string | null> => ((await store.sql()('jobs').where({ id: jobId }).first('step')) as { step: string | null }).step;
    await vi.waitFor(async () => expect(await step()).toBe('finalize'), { timeout: 10_000, interval: 100 });
    endCommit();
    expect((await services.runner.wait(jobId))?.status).toBe('done');
  });
});

describe('JobRunner — cancel', () => {
  it('stops a large load mid-way and undoes every row already written', async () => {
    const recorded = recordEvents(services.bus);
    const moving = progressWhere(services.bus, (p) => p.current > 0);
    const jobId = await services.demo.start({ trips: 300_000 });
    const seen = await moving;
    expect(seen.jobId).toBe(jobId);

    await services.jobs.cancel(jobId);

    expect(await services.runner.wait(jobId)).toBeNull();
    expect(await services.jobs.list()).toMatchObject([{ id: jobId, status: 'cancelled', summary: null, error: null, endedAt: NOW.toISOString() }]);
    expect(await count('trips')).toBe(0);
    expect(await batches()).toMatchObject([{ job_id: jobId, status: 'cancelled', rows_inserted: 0, ended_at: NOW.toISOString() }]);
    expect(await count('audit_log')).toBe(0);

    expect(payloadsOf(recorded, 'job:done')).toEqual([{ jobId, kind: 'demo.load', status: 'cancelled', summary: null, error: null }]);
    expect(payloadsOf(recorded, 'data:changed')).toEqual([]);
    expect(Math.max(...payloadsOf(recorded, 'job:progress').map((p) => p.current))).toBeLessThan(300_000);
  });

  it('cancels a job asked to stop right after it started, before its worker produced anything', async () => {
    const jobId = await services.demo.start({ trips: 300_000 });
    await services.jobs.cancel(jobId);

    expect((await services.jobs.list())[0]).toMatchObject({ id: jobId, status: 'cancelled' });
    expect(await count('trips')).toBe(0);
    // Stopped before its batch opened (the check for another process's import comes first): no batch at all.
    expect(await batches()).toEqual([]);
  });

  it('is a no-op for a job that already ended or does not exist', async () => {
    const jobId = await services.demo.start({ trips: 200 });
    await services.runner.wait(jobId);
    await services.jobs.cancel(jobId);
    await services.jobs.cancel('inconnu');
    expect((await services.jobs.list())[0]).toMatchObject({ id: jobId, status: 'done' });
    expect(await count('trips')).toBe(200);
  });
});

describe('JobRunner — failure', () => {
  interface Context {
    writes: number;
  }

  /** A job on the real demo worker whose writes, commit and rollback are spies. */
  function failingDefinition(options: { task?: WorkerTaskName; failOnWrite?: number; prepareError?: Error } = {}) {
    const rollback = vi.fn(async (_context: Context, _reason: 'cancelled' | 'failed', _error: string | null) => undefined);
    const commit = vi.fn(async () => ({}));
    const writeBatch = vi.fn(async (context: Context) => {
      context.writes += 1;
      if (context.writes === options.failOnWrite) throw new Error('disque plein (simulé)');
    });
    const definition: JobDefinition<WorkerTaskName, { journeys: number }, Context, Record<string, never>> = {
      kind: 'demo.load',
      task: options.task ?? 'demo.generate',
      tables: ['trips'],
      async prepare(params) {
        if (options.prepareError) throw options.prepareError;
        return {
          context: { writes: 0 },
          workerParams: { seed: 3, journeys: params.journeys, patterns: 0, firstDay: '2026-08-01', days: 92, operatorIds: {}, pseudonymKey: TEST_PSEUDONYM_KEY },
          total: params.journeys,
        };
      },
      writeBatch,
      commit,
      rollback,
    };
    return { definition, rollback, commit, writeBatch };
  }

  it('marks the job failed, keeps the error and rolls back when a write fails', async () => {
    const recorded = recordEvents(services.bus);
    const { definition, rollback, commit, writeBatch } = failingDefinition({ failOnWrite: 2 });
    // 12,000 journeys = 3 batches of 5,000: the 2nd write fails, the 3rd is never written.
    const jobId = await services.runner.start(definition, { journeys: 12_000 });
    const done = await services.runner.wait(jobId);

    expect(done).toMatchObject({ jobId, status: 'failed', summary: null });
    expect(done?.error).toContain('disque plein (simulé)');
    expect(writeBatch).toHaveBeenCalledTimes(2);
    expect(commit).not.toHaveBeenCalled();
    expect(rollback).toHaveBeenCalledTimes(1);
    expect(rollback).toHaveBeenCalledWith({ writes: 2 }, 'failed', expect.stringContaining('disque plein (simulé)'));

    const [job] = await services.jobs.list();
    expect(job).toMatchObject({ id: jobId, status: 'failed', summary: null, endedAt: NOW.toISOString() });
    expect(job?.error).toContain('disque plein (simulé)');
    expect(payloadsOf(recorded, 'job:done')).toMatchObject([{ jobId, status: 'failed' }]);
    expect(payloadsOf(recorded, 'data:changed')).toEqual([]);
  });

  it('fails with the worker’s message when the worker task fails', async () => {
    const { definition, rollback, commit } = failingDefinition({ task: 'tâche.inexistante' as WorkerTaskName });
    const done = await services.runner.wait(await services.runner.start(definition, { journeys: 1_000 }));

    expect(done?.status).toBe('failed');
    expect(done?.error).toContain('Tâche inconnue');
    expect(commit).not.toHaveBeenCalled();
    expect(rollback).toHaveBeenCalledWith({ writes: 0 }, 'failed', expect.stringContaining('Tâche inconnue'));
  });

  it('fails without rollback when preparing the job fails (nothing was written)', async () => {
    const { definition, rollback } = failingDefinition({ prepareError: new Error('Fichier illisible') });
    const done = await services.runner.wait(await services.runner.start(definition, { journeys: 1_000 }));

    expect(done).toMatchObject({ status: 'failed', error: 'Fichier illisible' });
    expect(rollback).not.toHaveBeenCalled();
  });

  it('reports a failed rollback in the job error', async () => {
    const { definition, rollback } = failingDefinition({ failOnWrite: 1 });
    rollback.mockRejectedValueOnce(new Error('base verrouillée'));
    const done = await services.runner.wait(await services.runner.start(definition, { journeys: 1_000 }));

    expect(done?.status).toBe('failed');
    expect(done?.error).toContain('disque plein (simulé)');
    expect(done?.error).toContain('annulation des écritures impossible');
    expect(done?.error).toContain('base verrouillée');
  });
});

describe('JobRunner — recovery at startup', () => {
  /** Leaves a job "running" for `pid` with an import batch of `trips` rows, as a crashed process would. */
  async function leaveRunningJob(id: string, pid: number, trips: number): Promise<number> {
    await store.sql()('jobs').insert({
      id,
      kind: 'demo.load',
      status: 'running',
      params_json: '{"journeys":1000,"seed":1}',
      started_at: '2026-11-28T09:00:00Z',
      current: trips,
      total: 1_000,
      step: 'write',
      owner_pid: pid,
    });
    const [{ id: batchId }] = (await store.sql()('import_batches')
      .insert({ job_id: id, source: 'démonstration (graine 1)', format: 'demo', status: 'running', started_at: '2026-11-28T09:00:00Z' })
      .returning('id')) as [{ id: number }];
    for (let n = 1; n <= trips; n += 1) {
      await store.sql()('trips').insert({
        natural_key: `j:${id}-${n}`,
        start_at: '2026-10-05T06:10:00Z',
        start_local: '2026-10-05 08:10:00',
        batch_id: batchId,
      });
    }
    return Number(batchId);
  }

  it('marks a dead process’s job interrupted and discards its batch, but leaves a live process’s job alone', async () => {
    const deadBatch = await leaveRunningJob('job-mort', 2_147_483_646, 3);
    const liveBatch = await leaveRunningJob('job-vivant', process.pid, 2);
    // The live job's process holds its presence, as a job runner does (what tells a shared store's other processes).
    const releaseLive = await new JobsRepository(store.sql()).holdPresence('job-vivant');
    await services.close();

    services = await store.open({ now: () => NOW });
    await releaseLive();

    const jobs = await services.jobs.list();
    expect(jobs.find((job) => job.id === 'job-mort')).toMatchObject({ status: 'interrupted', endedAt: NOW.toISOString() });
    expect(jobs.find((job) => job.id === 'job-mort')?.error).toContain('Interrompu');
    expect(jobs.find((job) => job.id === 'job-vivant')).toMatchObject({ status: 'running', endedAt: null, error: null });

    const byId = new Map((await batches()).map((b) => [b.id, b]));
    expect(byId.get(deadBatch)).toMatchObject({ status: 'failed', ended_at: NOW.toISOString() });
    expect(byId.get(liveBatch)).toMatchObject({ status: 'running', ended_at: null });
    expect(await count('trips', { batch_id: deadBatch })).toBe(0);
    expect(await count('trips', { batch_id: liveBatch })).toBe(2);
  });

  it.skipIf(TEST_STORE_ENGINE !== 'postgres')(
    'on a shared store, leaves alone the job of another computer (a process id unknown here) while its presence is held',
    async () => {
      const otherBatch = await leaveRunningJob('job-autre-poste', 2_147_483_645, 2);
      const releaseOther = await new JobsRepository(store.sql()).holdPresence('job-autre-poste');
      await services.close();

      services = await store.open({ now: () => NOW });
      await releaseOther();
      expect((await services.jobs.list()).find((job) => job.id === 'job-autre-poste')).toMatchObject({ status: 'running' });
      expect(await count('trips', { batch_id: otherBatch })).toBe(2);
    },
  );

  it('discards a running batch that no job row accounts for', async () => {
    const [{ id: batchId }] = (await store.sql()('import_batches')
      .insert({ job_id: null, source: 'x', format: 'demo', status: 'running', started_at: '2026-11-28T09:00:00Z' })
      .returning('id')) as [{ id: number }];
    await store.sql()('trips').insert({ natural_key: 'j:1', start_at: '2026-10-05T06:10:00Z', start_local: '2026-10-05 08:10:00', batch_id: batchId });
    await services.close();

    services = await store.open({ now: () => NOW });
    expect(await batches()).toMatchObject([{ id: Number(batchId), status: 'failed' }]);
    expect(await count('trips')).toBe(0);
  });
});
