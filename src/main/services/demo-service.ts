import { UserError } from '../../shared/ipc/result';
import { demoPeriod } from '../domain/demo/demo-period';
import { DEMO_OPERATORS } from '../domain/demo/demo-geography';
import { utcToParisLocal } from '../domain/time/paris-time';
import type { TripsRepository } from '../db/repositories/trips-repository';
import type { JobDefinition, JobId, PrepareRun } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import type { TaskSummary } from '../workers/task-registry';
import type { AuditService } from './audit-service';
import type { SettingsService } from './settings-service';

export interface DemoRequest extends Record<string, unknown> {
  journeys: number;
  seed: number;
  /** Instances of each suspicious pattern injected (labelled) among the journeys. */
  patterns: number;
}

/** What a demo load did: its import batch with an import's counts, and how many suspicious journeys it injected. */
export type DemoLoadSummary = {
  batchId: number;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  /** Journeys of the injected suspicious patterns (labelled for precision and recall). */
  injected: number;
  /** First and last local day (`YYYY-MM-DD`) of the demo period. */
  periodFrom: string;
  periodTo: string;
};

interface DemoContext {
  batchId: number;
  inserted: number;
  periodFrom: string;
  periodTo: string;
}

/**
 * Instances of each suspicious pattern a demo of `journeys` journeys gets (docs/demo-data.md): one per 5,000
 * journeys, at most 10, none under 10,000 so that small demos stay plain.
 */
export function defaultDemoPatterns(journeys: number): number {
  return journeys < 10_000 ? 0 : Math.min(10, Math.ceil(journeys / 5_000));
}

/** Seed used when none is given, so two users loading the demo see the same figures. */
export const DEFAULT_DEMO_SEED = 20_241_001;

/**
 * Loads the synthetic demo dataset into the store as a job: generated in a worker, written by this process in
 * an import batch that is discarded whole if the job is cancelled or fails. Loading it again inserts nothing.
 */
export class DemoService {
  private readonly definition: JobDefinition<'demo.generate', DemoRequest, DemoContext, DemoLoadSummary>;

  constructor(
    private readonly runner: JobRunner,
    private readonly trips: TripsRepository,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {
    this.definition = {
      kind: 'demo.load',
      task: 'demo.generate',
      tables: ['trips', 'operators', 'import_batches', 'audit_log'],
      prepare: (params, jobId, run) => this.prepare(params, jobId, run),
      writeBatch: async (context, journeys) => {
        context.inserted += await this.trips.insertTrips(context.batchId, journeys);
      },
      commit: (context, summary) => this.commit(context, summary),
      rollback: async (context, reason) => {
        await this.trips.discardBatch(context.batchId, reason, this.now().toISOString());
      },
    };
  }

  /**
   * Starts loading `trips` demo journeys (default: the `demo.defaultTrips` setting) next to the data already
   * stored. Answers the job id; refused while another demo load runs.
   */
  async start(request: { trips?: number | undefined; seed?: number | undefined; patterns?: number | undefined }): Promise<JobId<DemoLoadSummary>> {
    if (this.runner.isRunning('demo.load')) throw new UserError('conflict', 'Un chargement de démonstration est déjà en cours.');
    const journeys = request.trips ?? (await this.settings.list())['demo.defaultTrips'];
    return this.runner.start(this.definition, { journeys, seed: request.seed ?? DEFAULT_DEMO_SEED, patterns: request.patterns ?? defaultDemoPatterns(journeys) });
  }

  private async prepare(params: DemoRequest, jobId: string, run: PrepareRun) {
    const pseudonymKey = this.audit.pseudonymKey(await this.trips.userIdsPseudonymised());
    const operatorIds: Record<string, number> = {};
    for (const operator of DEMO_OPERATORS) operatorIds[operator.name] = await this.trips.operatorId(operator.name, operator.uuid);
    const today = utcToParisLocal(this.now().toISOString()).slice(0, 10);
    const { firstDay, days } = demoPeriod(today);
    const lastDay = new Date(Date.parse(`${firstDay}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
    const batchId = await this.trips.openBatchWhenFree({ jobId, source: `démonstration (graine ${params.seed})`, format: 'demo', startedAt: this.now().toISOString() }, run);
    return {
      context: { batchId, inserted: 0, periodFrom: firstDay, periodTo: lastDay },
      workerParams: { seed: params.seed, journeys: params.journeys, patterns: params.patterns, firstDay, days, operatorIds, pseudonymKey },
      total: params.journeys,
    };
  }

  private async commit(context: DemoContext, { labels, generated: journeys }: TaskSummary<'demo.generate'>): Promise<DemoLoadSummary> {
    await this.trips.saveDemoLabels(labels);
    const counts = {
      rowsRead: journeys,
      rowsInserted: context.inserted,
      rowsUpdated: 0,
      rowsUnchanged: journeys - context.inserted,
      injected: Object.keys(labels).length,
      rowsRejected: 0,
      periodFrom: context.periodFrom,
      periodTo: context.periodTo,
    };
    await this.trips.commitBatch(context.batchId, counts, this.now().toISOString());
    await this.audit.record({ action: 'demo.load', entity: 'import_batches', entityId: String(context.batchId), before: null, after: counts });
    return { batchId: context.batchId, ...counts };
  }
}
