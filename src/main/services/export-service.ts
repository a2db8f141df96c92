import { readdir, stat } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import type { ExportFile } from '../../shared/types/exports';
import { UserError } from '../../shared/ipc/result';
import type { StatsQuery } from '../../shared/types/stats';
import type { CaseExportRequest } from '../../shared/types/reviews';
import type { TripFilter } from '../../shared/types/trip-filter';
import type { CampaignMonth, CsvDialect } from '../../shared/types/exports';
import type { CampaignDefinition } from '../../shared/campaigns/definition-types';
import type { SimulationRequest } from '../../shared/types/simulation';
import type { ExportRepository } from '../db/repositories/export-repository';
import type { SimulationRepository } from '../db/repositories/simulation-repository';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import { simulationOverrides } from './campaign-service';
import type { JobRunner } from '../jobs/job-runner';
import type { TaskParams, TaskSummary } from '../workers/task-registry';
import { makePrivateDir } from '../platform/private-files';
import { fileNamePart } from '../exports/unique-file-names';
import { definitionSlices } from '../exports/apdf-definition-slices';
import { loadCatalogue } from '../campaigns/catalogue-files';

/** Kind of an exported file from its name (the names this service and the quarantine export give). */
function kindOf(name: string): ExportFile['kind'] {
  if (name.startsWith('APDF-')) return 'apdf';
  if (name.startsWith('statistiques-')) return 'stats';
  if (name.startsWith('trajets-')) return 'trips';
  if (name.startsWith('lignes-rejetees-')) return 'rejected';
  if (name.startsWith('dossier-controles-') || name.startsWith('signalements-controle-')) return 'cases';
  return 'other';
}

/** The exports written to files chosen before the job starts (the stats workbook adds its generation instant). */
type FileExportTask = 'export.trips' | 'export.apdf' | 'export.cases';

/** What a file export is started with: its task's parameters but the store file, which the service adds. */
type FileExportParams<Task extends FileExportTask> = Omit<TaskParams<Task>, 'storeAddress'>;

/**
 * Exports for finance teams and analysts, written by jobs in the worker (progress, cancel) into the exports folder
 * (or a file the CLI names), and the list of files produced.
 */
export class ExportService {
  private readonly statsDefinition: JobDefinition<'export.stats', { query: StatsQuery; file: string }, null>;
  private readonly tripsDefinition: JobDefinition<'export.trips', FileExportParams<'export.trips'>, null>;
  private readonly apdfDefinition: JobDefinition<'export.apdf', FileExportParams<'export.apdf'>, null>;
  private readonly casesDefinition: JobDefinition<'export.cases', FileExportParams<'export.cases'>, null>;

  constructor(
    private readonly runner: JobRunner,
    private readonly repository: ExportRepository,
    private readonly simulations: SimulationRepository,
    storeAddress: string,
    private readonly exportDir: string,
    private readonly now: () => Date,
  ) {
    const fileExport = <Task extends FileExportTask>(
      kind: Task,
      withStore: (params: FileExportParams<Task>) => TaskParams<Task>,
    ): JobDefinition<Task, FileExportParams<Task>, null> => ({
      kind,
      task: kind,
      tables: [],
      prepare: async (params) => {
        await makePrivateDir(this.exportDir);
        return { context: null, workerParams: withStore(params), total: 0 };
      },
      // Not `async`: TypeScript cannot tell that awaiting a generic task's summary gives that summary back.
      commit: (_context, summary) => Promise.resolve(summary),
      // Files are written to `.partial` and renamed only when complete: nothing to undo.
      rollback: async () => undefined,
    });
    this.tripsDefinition = fileExport('export.trips', (params) => ({ storeAddress, ...params }));
    this.apdfDefinition = fileExport('export.apdf', (params) => ({ storeAddress, ...params }));
    this.casesDefinition = fileExport('export.cases', (params) => ({ storeAddress, ...params }));
    this.statsDefinition = {
      kind: 'export.stats',
      task: 'export.stats',
      tables: [],
      prepare: async (params) => {
        await makePrivateDir(this.exportDir);
        return { context: null, workerParams: { storeAddress, ...params, generatedAt: this.now().toISOString() }, total: 2 };
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
  async exportStats(query: StatsQuery, out?: string): Promise<{ jobId: JobId<TaskSummary<'export.stats'>>; file: string }> {
    const file = out ? resolvePath(out) : join(this.exportDir, `statistiques-${query.level}-${fileNamePart(query.code)}-${query.from}_${query.to}.xlsx`);
    const jobId = await this.runner.start(this.statsDefinition, { query: { ...query, granularity: 'month' }, file });
    return { jobId, file };
  }

  /**
   * Starts writing the trip list of a filter as CSV (French Excel by default, or standard: `CsvDialect`) or xlsx
   * (beyond 1,048,575 journeys the xlsx continues on further sheets), without the journeys confirmed as fraud unless
   * `includeConfirmedFraud`. Answers the job id and the file: `out`, or `trajets-<from>_<to>.<format>` in the exports
   * folder.
   */
  async exportTrips(
    filter: TripFilter,
    format: 'csv' | 'xlsx',
    out?: string,
    includeConfirmedFraud = false,
    csvDialect: CsvDialect = 'excel-fr',
  ): Promise<{ jobId: JobId<TaskSummary<'export.trips'>>; file: string }> {
    const scope = filter.territory ? `-${filter.territory.level}-${fileNamePart(filter.territory.code)}` : '';
    const file = out ? resolvePath(out) : join(this.exportDir, `trajets${scope}-${filter.from}_${filter.to}.${format}`);
    return { jobId: await this.runner.start(this.tripsDefinition, { filter, file, includeConfirmedFraud, csvDialect }), file };
  }

  /** Every operator of the store with its id, by name. */
  operators(): Promise<Array<{ id: number; name: string }>> {
    return this.repository.operators();
  }

  /** Id of an operator of the store by display name (case-insensitive), or null. */
  operatorId(name: string): Promise<number | null> {
    return this.repository.operatorIdByName(name);
  }

  /** Campaign × month × operator combinations of the registry incentives stored, for the APDF form. */
  campaignMonths(): Promise<CampaignMonth[]> {
    return this.repository.campaignMonths();
  }

  /**
   * Starts writing the APDF workbook of a registry campaign × operator × month from the incentives of the
   * extracts, named as the registry names it, in `outDir` (default: the exports folder), with « Synthèse par
   * tranche » when the catalogue holds that campaign and its definition pays by distance slices. Answers the job id.
   */
  async exportApdf(request: { campaignId: string; operatorId: number; month: string; includeConfirmedFraud?: boolean }, outDir?: string): Promise<{ jobId: JobId<TaskSummary<'export.apdf'>> }> {
    const found = (await this.repository.campaignMonths()).find(
      (row) => row.campaignId === request.campaignId && row.operatorId === request.operatorId && row.month === request.month,
    );
    if (!found) {
      throw new UserError('not_found', `Aucune incitation de la campagne ${request.campaignId} pour cet opérateur en ${request.month} dans la base.`);
    }
    // The extracts carry no slices: the catalogue's definition of that registry campaign has them, when shipped.
    // Templates are no registry campaign, whatever their id (`1`, `2`, `3`).
    const definition = loadCatalogue().find((campaign) => campaign.id === found.campaignId && campaign.status === 'campaign');
    const params = {
      campaign: { id: found.campaignId, name: found.campaignName ?? `campagne ${found.campaignId}`, slices: definition ? definitionSlices(definition) : [] },
      operator: { id: found.operatorId, name: found.operatorName },
      month: found.month,
      outDir: outDir ? resolvePath(outDir) : this.exportDir,
      includeConfirmedFraud: request.includeConfirmedFraud ?? false,
    };
    return { jobId: await this.runner.start(this.apdfDefinition, params) };
  }

  /**
   * Starts writing the APDF workbook of an operator × month from a saved simulation: its definition replayed over
   * its whole period (same counters and budget), the operator's eligible journeys of the month with their
   * simulated amounts, and « Synthèse par tranche » when the definition pays by distance slices. Answers the job id.
   */
  async exportApdfFromSimulation(request: { simulationId: number; operatorId: number; month: string }, outDir?: string): Promise<{ jobId: JobId<TaskSummary<'export.apdf'>> }> {
    const source = await this.simulations.source(request.simulationId);
    if (!source) throw new UserError('not_found', `Simulation introuvable : ${request.simulationId}`);
    const operatorName = await this.repository.operatorName(request.operatorId);
    if (operatorName === null) throw new UserError('not_found', `Opérateur introuvable : ${request.operatorId}`);
    const definition = source.definition as CampaignDefinition;
    const simulated = source.request as SimulationRequest;
    const params = {
      campaign: { id: definition.id, name: definition.name, slices: definitionSlices(definition) },
      operator: { id: request.operatorId, name: operatorName },
      month: request.month,
      outDir: outDir ? resolvePath(outDir) : this.exportDir,
      simulation: {
        definition,
        overrides: simulationOverrides(simulated),
        from: simulated.from,
        to: simulated.to,
        includeFlagged: simulated.includeFlagged,
        includeConfirmedFraud: simulated.includeConfirmedFraud ?? false,
      },
      includeConfirmedFraud: simulated.includeConfirmedFraud ?? false,
    };
    return { jobId: await this.runner.start(this.apdfDefinition, params) };
  }

  /**
   * Starts writing the case files of the current flags (docs/checks.md, « Dossiers »): one workbook per operator
   * with flagged journeys (or only `operatorId`'s), and the summary by check × operator × month, in `outDir`
   * (default: the exports folder). Answers the job id.
   */
  async cases(request: CaseExportRequest, outDir?: string): Promise<JobId<TaskSummary<'export.cases'>>> {
    const period = request.from && request.to ? { from: request.from, to: request.to } : null;
    return this.runner.start(this.casesDefinition, {
      operatorId: request.operatorId ?? null,
      period,
      outDir: outDir ? resolvePath(outDir) : this.exportDir,
      generatedAt: this.now().toISOString(),
    });
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
