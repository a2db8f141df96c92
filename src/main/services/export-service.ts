import { mkdir, readdir, stat } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import type { ExportFile } from '../../shared/types/exports';
import type { StatsQuery } from '../../shared/types/stats';
import type { JobDefinition } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';

/** Kind of an exported file from its name (the names this service and the quarantine export give). */
function kindOf(name: string): ExportFile['kind'] {
  if (name.startsWith('APDF-')) return 'apdf';
  if (name.startsWith('statistiques-')) return 'stats';
  if (name.startsWith('trajets-')) return 'trips';
  if (name.startsWith('lignes-rejetees-')) return 'rejected';
  return 'other';
}

/**
 * Exports for finance teams and analysts, written by jobs in the worker (progress, cancel) into the exports folder
 * (or a file the CLI names), and the list of files produced.
 */
export class ExportService {
  private readonly statsDefinition: JobDefinition<{ query: StatsQuery; file: string }, null>;

  constructor(
    private readonly runner: JobRunner,
    dbFile: string,
    private readonly exportDir: string,
    private readonly now: () => Date,
  ) {
    this.statsDefinition = {
      kind: 'export.stats',
      task: 'export.stats',
      tables: [],
      prepare: async (params) => {
        await mkdir(this.exportDir, { recursive: true });
        return { context: null, workerParams: { dbFile, ...params, generatedAt: this.now().toISOString() }, total: 2 };
      },
      commit: async (_context, summary) => summary,
      // The workbook is written to `.partial` and renamed only when complete: nothing to undo.
      rollback: async () => undefined,
    };
  }

  /** The exports folder (created on first export). */
  folder(): string {
    return this.exportDir;
  }

  /**
   * Starts writing the territory statistics workbook of a query (months as rows). Answers the job id and the
   * file it writes: `out`, or `statistiques-<level>-<code>-<from>_<to>.xlsx` in the exports folder.
   */
  async exportStats(query: StatsQuery, out?: string): Promise<{ jobId: string; file: string }> {
    const file = out ? resolvePath(out) : join(this.exportDir, `statistiques-${query.level}-${query.code}-${query.from}_${query.to}.xlsx`);
    const jobId = await this.runner.start(this.statsDefinition, { query: { ...query, granularity: 'month' }, file });
    return { jobId, file };
  }

  /** Files of the exports folder, newest first (empty when nothing was exported yet). */
  async list(): Promise<ExportFile[]> {
    const names = await readdir(this.exportDir).catch(() => [] as string[]);
    const files: ExportFile[] = [];
    for (const name of names) {
      if (name.endsWith('.partial')) continue;
      const path = join(this.exportDir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      files.push({ name, path, kind: kindOf(name), sizeBytes: info.size, modifiedAt: info.mtime.toISOString() });
    }
    return files.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.name.localeCompare(b.name));
  }
}
