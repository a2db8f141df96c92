import type { Knex } from 'knex';
import { knexExecutor } from '../knex-executor';
import type { SqlExecutor } from '../sql-executor';
import { TRIP_COLUMNS } from '../../domain/trips/trip-row';
import { insertEncodedTrips } from '../trip-insert';

export interface BatchInput {
  jobId: string | null;
  source: string;
  format: string;
  startedAt: string;
}

export interface BatchCounts {
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  periodFrom: string | null;
  periodTo: string | null;
}

/**
 * Journeys and the import batches they come from. A batch's rows are written in several transactions while it
 * runs; they only count once the batch is committed, and a batch that is cancelled, fails or is found
 * unfinished at startup has its rows deleted, so the store never keeps half an import.
 */
export class TripsRepository {
  private readonly sql: SqlExecutor;

  constructor(private readonly db: Knex) {
    this.sql = knexExecutor(db);
  }

  async createBatch(input: BatchInput): Promise<number> {
    const [id] = await this.db('import_batches').insert({
      job_id: input.jobId,
      source: input.source,
      format: input.format,
      status: 'running',
      started_at: input.startedAt,
    });
    return Number(id);
  }

  /** Stores the labels of injected demo patterns (natural key → expected check ids); a label already there stays. */
  async saveDemoLabels(labels: Readonly<Record<string, readonly string[]>>): Promise<void> {
    const rows = Object.entries(labels).map(([key, ids]) => ({ natural_key: key, check_ids_json: JSON.stringify(ids) }));
    for (let offset = 0; offset < rows.length; offset += 400) {
      await this.db('demo_labels').insert(rows.slice(offset, offset + 400)).onConflict('natural_key').ignore();
    }
  }

  /**
   * Inserts journeys of a running batch, encoded for every trip column by the demo worker (`encodeTrips`), in one
   * transaction. A journey whose natural key is already stored is left as it is. Returns the number of rows
   * actually inserted.
   */
  insertTrips(batchId: number, texts: readonly string[]): Promise<number> {
    if (texts.length === 0) return Promise.resolve(0);
    return this.sql.transaction((tx) => insertEncodedTrips(tx, batchId, TRIP_COLUMNS, texts, { ignoreExisting: true }));
  }

  /** Marks a batch committed with its final counts and covered period. */
  async commitBatch(batchId: number, counts: BatchCounts, endedAt: string): Promise<void> {
    await this.db('import_batches').where({ id: batchId }).update({
      status: 'committed',
      rows_read: counts.rowsRead,
      rows_inserted: counts.rowsInserted,
      rows_updated: counts.rowsUpdated,
      rows_unchanged: counts.rowsUnchanged,
      rows_rejected: counts.rowsRejected,
      period_from: counts.periodFrom,
      period_to: counts.periodTo,
      ended_at: endedAt,
    });
  }

  /**
   * Deletes everything an unfinished batch wrote (its new journeys, staged updates and rejected lines) and records
   * why it ended, in one transaction. Journeys it would have updated keep their stored version.
   */
  async discardBatch(batchId: number, status: 'cancelled' | 'failed', endedAt: string): Promise<number> {
    return this.db.transaction(async (trx) => {
      const deleted = await trx('trips').where({ batch_id: batchId }).delete();
      await trx('import_staged_updates').where({ batch_id: batchId }).delete();
      await trx('rejected_rows').where({ batch_id: batchId }).delete();
      await trx('import_batches').where({ id: batchId }).update({ status, ended_at: endedAt });
      return deleted;
    });
  }

  /**
   * Startup recovery: discards every batch left running by a job that no longer runs (interrupted, or never
   * recorded). Returns the batch ids.
   */
  async discardUnfinishedBatches(endedAt: string): Promise<number[]> {
    const rows: Array<{ id: number }> = await this.db('import_batches as b')
      .leftJoin('jobs as j', 'j.id', 'b.job_id')
      .where('b.status', 'running')
      .andWhere((q) => q.whereNull('j.id').orWhereNot('j.status', 'running'))
      .select('b.id');
    for (const { id } of rows) await this.discardBatch(id, 'failed', endedAt);
    return rows.map((row) => row.id);
  }

  /** Id of an operator by name, created when unknown. */
  async operatorId(name: string, registryUuid: string | null): Promise<number> {
    await this.db('operators').insert({ name, registry_uuid: registryUuid }).onConflict('name').ignore();
    const row: { id: number } | undefined = await this.db('operators').where({ name }).first('id');
    if (!row) throw new Error(`Opérateur introuvable après insertion : ${name}`);
    return row.id;
  }

  /** Whether the store already holds any journey (the UI offers demo data only on an empty store). */
  async count(): Promise<number> {
    const row = (await this.db('trips').count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }
}
