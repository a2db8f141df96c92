import type { Knex } from 'knex';
import { UserError } from '../../../shared/ipc/result';
import type { DeclarationBatch, DeclarationField, DeclarationReasonCode, DeclarationReportRow, DeclaredTrip } from '../../../shared/types/declarations';
import type { AcceptedDeclaration, CheckedDeclarations } from '../../declarations/check-declarations';
import type { AuditLogRepository } from './audit-log-repository';

/** Audit actions of a file imported and of a journey typed in the form. */
export const DECLARATION_IMPORT_ACTION = 'declarations.import';
export const DECLARATION_ENTRY_ACTION = 'declarations.entry';

/** Where a batch came from: a file (name and SHA-256 of its bytes) or the form; and the job that imported it. */
export interface DeclarationBatchSource {
  source: 'file' | 'form';
  fileName: string | null;
  fileSha256: string | null;
  jobId: string | null;
}

/** Rows inserted per statement (about 40 values each: far below SQLite's bound-variable limit). */
const ROWS_PER_INSERT = 200;

interface BatchRow {
  id: number;
  source: 'file' | 'form';
  file_name: string | null;
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  actor: string;
  created_at: string;
}

interface ReportRow {
  id: number;
  batch_id: number;
  line: number | null;
  outcome: 'duplicate' | 'rejected';
  field: DeclarationField | null;
  reason_code: DeclarationReasonCode;
  reason: string;
  raw: string;
}

type TripRow = AcceptedDeclaration & { id: number; batch_id: number; created_at: string };

const toBatch = (row: BatchRow): DeclarationBatch => ({
  batchId: row.id, source: row.source, fileName: row.file_name, rows: row.rows, accepted: row.accepted, duplicates: row.duplicates, rejected: row.rejected,
  actor: row.actor, createdAt: row.created_at,
});

const toReport = (row: ReportRow): DeclarationReportRow => ({
  id: row.id, batchId: row.batch_id, line: row.line, outcome: row.outcome, field: row.field, reasonCode: row.reason_code, reason: row.reason, raw: row.raw,
});

/** A stored declared journey for the contract; `name` gives a commune's name by INSEE code. */
export function toDeclaredTrip(row: TripRow, name: (code: string) => string | null): DeclaredTrip {
  return {
    id: row.id, naturalKey: row.natural_key, batchId: row.batch_id, line: row.line, declarantId: row.declarant_id, personKey: row.person_key, role: row.role,
    seats: row.seats, startLocal: row.start_local, distanceM: row.distance_m, distanceEstimated: row.distance_estimated === 1, startInsee: row.start_insee,
    startName: name(row.start_insee), endInsee: row.end_insee, endName: name(row.end_insee), comment: row.comment, createdAt: row.created_at,
  };
}

/**
 * Declared journeys and their batches (docs/declarations.md): a batch is written whole — its journeys, its rows not
 * accepted and its audit entry — in one transaction, or not at all.
 */
export class DeclarationRepository {
  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLogRepository,
  ) {}

  /**
   * Writes a batch in one transaction: the batch, its accepted journeys, its rows not accepted (one row per problem),
   * and one audit entry. Refused (`conflict`, nothing written) when declarations were recorded since the rows were
   * checked (`checked.token`): their duplicate and conflict rules would no longer hold. Answers the batch id. Batches
   * are recorded one at a time on either engine, the token read and the rows written under the same lock: SQLite's
   * write lock, PostgreSQL's audit chain lock (`AuditLogRepository.transaction`), since every batch has its entry.
   */
  async record(source: DeclarationBatchSource, checked: CheckedDeclarations, actor: string, at: string): Promise<number> {
    return this.audit.transaction(async (trx, append) => {
      const counted = (await trx('declared_trips').count({ n: '*' }).max({ last: 'id' }).first()) as { n: number | string; last: number | null };
      if (`${Number(counted.n)}:${counted.last ?? 0}` !== checked.token) {
        throw new UserError('conflict', 'Des déclarations ont été enregistrées pendant la vérification de celles-ci (autre fenêtre ou ligne de commande) : rien n’a été écrit, recommencez.');
      }
      const [inserted] = (await trx('declaration_batches')
        .insert({
          source: source.source, file_name: source.fileName, file_sha256: source.fileSha256, rows: checked.rows, accepted: checked.accepted.length,
          duplicates: checked.duplicates, rejected: checked.rejected, actor, created_at: at, job_id: source.jobId,
        })
        .returning('id')) as Array<{ id: number }>;
      if (!inserted) throw new Error('Lot de déclarations non enregistré');
      const batchId = inserted.id;
      const trips = checked.accepted.map((row) => ({ ...row, batch_id: batchId, created_at: at }));
      for (let offset = 0; offset < trips.length; offset += ROWS_PER_INSERT) await trx('declared_trips').insert(trips.slice(offset, offset + ROWS_PER_INSERT));
      const reports = checked.reported.flatMap((row) =>
        row.problems.map((problem) => ({
          batch_id: batchId, line: row.line, outcome: row.outcome, field: problem.field, reason_code: problem.reasonCode, reason: problem.reason, raw: row.raw,
        })),
      );
      for (let offset = 0; offset < reports.length; offset += ROWS_PER_INSERT) await trx('declaration_rejected_rows').insert(reports.slice(offset, offset + ROWS_PER_INSERT));
      const auditId = await append(
        {
          actor,
          action: source.source === 'file' ? DECLARATION_IMPORT_ACTION : DECLARATION_ENTRY_ACTION,
          entity: 'declaration_batches',
          entityId: String(batchId),
          before: null,
          after: {
            file: source.fileName, sha256: source.fileSha256, rows: checked.rows, accepted: checked.accepted.length, duplicates: checked.duplicates,
            rejected: checked.rejected,
            // A file's journeys are found by their batch; a form entry names its journey.
            ...(source.source === 'form' ? { journey: checked.accepted[0]?.natural_key ?? null } : {}),
          },
        },
        at,
      );
      await trx('declaration_batches').where({ id: batchId }).update({ audit_id: auditId });
      return batchId;
    });
  }

  /** Batches, newest first: one page and the total. */
  async batches(offset: number, limit: number): Promise<{ total: number; rows: DeclarationBatch[] }> {
    const counted = (await this.db('declaration_batches').count({ n: '*' }).first()) as { n: number | string } | undefined;
    const rows = (await this.db('declaration_batches').orderBy('id', 'desc').offset(offset).limit(limit)) as BatchRow[];
    return { total: Number(counted?.n ?? 0), rows: rows.map(toBatch) };
  }

  async batch(id: number): Promise<DeclarationBatch | null> {
    const row = (await this.db('declaration_batches').where({ id }).first()) as BatchRow | undefined;
    return row ? toBatch(row) : null;
  }

  /** A batch's rows not accepted (every batch's without `batchId`), by batch and line: one page and the total. */
  async report(batchId: number | undefined, offset: number, limit: number): Promise<{ total: number; rows: DeclarationReportRow[] }> {
    const query = () => (batchId === undefined ? this.db('declaration_rejected_rows') : this.db('declaration_rejected_rows').where({ batch_id: batchId }));
    const counted = (await query().count({ n: '*' }).first()) as { n: number | string } | undefined;
    const rows = (await query().orderBy([{ column: 'batch_id', order: 'desc' }, 'line', 'id']).offset(offset).limit(limit)) as ReportRow[];
    return { total: Number(counted?.n ?? 0), rows: rows.map(toReport) };
  }

  /** Every row not accepted (of one batch, or all), by batch and line, page after page. */
  async *eachReport(batchId: number | undefined): AsyncGenerator<DeclarationReportRow> {
    for (let offset = 0; ; offset += 1_000) {
      const page = await this.report(batchId, offset, 1_000);
      yield* page.rows;
      if (page.rows.length < 1_000) return;
    }
  }

  /** Declared journeys (of one declarant, when given), latest departure first: one page and the total. */
  async trips(declarant: string | undefined, offset: number, limit: number, name: (code: string) => string | null): Promise<{ total: number; rows: DeclaredTrip[] }> {
    const query = () => (declarant === undefined ? this.db('declared_trips') : this.db('declared_trips').where({ declarant_id: declarant }));
    const counted = (await query().count({ n: '*' }).first()) as { n: number | string } | undefined;
    const rows = (await query().orderBy([{ column: 'start_at', order: 'desc' }, { column: 'id', order: 'desc' }]).offset(offset).limit(limit)) as TripRow[];
    return { total: Number(counted?.n ?? 0), rows: rows.map((row) => toDeclaredTrip(row, name)) };
  }

  /** The journeys a batch accepted, in their order. */
  async tripsOfBatch(batchId: number, name: (code: string) => string | null): Promise<DeclaredTrip[]> {
    return ((await this.db('declared_trips').where({ batch_id: batchId }).orderBy('id')) as TripRow[]).map((row) => toDeclaredTrip(row, name));
  }
}
