import { resolve as resolvePath } from 'node:path';
import type { AomSummary } from '../../shared/types/sync';
import type { AomReplaceSummary, AomRepository } from '../db/repositories/aom-repository';
import type { AomCommune } from '../domain/geo/aom';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import type { TaskSummary } from '../workers/task-registry';
import type { AuditService } from './audit-service';

/**
 * What an AOM import did: the file and what it held, communes inserted, replaced or kept (higher authority), and
 * journey ends whose AOM changed.
 */
export type AomImportSummary = TaskSummary<'aom.read'> & AomReplaceSummary & { file: string; tripsUpdated: number };

interface AomImportContext {
  filePath: string;
  rows: AomCommune[];
}

/**
 * The AOM reference of the store. AOMs have no npm source: the user imports the official Cerema « composition
 * communale des AOM » file (XLSX or CSV); territory exports teach AOM names; the demo communes ship with the app.
 */
export class AomService {
  private readonly definition: JobDefinition<'aom.read', { filePath: string }, AomImportContext, AomImportSummary>;

  constructor(
    private readonly runner: JobRunner,
    private readonly aoms: AomRepository,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {
    this.definition = {
      kind: 'aom.import',
      task: 'aom.read',
      tables: ['aom_communes', 'trips', 'audit_log'],
      prepare: async ({ filePath }) => ({ context: { filePath, rows: [] }, workerParams: { filePath }, total: 0 }),
      // Rows stay in memory (~35,000 small objects) so the table is replaced in one transaction at commit.
      writeBatch: async (context, rows) => {
        context.rows.push(...rows);
      },
      commit: (context, workerSummary) => this.commit(context, workerSummary),
      // Nothing reached the store before commit.
      rollback: async () => undefined,
    };
  }

  /**
   * Starts importing a Cerema AOM file (absolute or relative path); answers the job id. The job fails with a
   * French message naming the file when it cannot be read (ODS, XLS, no recognised header…).
   */
  importCerema(path: string): Promise<JobId<AomImportSummary>> {
    return this.runner.start(this.definition, { filePath: resolvePath(path) });
  }

  /** What the AOM table holds, per source. */
  async summary(): Promise<AomSummary> {
    return { sources: await this.aoms.summary() };
  }

  private async commit(context: AomImportContext, workerSummary: TaskSummary<'aom.read'>): Promise<AomImportSummary> {
    const written = await this.aoms.replaceFromSource('cerema', context.rows, this.now().toISOString());
    const tripsUpdated = await this.aoms.reapplyToTrips();
    const summary = { file: context.filePath, ...workerSummary, ...written, tripsUpdated };
    await this.audit.record({
      action: 'aom.import',
      entity: 'aom_communes',
      entityId: context.filePath,
      before: null,
      after: { file: context.filePath, communes: context.rows.length, ...written, tripsUpdated },
    });
    return summary;
  }
}
