import { resolve as resolvePath } from 'node:path';
import { UserError } from '../../shared/ipc/result';
import type { Coverage, RejectedFilter, RejectedRow, SyncLogEntry } from '../../shared/types/sync';
import type { SyncRepository } from '../db/repositories/sync-repository';
import { redactRejectedRows, writeRejectedRowsCsv } from '../exports/rejected-rows-csv';
import type { TripsRepository } from '../db/repositories/trips-repository';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import type { TaskSummary } from '../workers/task-registry';
import type { AuditService } from './audit-service';

interface ImportContext {
  batchId: number;
  filePath: string;
}

/**
 * Syncs registry extracts into the store: one job per file (they run one after the other), the sync log, what
 * the store covers, and the quarantine of rejected lines with its CSV export.
 */
export class ImportService {
  private readonly definition: JobDefinition<'extract.import', { filePath: string }, ImportContext>;

  constructor(
    private readonly runner: JobRunner,
    private readonly trips: TripsRepository,
    private readonly sync: SyncRepository,
    private readonly audit: AuditService,
    private readonly storeAddress: string,
    private readonly exportDir: string,
    private readonly now: () => Date,
  ) {
    this.definition = {
      kind: 'extract.import',
      task: 'extract.import',
      tables: ['trips', 'operators', 'import_batches', 'rejected_rows', 'aom_names_learned', 'audit_log'],
      prepare: async ({ filePath }, jobId, run) => {
        const pseudonymKey = this.audit.pseudonymKey(await this.trips.userIdsPseudonymised());
        // Waits (step `waitingForImport`) while another process imports into this store: docs/architecture.md, « Lots d’import ».
        const batchId = await this.trips.openBatchWhenFree({ jobId, source: filePath, format: 'à détecter', startedAt: this.now().toISOString() }, run);
        return { context: { batchId, filePath }, workerParams: { storeAddress: this.storeAddress, filePath, batchId, pseudonymKey }, total: 0 };
      },
      commit: async (context, summary) => {
        await this.audit.record({
          action: 'extract.import',
          entity: 'import_batches',
          entityId: String(context.batchId),
          before: null,
          after: {
            file: context.filePath, formats: summary.formats, rowsRead: summary.rowsRead, rowsInserted: summary.rowsInserted,
            rowsUpdated: summary.rowsUpdated, rowsUnchanged: summary.rowsUnchanged, rowsRejected: summary.rowsRejected,
          },
        });
        return summary;
      },
      rollback: async (context, reason, error) => {
        await this.trips.discardBatch(context.batchId, reason, this.now().toISOString());
        // The sync log says why a file left nothing behind (unreadable, wrong format, bomb…).
        if (error !== null) await this.sync.markBatchError(context.batchId, error);
      },
    };
  }

  /** Starts one import job per file (absolute paths); answers their ids in the same order. */
  async importFiles(paths: readonly string[]): Promise<Array<JobId<TaskSummary<'extract.import'>>>> {
    const jobIds: Array<JobId<TaskSummary<'extract.import'>>> = [];
    for (const path of paths) jobIds.push(await this.runner.start(this.definition, { filePath: resolvePath(path) }));
    return jobIds;
  }

  /** Files already imported (path → size in bytes), for the watch folder. */
  importedFiles(): Promise<Map<string, number>> {
    return this.sync.importedFiles();
  }

  /** Most recent files of the sync log. */
  syncLog(limit = 50): Promise<SyncLogEntry[]> {
    return this.sync.syncLog(limit);
  }

  coverage(): Promise<Coverage> {
    return this.sync.coverage();
  }

  /** One page of the quarantine, identities redacted (docs/privacy.md). */
  async rejected(filter: RejectedFilter, offset: number, limit: number): Promise<{ total: number; rows: RejectedRow[] }> {
    const page = await this.sync.rejected(filter, offset, limit);
    return { total: page.total, rows: await redactRejectedRows(page.rows, this.batchFormat) };
  }

  /** The sync log's format of a batch, which tells the redaction which columns hold identities. */
  private readonly batchFormat = async (batchId: number): Promise<string | null> => (await this.sync.batch(batchId))?.format ?? null;

  rejectedReasons(batchId?: number): Promise<Array<{ reason: string; count: number }>> {
    return this.sync.rejectedReasons(batchId);
  }

  /**
   * Writes the rejected lines matching the filter to a `;` CSV (UTF-8 with BOM, so Excel reads the accents) in the
   * exports folder, identities redacted, never over another file. Cells are neutralised against formula injection.
   * Answers the file's path and row count.
   */
  async exportRejected(filter: RejectedFilter): Promise<{ path: string; rows: number }> {
    if (filter.batchId !== undefined && !(await this.sync.batch(filter.batchId))) {
      throw new UserError('not_found', `Lot d’import introuvable : ${filter.batchId}`);
    }
    const stamp = this.now().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    return writeRejectedRowsCsv(this.exportDir, stamp, this.sync.eachRejected(filter), this.batchFormat);
  }
}
