import { randomUUID } from 'node:crypto';
import { basename, resolve as resolvePath } from 'node:path';
import type {
  DeclarationAddResult, DeclarationBatch, DeclarationEntry, DeclarationImportSummary, DeclarationReportRow, DeclaredCount, DeclaredCountQuery, DeclaredTrip,
} from '../../shared/types/declarations';
import { UserError } from '../../shared/ipc/result';
import { csvCell } from '../../shared/util/cell-safety';
import { checkDeclarations, type AcceptedDeclaration } from '../declarations/check-declarations';
import { declarationTemplateText, writeDeclarationTemplate } from '../declarations/template-file';
import { operatorNames } from '../db/attestation-figures';
import { declaredCount } from '../db/declaration-source';
import type { DeclarationRepository } from '../db/repositories/declaration-repository';
import type { SqlExecutor } from '../db/sql-executor';
import { DECLARATION_COLUMNS, FIELD_HEADERS } from '../domain/declarations/declaration-format';
import type { DeclarationCells } from '../domain/declarations/declaration-row';
import type { GeoResolver } from '../domain/geo/geo-resolver';
import { utcToParisLocal } from '../domain/time/paris-time';
import { UserIdPseudonymiser } from '../extracts/pseudonymise';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import { makePrivateDir, openNewPrivateFile } from '../platform/private-files';
import type { DeclarationImportParams } from '../workers/tasks/declaration-import';

/** What the declaration service works with (wired by app-services.ts). */
export interface DeclarationServiceDeps {
  runner: JobRunner;
  repository: DeclarationRepository;
  /** The main thread's executor: the form's journey is checked there, an import's rows in the worker. */
  sql: SqlExecutor;
  /** The store's user-id pseudonym key (hex), null for a store keeping user ids in clear; throws when unusable. */
  pseudonymKey: () => Promise<string | null>;
  /** The geography of the dashboards (communes, names). */
  geography: () => Promise<GeoResolver>;
  /** Scans the days of new declarations (the D01 check), in the app; null for the command line, which scans explicitly. */
  scanDays: ((days: { from: string; to: string }) => Promise<unknown>) | null;
  /** Who this session acts as (audit log). */
  actor: string;
  storeAddress: string;
  exportDir: string;
  now: () => Date;
}

/** What an import job is started with (kept in the job history): the file, never the text of a dropped file. */
interface ImportJobParams extends Record<string, unknown> {
  fileName: string;
  /** The file's path, or null for a file whose text the page sent (kept in `pending` under `token`). */
  path: string | null;
  token: string | null;
}

/** Journeys' text a page sent at most, characters (the browser bridge takes 1 MB requests). */
export const MAX_DECLARATION_TEXT = 900_000;

/** `YYYYMMDD-HHMMSS` in Paris time: names of exported files. */
const stamp = (date: Date): string => utcToParisLocal(date.toISOString()).replace(/[-:]/g, '').replace(' ', '-');

/** A form entry as the cells of a file line, so that both go through the same rules. */
function entryCells(entry: DeclarationEntry): DeclarationCells {
  return {
    date: entry.date, time: entry.time, from: entry.from, to: entry.to, role: entry.role === 'driver' ? 'conducteur' : 'passager', seats: String(entry.seats),
    distance: entry.distanceKm === undefined ? '' : String(entry.distanceKm), declarant: entry.declarant, carpooler: entry.carpooler ?? '', comment: entry.comment ?? '',
  };
}

/**
 * Journeys declared by carpoolers without an operator's app (docs/declarations.md): the file template, imports of
 * files as jobs, entries one by one, the history of batches with their rows not accepted (and their export), the
 * declared journeys, and their separate count beside a territory's statistics. Declared journeys are never written
 * to, nor read from, the registry's tables.
 */
export class DeclarationService {
  private readonly importDefinition: JobDefinition<'declaration.import', ImportJobParams, { jobId: string }, DeclarationImportSummary>;
  /** Text of dropped files waiting for their job to start, by token (it may hold declarants' ids). */
  private readonly pending = new Map<string, string>();

  constructor(private readonly deps: DeclarationServiceDeps) {
    this.importDefinition = {
      kind: 'declaration.import',
      task: 'declaration.import',
      tables: ['declared_trips', 'declaration_batches', 'declaration_rejected_rows', 'audit_log'],
      prepare: async (params, jobId) => {
        let source: DeclarationImportParams['source'];
        if (params.path !== null) source = { kind: 'file', path: params.path };
        else {
          const text = params.token === null ? undefined : this.pending.get(params.token);
          if (text === undefined) throw new Error('Fichier de déclarations introuvable (application redémarrée ?) : déposez-le à nouveau.');
          this.pending.delete(params.token as string);
          source = { kind: 'text', fileName: params.fileName, text };
        }
        return {
          context: { jobId },
          workerParams: { storeAddress: this.deps.storeAddress, source, pseudonymKey: await this.deps.pseudonymKey(), now: this.deps.now().toISOString() },
          total: 0,
        };
      },
      // Everything is written here, in one transaction with the audit entry: a failed or cancelled job wrote nothing.
      commit: async (context, result) => {
        const batchId = await this.deps.repository.record(
          { source: 'file', fileName: result.fileName, fileSha256: result.fileSha256, jobId: context.jobId }, result, this.deps.actor, this.deps.now().toISOString(),
        );
        this.scanAfter(result.accepted);
        return { batchId, fileName: result.fileName, rows: result.rows, accepted: result.accepted.length, duplicates: result.duplicates, rejected: result.rejected };
      },
      rollback: async () => undefined,
    };
  }

  /**
   * Writes the file template (docs/declarations.md, « Modèle »): `;` CSV, UTF-8 with a byte-order mark, the header
   * line and a commented example. To `out` when given (replaced if it exists), else as a new file of the exports
   * folder. Answers its path.
   */
  async template(out?: string): Promise<{ path: string }> {
    if (out !== undefined) {
      const path = resolvePath(out);
      await writeDeclarationTemplate(path);
      return { path };
    }
    await makePrivateDir(this.deps.exportDir);
    const { path, handle } = await openNewPrivateFile(this.deps.exportDir, (suffix) => `modele-trajets-declares${suffix}.csv`);
    try {
      await handle.writeFile(declarationTemplateText(), 'utf8');
    } finally {
      await handle.close();
    }
    return { path };
  }

  /** Starts importing a file by its path (absolute or relative) as a job; answers the job id. */
  importFile(path: string): Promise<JobId<DeclarationImportSummary>> {
    const absolute = resolvePath(path);
    return this.deps.runner.start(this.importDefinition, { fileName: basename(absolute), path: absolute, token: null });
  }

  /** Starts importing a file whose text a page read (a file dropped in browser mode has no path); answers the job id. */
  async importText(fileName: string, text: string): Promise<JobId<DeclarationImportSummary>> {
    if (text.length > MAX_DECLARATION_TEXT) throw new UserError('invalid_input', `Fichier trop gros pour être déposé (${text.length} caractères, ${MAX_DECLARATION_TEXT} au plus) : importez-le par la ligne de commande.`);
    const token = randomUUID();
    this.pending.set(token, text);
    try {
      const jobId = await this.deps.runner.start(this.importDefinition, { fileName, path: null, token });
      // A job cancelled while queued never prepares: its text is dropped when it ends, whatever the end.
      const drop = (): void => void this.pending.delete(token);
      void this.deps.runner.wait(jobId).then(drop, drop);
      return jobId;
    } catch (error) {
      this.pending.delete(token);
      throw error;
    }
  }

  /**
   * Checks one journey typed in the form by the rules of a file's line and, when accepted, records it (a batch of its
   * own, with its audit entry). A duplicate or a rejected journey writes nothing: the answer lists its problems.
   */
  async add(entry: DeclarationEntry): Promise<DeclarationAddResult> {
    const cells = entryCells(entry);
    const geo = await this.deps.geography();
    const checked = await checkDeclarations([{ line: null, cells, raw: DECLARATION_COLUMNS.map((column) => cells[column.key] ?? '') }], {
      db: this.deps.sql,
      geo,
      pseudonymiser: UserIdPseudonymiser.fromHex(await this.deps.pseudonymKey()),
      operators: await operatorNames(this.deps.sql),
      now: this.deps.now(),
    });
    const reported = checked.reported[0];
    if (reported) return { outcome: reported.outcome, problems: reported.problems, trip: null };
    const batchId = await this.deps.repository.record({ source: 'form', fileName: null, fileSha256: null, jobId: null }, checked, this.deps.actor, this.deps.now().toISOString());
    this.scanAfter(checked.accepted);
    const [trip] = await this.deps.repository.tripsOfBatch(batchId, (code) => geo.name('com', code));
    return { outcome: 'accepted', problems: [], trip: trip ?? null };
  }

  /** Imports and form entries, newest first: one page and the total. */
  batches(offset: number, limit: number): Promise<{ total: number; rows: DeclarationBatch[] }> {
    return this.deps.repository.batches(offset, limit);
  }

  /** The rows of a batch (or of every batch) not accepted, one entry per problem, by line: one page and the total. */
  async report(batchId: number | undefined, offset: number, limit: number): Promise<{ total: number; rows: DeclarationReportRow[] }> {
    if (batchId !== undefined && !(await this.deps.repository.batch(batchId))) throw new UserError('not_found', `Lot de déclarations introuvable : ${batchId}`);
    return this.deps.repository.report(batchId, offset, limit);
  }

  /**
   * Writes the rows not accepted (of a batch, or all) to `trajets-non-retenus-<horodatage>.csv` in the exports folder:
   * `;` CSV, UTF-8 with BOM, cells neutralised against formula injection. Answers its path and row count.
   */
  async exportReport(batchId: number | undefined): Promise<{ path: string; rows: number }> {
    if (batchId !== undefined && !(await this.deps.repository.batch(batchId))) throw new UserError('not_found', `Lot de déclarations introuvable : ${batchId}`);
    const lines = ['\uFEFFlot;ligne;issue;champ;code;motif;ligne lue'];
    for await (const row of this.deps.repository.eachReport(batchId)) {
      lines.push(
        [row.batchId, row.line ?? '', row.outcome === 'duplicate' ? 'doublon' : 'rejetée', csvCell(row.field ? FIELD_HEADERS[row.field] : null), row.reasonCode, csvCell(row.reason), csvCell(row.raw)].join(';'),
      );
    }
    await makePrivateDir(this.deps.exportDir);
    const { path, handle } = await openNewPrivateFile(this.deps.exportDir, (suffix) => `trajets-non-retenus-${stamp(this.deps.now())}${suffix}.csv`);
    try {
      await handle.writeFile(`${lines.join('\r\n')}\r\n`, 'utf8');
    } finally {
      await handle.close();
    }
    return { path, rows: lines.length - 1 };
  }

  /** Declared journeys (of one declarant when given), latest departure first: one page and the total. */
  async trips(declarant: string | undefined, offset: number, limit: number): Promise<{ total: number; rows: DeclaredTrip[] }> {
    const geo = await this.deps.geography();
    return this.deps.repository.trips(declarant, offset, limit, (code) => geo.name('com', code));
  }

  /** The declared journeys of a territory and period: the separate series beside the registry's statistics. */
  async count(query: DeclaredCountQuery): Promise<DeclaredCount> {
    const row = await declaredCount(this.deps.sql, query);
    return {
      journeys: row.journeys, asDriver: row.as_driver, asPassenger: row.as_passenger, declarants: row.declarants,
      distanceKm: Math.round(row.distance_m / 100) / 10, estimatedDistances: row.estimated,
    };
  }

  /** Has the app scan the days of journeys just declared, so that their conflicts reach the review queue. */
  private scanAfter(accepted: readonly AcceptedDeclaration[]): void {
    if (this.deps.scanDays === null || accepted.length === 0) return;
    const days = accepted.map((row) => row.start_local.slice(0, 10)).sort();
    this.deps.scanDays({ from: days[0] as string, to: days.at(-1) as string }).catch((error: unknown) => console.warn(`Analyse des trajets déclarés impossible : ${String(error)}`));
  }
}
