import { aomRead } from './tasks/aom-read';
import { attestationBatch } from './tasks/attestation-batch';
import { campaignExplain } from './tasks/campaign-explain';
import { campaignSimulate } from './tasks/campaign-simulate';
import { campaignWarm } from './tasks/campaign-warm';
import { checksScan } from './tasks/checks-scan';
import { contoursImport } from './tasks/contours-import';
import { declarationImport } from './tasks/declaration-import';
import { demoGenerate } from './tasks/demo-generate';
import { exportApdf } from './tasks/export-apdf';
import { exportCases } from './tasks/export-cases';
import { exportStats } from './tasks/export-stats';
import { exportTrips } from './tasks/export-trips';
import { extractImport } from './tasks/extract-import';
import { mapSimulationOverlay } from './tasks/map-simulation-overlay';
import { observatoryPublish } from './tasks/observatory-publish';
import { statsRefresh } from './tasks/stats-refresh';
import { storePseudonymise } from './tasks/store-pseudonymise';
import { territoryReport } from './tasks/territory-report';
import type { TaskContext } from './tasks/task-context';

/**
 * Every task a job worker runs, by name: the one place a task is declared. Its parameter, batch-row and summary
 * types are read off its function (`TaskParams`, `TaskRow`, `TaskSummary`), so the worker dispatches, and job
 * definitions and their callers read results, without casts. Parameters, rows and summaries cross threads by
 * structured clone: plain data only, and summaries are records (they land in the job history as JSON).
 */
const TASKS = {
  'demo.generate': demoGenerate,
  'extract.import': extractImport,
  'aom.read': aomRead,
  'stats.refresh': statsRefresh,
  'export.stats': exportStats,
  'export.trips': exportTrips,
  'export.apdf': exportApdf,
  'export.cases': exportCases,
  'campaign.simulate': campaignSimulate,
  'campaign.explain': campaignExplain,
  'campaign.warm': campaignWarm,
  'checks.scan': checksScan,
  'store.pseudonymise': storePseudonymise,
  'contours.import': contoursImport,
  'map.simulation-overlay': mapSimulationOverlay,
  'attestation.batch': attestationBatch,
  'declaration.import': declarationImport,
  'observatory.publish': observatoryPublish,
  'territory.report': territoryReport,
} satisfies Record<string, (params: never, context: TaskContext<never>) => Promise<Record<string, unknown>>>;

type TaskFunctions = typeof TASKS;

/** Name of a worker task. */
export type WorkerTaskName = keyof TaskFunctions;

/** What a task is started with (the job definition's `workerParams`). */
export type TaskParams<Task extends WorkerTaskName> = Parameters<TaskFunctions[Task]>[0];

/** What a task's batches hold (the job definition's `writeBatch` rows); `never` for tasks that hand no rows. */
export type TaskRow<Task extends WorkerTaskName> = Parameters<TaskFunctions[Task]>[1] extends TaskContext<infer Row> ? Row : never;

/** What a task answers when it ends (given to the job definition's `commit`). */
export type TaskSummary<Task extends WorkerTaskName> = Awaited<ReturnType<TaskFunctions[Task]>>;

/** A task's function seen through its name's types. */
type TaskRun<Task extends WorkerTaskName> = (params: TaskParams<Task>, context: TaskContext<TaskRow<Task>>) => Promise<TaskSummary<Task>>;

/** The same map, typed per name so that indexing it with a generic name keeps the name's types. */
const REGISTRY: { [Task in WorkerTaskName]: TaskRun<Task> } = TASKS;

/** Whether a name (read from `workerData`, so unchecked) is a worker task's. */
export function isWorkerTaskName(name: string): name is WorkerTaskName {
  return Object.hasOwn(REGISTRY, name);
}

/** Runs one task in the current (worker) thread. */
export function runTask<Task extends WorkerTaskName>(task: Task, params: TaskParams<Task>, context: TaskContext<TaskRow<Task>>): Promise<TaskSummary<Task>> {
  return REGISTRY[task](params, context);
}
