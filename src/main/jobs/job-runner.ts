import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JobDone, JobKind } from '../../shared/types/jobs';
import { privilegeRefusal } from '../db/pg-errors';
import type { JobsRepository } from '../db/repositories/jobs-repository';
import type { EventBus } from '../events/event-bus';
import type { RunnerMessage, WorkerMessage, WorkerStart } from '../workers/protocol';
import type { TaskSummary, WorkerTaskName } from '../workers/task-registry';
import type { WorkerLocation } from '../workers/worker-location';
import type { JobDefinition, JobEnding, JobId, JobOutcome, JobSummary } from './job-definition';
import { ProgressMeter } from './progress-meter';
import { isProcessAlive } from '../platform/process-alive';
import { WORKER_YOUNG_GENERATION_MB, workerHeapLimitMb, workerOutOfMemory } from '../platform/worker-heap';

export interface JobRunnerDeps {
  jobs: JobsRepository;
  bus: EventBus;
  worker: WorkerLocation;
  /** Current instant; injected so tests control time. */
  now?: () => Date;
}

class JobCancelled extends Error {}

/** How long a worker gets to stop by itself (close its connection cleanly) before it is terminated. */
const WORKER_STOP_GRACE_MS = 10_000;

/** Heap ceiling of every job worker, in MiB: a share of this machine's memory (platform/worker-heap.ts). */
const heapLimitMb = workerHeapLimitMb();

/**
 * Asks the worker to stop and waits for it to exit: a worker that owns a database connection rolls back its
 * open transaction and closes it first. One that does not answer in time is terminated.
 */
async function stopWorker(worker: Worker): Promise<void> {
  if (worker.threadId === -1) return;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ type: 'cancel' } satisfies RunnerMessage);
  const timer = setTimeout(() => void worker.terminate(), WORKER_STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

interface RunningJob {
  kind: JobKind;
  controller: AbortController;
  finished: Promise<JobOutcome>;
}

/** How often the last progress is written to the job history (the UI gets events far more often). */
const PERSIST_INTERVAL_MS = 1_000;

/**
 * Runs jobs in worker threads: ids, throttled progress with rows/s and ETA, cancel through an AbortController,
 * and history in the `jobs` table. Write-side work (batches, commit, rollback) stays on this thread.
 */
export class JobRunner {
  private readonly running = new Map<string, RunningJob>();
  /** Tail of the one lane every job of this process runs in, one after the other (docs/architecture.md). */
  private storeLane: Promise<void> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly deps: JobRunnerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Marks jobs a dead process left running as interrupted; call once at startup, before any job starts. */
  async recover(): Promise<string[]> {
    return this.deps.jobs.markOrphansInterrupted(this.now().toISOString(), isProcessAlive);
  }

  /**
   * Starts a job and answers its id at once (typed with the job's summary, for `wait`); the work goes on in the
   * background. Every job of this process runs in one lane, one after the other: a job started while another runs
   * waits, reported as step `queued` (docs/architecture.md, « Couloir des traitements »).
   */
  async start<Task extends WorkerTaskName, P extends Record<string, unknown>, C, R extends JobSummary>(
    definition: JobDefinition<Task, P, C, R>,
    // The definition alone fixes the parameters' type (its methods' parameters would otherwise accept any params).
    params: NoInfer<P>,
  ): Promise<JobId<R>> {
    const jobId = randomUUID();
    await this.deps.jobs.insert({ id: jobId, kind: definition.kind, params, startedAt: this.now().toISOString(), ownerPid: process.pid });
    // Other processes of a shared store see the job alive (queued included) until it ends here, or this process dies.
    const releasePresence = await this.deps.jobs.holdPresence(jobId);
    const controller = new AbortController();
    const previous = this.storeLane;
    // A job cancelled while queued ends at once instead of waiting for its turn.
    const cancelledWhileQueued = new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
    const finished = Promise.race([previous, cancelledWhileQueued])
      .then(() => this.run(jobId, definition, params, controller.signal))
      .finally(async () => {
        this.running.delete(jobId);
        await releasePresence();
      });
    this.storeLane = Promise.all([previous, finished]).then(() => undefined, () => undefined);
    if (this.running.size > 0) {
      this.deps.bus.emit('job:progress', { jobId, kind: definition.kind, step: 'queued', current: 0, total: 0, rowsPerSecond: 0, etaSeconds: null });
    }
    this.running.set(jobId, { kind: definition.kind, controller, finished });
    return jobId;
  }

  /** True while a job of this kind runs in this process. */
  isRunning(kind: JobKind): boolean {
    return [...this.running.values()].some((job) => job.kind === kind);
  }

  /** Asks a running job to stop; resolves once its writes are undone. No-op for a job that already ended. */
  async cancel(jobId: string): Promise<void> {
    const job = this.running.get(jobId);
    if (!job) return;
    job.controller.abort();
    await job.finished;
  }

  /**
   * Resolves when the job ends (immediately with null if it is not running in this process), with the summary typed
   * as the id says.
   */
  async wait<R extends JobSummary = JobSummary>(jobId: JobId<R>): Promise<JobOutcome<R> | null> {
    // The id came from `start`, whose definition answers R: the summary's type is taken on trust from the id's.
    const finished = this.running.get(jobId)?.finished as Promise<JobOutcome<R>> | undefined;
    return (await finished) ?? null;
  }

  /** Cancels every running job (application shutdown). */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.cancel(id)));
  }

  private async run<Task extends WorkerTaskName, P extends Record<string, unknown>, C, R extends JobSummary>(
    jobId: string,
    definition: JobDefinition<Task, P, C, R>,
    params: P,
    signal: AbortSignal,
  ): Promise<JobOutcome<R>> {
    let meter = new ProgressMeter();
    const state = { step: 'prepare', current: 0, total: 0, lastPersist: 0, persisting: false, pending: false, ended: false };
    let meterStep = state.step;
    /**
     * Saves the latest figures to the job history, one save at a time (saves never pile up behind a slow store). A save
     * asked for meanwhile, or skipped because a worker held the store's write lock, is made a second later with the
     * figures of then: a job silent for a while (a long write, its commit) still shows its last step.
     */
    const persist = (): void => {
      if (state.persisting) {
        state.pending = true;
        return;
      }
      state.persisting = true;
      state.pending = false;
      state.lastPersist = Date.now();
      this.deps.jobs
        .updateProgress(jobId, state.step, state.current, state.total)
        .then(
          (saved) => (state.pending ||= !saved),
          (error: unknown) => console.error('Enregistrement de la progression impossible', error),
        )
        .finally(() => {
          state.persisting = false;
          if (state.pending && !state.ended) setTimeout(persist, PERSIST_INTERVAL_MS).unref();
        });
    };
    /**
     * Emits the progress, throttled; always the first figures of a step and its last ones (current = total), so that
     * every step is seen to finish at 100 %. Each step counts in its own unit: the rate restarts with the step.
     */
    const report = (force = false): void => {
      const at = Date.now();
      const newStep = state.step !== meterStep;
      if (newStep) {
        meter = new ProgressMeter();
        meterStep = state.step;
      }
      meter.record(at, state.current);
      const stepDone = state.total > 0 && state.current >= state.total;
      if (!meter.shouldEmit(at, force || newStep || stepDone)) return;
      this.deps.bus.emit('job:progress', {
        jobId,
        kind: definition.kind,
        step: state.step,
        current: state.current,
        total: state.total,
        rowsPerSecond: meter.rate(),
        etaSeconds: meter.etaSeconds(state.current, state.total),
      });
      if (force || at - state.lastPersist >= PERSIST_INTERVAL_MS) persist();
    };

    let context: C | undefined;
    let worker: Worker | undefined;
    let writes: Promise<void> = Promise.resolve();
    try {
      if (signal.aborted) throw new JobCancelled();
      const prepared = await definition.prepare(params, jobId, {
        signal,
        waiting: (step) => {
          state.step = step;
          report(true);
        },
      });
      context = prepared.context;
      // A cancel that arrived while preparing fired its abort event before any listener existed.
      if (signal.aborted) throw new JobCancelled();
      state.total = prepared.total;
      state.step = definition.writeBatch ? 'write' : 'start';
      report(true);
      const started = new Worker(this.deps.worker.script, {
        eval: this.deps.worker.eval,
        resourceLimits: { maxOldGenerationSizeMb: heapLimitMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
        workerData: { task: definition.task, params: prepared.workerParams } satisfies WorkerStart<Task>,
      });
      worker = started;
      const preparedContext = prepared.context;
      const workerSummary = await new Promise<TaskSummary<Task>>((resolve, reject) => {
        let workerFinished = false;
        const onAbort = (): void => reject(new JobCancelled());
        signal.addEventListener('abort', onAbort, { once: true });
        started.on('message', (message: WorkerMessage<Task>) => {
          switch (message.type) {
            case 'progress':
              if (!definition.writeBatch) {
                // The worker writes by itself: its own figures are the job's progress.
                state.step = message.step;
                state.current = message.current;
                state.total = message.total;
              } else if (message.total > 0) {
                // The worker knows the real amount (a demo adds its injected journeys to those asked for).
                state.total = message.total;
              }
              report();
              break;
            case 'batch':
              writes = writes.then(async () => {
                if (signal.aborted || !definition.writeBatch) return;
                await definition.writeBatch(preparedContext, message.rows);
                state.current += message.rows.length;
                report();
                started.postMessage({ type: 'ack' } satisfies RunnerMessage);
              });
              // The chain stays rejected after a failed write, so no batch still in flight is written after it.
              writes.catch(reject);
              break;
            case 'done':
              workerFinished = true;
              writes.then(() => resolve(message.summary), reject);
              break;
            case 'error':
              reject(new Error(message.message));
              break;
          }
        });
        started.on('error', (error) => {
          const outOfMemory = workerOutOfMemory(error, heapLimitMb);
          reject(outOfMemory ? new Error(outOfMemory, { cause: error }) : error);
        });
        started.on('exit', (code) => {
          if (!workerFinished) reject(new Error(`Le traitement s’est arrêté de façon inattendue (code ${code}).`));
        });
      });
      state.step = 'finalize';
      report(true);
      const summary = await definition.commit(preparedContext, workerSummary);
      return await this.finish(jobId, definition, { status: 'done', summary, error: null });
    } catch (error) {
      // Whatever stopped a job asked to stop (a wait it left, a worker it terminated) is its cancellation.
      const cancelled = error instanceof JobCancelled || signal.aborted;
      if (worker) await stopWorker(worker);
      // A batch being written when the job stopped must land before it is undone.
      await writes.catch(() => undefined);
      // A shared store's refusal (a role without the right) is said in French; other errors as they are.
      let message = cancelled ? null : (privilegeRefusal(error) ?? (error instanceof Error ? error.message : String(error)));
      if (context !== undefined) {
        try {
          await definition.rollback(context, cancelled ? 'cancelled' : 'failed', message);
        } catch (rollbackError) {
          message = `${message ?? 'Annulé'} ; annulation des écritures impossible : ${String(rollbackError)}`;
        }
      }
      return this.finish<R>(jobId, definition, { status: cancelled ? 'cancelled' : 'failed', summary: null, error: message });
    } finally {
      state.ended = true;
      await worker?.terminate();
    }
  }

  private async finish<R extends JobSummary>(
    jobId: string,
    definition: { kind: JobKind; tables: readonly string[] },
    ending: JobEnding<R>,
  ): Promise<JobOutcome<R>> {
    await this.deps.jobs.finish(jobId, { ...ending, endedAt: this.now().toISOString() });
    const done: JobOutcome<R> = { jobId, kind: definition.kind, ...ending };
    this.deps.bus.emit('job:done', done satisfies JobDone);
    if (done.status === 'done') this.deps.bus.emit('data:changed', { tables: [...definition.tables] });
    return done;
  }
}
