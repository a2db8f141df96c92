import type { Knex } from 'knex';
import type { Coverage, RejectedFilter, RejectedRow, SyncLogEntry } from '../../../shared/types/sync';
import { knexExecutor } from '../knex-executor';
import type { SqlExecutor } from '../sql-executor';

interface BatchRow {
  id: number;
  source: string;
  file_name: string | null;
  format: string;
  status: string;
  content_hash: string | null;
  file_size: number | null;
  period_from: string | null;
  period_to: string | null;
  rows_read: number;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  rows_rejected: number;
  unresolved_codes_json: string | null;
  encoding: string | null;
  warnings_json: string | null;
  started_at: string;
  ended_at: string | null;
  error: string | null;
}

function toEntry(row: BatchRow): SyncLogEntry {
  return {
    id: row.id,
    source: row.source,
    fileName: row.file_name,
    format: row.format,
    status: row.status,
    contentHash: row.content_hash,
    fileSize: row.file_size,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    rowsRead: row.rows_read,
    rowsInserted: row.rows_inserted,
    rowsUpdated: row.rows_updated,
    rowsUnchanged: row.rows_unchanged,
    rowsRejected: row.rows_rejected,
    unresolvedCodes: row.unresolved_codes_json ? (JSON.parse(row.unresolved_codes_json) as Record<string, number>) : {},
    encoding: row.encoding,
    warnings: row.warnings_json ? (JSON.parse(row.warnings_json) as string[]) : [],
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationSeconds: row.ended_at ? (Date.parse(row.ended_at) - Date.parse(row.started_at)) / 1000 : null,
    error: row.error,
  };
}

/** Reads of the sync log, of what the store covers, and of the quarantine of rejected lines. */
export class SyncRepository {
  private readonly sql: SqlExecutor;

  constructor(private readonly db: Knex) {
    this.sql = knexExecutor(db);
  }

  /** Most recent batches first. */
  async syncLog(limit: number): Promise<SyncLogEntry[]> {
    const rows: BatchRow[] = await this.db('import_batches').orderBy('id', 'desc').limit(limit);
    return rows.map(toEntry);
  }

  /** Source paths of committed imports with their file size in bytes. */
  async importedFiles(): Promise<Map<string, number>> {
    const rows: Array<{ source: string; file_size: number | null }> = await this.db('import_batches')
      .where({ status: 'committed' })
      .whereNotNull('file_size')
      .select('source', 'file_size');
    return new Map(rows.map((row) => [row.source, Number(row.file_size)]));
  }

  async batch(id: number): Promise<SyncLogEntry | null> {
    const row: BatchRow | undefined = await this.db('import_batches').where({ id }).first();
    return row ? toEntry(row) : null;
  }

  /** Records why a batch ended without committing. */
  async markBatchError(id: number, error: string): Promise<void> {
    await this.db('import_batches').where({ id }).update({ error });
  }

  async coverage(): Promise<Coverage> {
    const totals = (await this.db('committed_trips')
      .select(
        this.db.raw('MIN(substr(start_local, 1, 10)) AS period_from'),
        this.db.raw('MAX(substr(start_local, 1, 10)) AS period_to'),
        this.db.raw('COUNT(*) AS journeys'),
        this.db.raw('COUNT(DISTINCT operator_trip_id) + SUM(CASE WHEN operator_trip_id IS NULL THEN 1 ELSE 0 END) AS trips'),
        this.db.raw('COUNT(DISTINCT operator_id) AS operators'),
      )
      .first()) as { period_from: string | null; period_to: string | null; journeys: number; trips: number | null; operators: number };
    const [places] = await this.sql.all<{ communes: number; departements: number; regions: number }>(
      `SELECT COUNT(DISTINCT com) AS communes, COUNT(DISTINCT dep) AS departements, COUNT(DISTINCT reg) AS regions
       FROM (SELECT start_com AS com, start_dep AS dep, start_reg AS reg FROM committed_trips UNION SELECT end_com, end_dep, end_reg FROM committed_trips) AS ends`,
    );
    if (!places) throw new Error('Comptage des territoires impossible');
    const statuses = (await this.db('committed_trips')
      .select('status')
      .count({ n: '*' })
      .groupBy('status')
      .orderBy('status', 'asc', 'first')) as Array<{ status: string | null; n: number }>;
    return {
      periodFrom: totals.period_from,
      periodTo: totals.period_to,
      journeys: Number(totals.journeys),
      trips: Number(totals.trips ?? 0),
      operators: Number(totals.operators),
      communes: Number(places.communes),
      departements: Number(places.departements),
      regions: Number(places.regions),
      byStatus: Object.fromEntries(statuses.map((row) => [row.status ?? 'inconnu', Number(row.n)])),
    };
  }

  private rejectedQuery(filter: RejectedFilter): Knex.QueryBuilder {
    const query = this.db('rejected_rows');
    if (filter.batchId !== undefined) query.where('batch_id', filter.batchId);
    if (filter.reason !== undefined) query.where('reason', filter.reason);
    return query;
  }

  /** One page of rejected lines (file order) and the total matching the filter. */
  async rejected(filter: RejectedFilter, offset: number, limit: number): Promise<{ total: number; rows: RejectedRow[] }> {
    const count = (await this.rejectedQuery(filter).count({ n: '*' }).first()) as { n: number };
    const rows: Array<{ id: number; batch_id: number; file_name: string; line: number; field: string | null; reason: string; detail: string | null; raw: string }> =
      await this.rejectedQuery(filter).orderBy('id').offset(offset).limit(limit);
    return {
      total: Number(count.n),
      rows: rows.map((row) => ({ id: row.id, batchId: row.batch_id, fileName: row.file_name, line: row.line, field: row.field, reason: row.reason, detail: row.detail, raw: row.raw })),
    };
  }

  /** Every rejected line matching the filter, in pages, for the CSV export (never all in memory). */
  async *eachRejected(filter: RejectedFilter, pageSize = 5_000): AsyncGenerator<RejectedRow> {
    for (let offset = 0; ; offset += pageSize) {
      const { rows } = await this.rejected(filter, offset, pageSize);
      yield* rows;
      if (rows.length < pageSize) return;
    }
  }

  /** Reasons of rejection with their counts, most frequent first. */
  async rejectedReasons(batchId?: number): Promise<Array<{ reason: string; count: number }>> {
    // Ties by reason: one order on both engines.
    const query = this.db('rejected_rows').select('reason').count({ n: '*' }).groupBy('reason').orderBy([{ column: 'n', order: 'desc' }, { column: 'reason' }]);
    if (batchId !== undefined) query.where('batch_id', batchId);
    const rows = (await query) as Array<{ reason: string; n: number }>;
    return rows.map((row) => ({ reason: row.reason, count: Number(row.n) }));
  }
}
