import { FORMAT_COLUMNS, type ExtractFormat } from '../domain/extracts/formats';
import { TRIP_COLUMNS, type TripRow } from '../domain/trips/trip-row';
import { insertRows } from './multi-row-insert';
import type { SqlExecutor } from './sql-executor';
import type { StoreAddress } from './store-address';
import { openOwnConnection, type OwnConnection } from './store-connection';
import { copyTrips, encodeTrips, filledColumns, insertEncodedTrips } from './trip-insert';
import { ADVISORY_LOCKS, lockKeyOf } from './advisory-locks';

/** A journey ready to be written, with its change-detection hash. */
export type HashedTrip = TripRow & { row_hash: string };

/** What the store already holds under a natural key. */
export interface StoredKey {
  rowHash: string | null;
  batchId: number;
  sourceLine: number | null;
}

export interface RejectedRow {
  line: number;
  field: string | null;
  reason: string;
  detail: string | null;
  raw: string;
}

/** Columns of a journey the importer writes (`batch_id` is bound apart). */
const TRIP_WRITE_COLUMNS = [...TRIP_COLUMNS, 'row_hash'] as const;
/** Page cache of the import's connection, in KiB. */
const IMPORT_CACHE_KIB = 256 * 1024;
const KEYS_PER_LOOKUP = 5_000;
/** Staged journeys per INSERT statement (one JSON array text each). */
const UPDATES_PER_STATEMENT = 1_000;
/** Columns the final update copies from a staged version (all but the natural key, which it matches on). */
const UPDATED_COLUMNS = [...TRIP_COLUMNS.filter((c) => c !== 'natural_key'), 'row_hash'];

/**
 * The import worker's own connection to the store (a SQLite file or a PostgreSQL database). Each chunk of a file is
 * written in one short transaction, so the application's other writes interleave; new journeys carry the batch id
 * (a cancelled or interrupted batch deletes them), while changes to journeys already stored are staged in
 * `import_staged_updates` and applied in the final transaction that commits the batch.
 */
export class ImportWriter {
  private constructor(private readonly db: OwnConnection) {}

  /** Opens a connection of its own on the store; on SQLite it waits up to 30 s when another writer holds the lock. */
  static async open(address: StoreAddress): Promise<ImportWriter> {
    const db = await openOwnConnection(address);
    // 256 MB of page cache (the default is 2 MB): inserts land at random places of the indexes on random keys
    // (natural key, identity keys), and a cache that holds them saved a fifth of SQLite's work on 200,000 rows.
    if (db.engine === 'sqlite') await db.exec(`PRAGMA cache_size = ${-IMPORT_CACHE_KIB}`);
    return new ImportWriter(db);
  }

  /** Runs `work` in one transaction of the writer's connection (the writer's methods called meanwhile are part of it). */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Closes the connection (on PostgreSQL, releasing `lockSameFile`'s lock). */
  close(): Promise<void> {
    return this.db.close();
  }

  /**
   * On PostgreSQL, waits until no other import of the same content (`contentHash`) runs, and holds that lock until
   * `close`: imports of one store are one at a time already (`TripsRepository.openBatch`), but this keeps two
   * imports of the same file from both reading it whatever happens to that rule (PostgreSQL's `natural_key` UNIQUE
   * constraint then refuses a journey stored twice anyway). Nothing to do on SQLite, whose single writer and batch
   * rule serialise imports.
   */
  async lockSameFile(contentHash: string): Promise<void> {
    if (this.db.engine === 'postgres') await this.db.all('SELECT pg_advisory_lock(?, ?)', [ADVISORY_LOCKS.sameFile, lockKeyOf(contentHash)]);
  }

  /** A committed batch of the same file content, if any (re-importing it changes nothing), with its detected formats. */
  async committedBatchWithHash(contentHash: string): Promise<{ id: number; rowsRead: number; formats: ExtractFormat[] } | null> {
    const rows = await this.db.all<{ id: number; rows_read: number; format: string }>(
      "SELECT id, rows_read, format FROM import_batches WHERE content_hash = ? AND status = 'committed' ORDER BY id LIMIT 1",
      [contentHash],
    );
    const row = rows[0];
    if (!row) return null;
    const formats = row.format.split('+').filter((format): format is ExtractFormat => format in FORMAT_COLUMNS);
    return { id: row.id, rowsRead: row.rows_read, formats };
  }

  /** Ids of operators by display name, creating unknown ones (with their registry UUID when known). */
  async operatorIds(operators: ReadonlyArray<{ name: string; uuid: string | null }>): Promise<Map<string, number>> {
    for (const { name, uuid } of operators) {
      await this.db.run('INSERT INTO operators (name, registry_uuid) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET registry_uuid = COALESCE(operators.registry_uuid, excluded.registry_uuid)', [name, uuid]);
    }
    const names = operators.map((operator) => operator.name);
    const rows = names.length === 0 ? [] : await this.db.all<{ id: number; name: string }>(`SELECT id, name FROM operators WHERE name IN (${names.map(() => '?').join(',')})`, names);
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  /** AOM SIREN of each commune known to the store (shipped demo table, Cerema import). */
  async aomByCommune(): Promise<Map<string, string>> {
    const rows = await this.db.all<{ commune: string; aom: string }>('SELECT commune, aom FROM aom_communes');
    return new Map(rows.map((row) => [row.commune, row.aom]));
  }

  /** What is stored under each of these natural keys (absent keys are new journeys). */
  async storedKeys(keys: readonly string[]): Promise<Map<string, StoredKey>> {
    const found = new Map<string, StoredKey>();
    for (let offset = 0; offset < keys.length; offset += KEYS_PER_LOOKUP) {
      const slice = keys.slice(offset, offset + KEYS_PER_LOOKUP);
      const rows = await this.db.all<{ natural_key: string; row_hash: string | null; batch_id: number; source_line: number | null }>(
        `SELECT natural_key, row_hash, batch_id, source_line FROM trips WHERE natural_key IN (${slice.map(() => '?').join(',')})`,
        slice,
      );
      for (const row of rows) found.set(row.natural_key, { rowHash: row.row_hash, batchId: row.batch_id, sourceLine: row.source_line });
    }
    return found;
  }

  /** Inserts new journeys of the batch (see `insertEncodedTrips` and `copyTrips`), in the caller's transaction. */
  async insertTrips(batchId: number, rows: readonly HashedTrip[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = filledColumns(rows, TRIP_WRITE_COLUMNS);
    if (this.db.engine === 'postgres') await copyTrips(this.db, batchId, columns, rows);
    else await insertEncodedTrips(this.db, batchId, columns, encodeTrips(rows, columns), { ignoreExisting: false });
  }

  /**
   * Stages new versions of stored journeys; they replace the stored rows only when the batch commits. On SQLite a
   * chunk's versions travel as one JSON array text, stored as SQLite's binary JSON, whose fields the final update picks
   * without parsing the text again; on PostgreSQL each version is a JSON text, written by COPY.
   */
  async stageUpdates(batchId: number, rows: readonly HashedTrip[]): Promise<void> {
    if (this.db.engine === 'postgres') {
      if (rows.length > 0) await insertRows(this.db, 'import_staged_updates', ['batch_id', 'natural_key', 'row_json'], rows.map((row) => [batchId, row.natural_key, JSON.stringify(row)]));
      return;
    }
    for (let offset = 0; offset < rows.length; offset += UPDATES_PER_STATEMENT) {
      await this.db.run("INSERT INTO import_staged_updates (batch_id, natural_key, row_json) SELECT ?1, value ->> '$.natural_key', value FROM jsonb_each(?2)", [
        batchId,
        JSON.stringify(rows.slice(offset, offset + UPDATES_PER_STATEMENT)),
      ]);
    }
  }

  /** Applies the staged new versions (in the caller's transaction); returns how many journeys changed. */
  async applyStagedUpdates(batchId: number): Promise<number> {
    // PostgreSQL reads each staged JSON text once into a `trips` record, typed as the table's columns (`json_`, not
    // `jsonb_populate_record`: building the binary JSON first cost twice as much on 50,000 staged versions).
    const changed = await this.db.run(
      this.db.engine === 'postgres'
        ? `UPDATE trips SET ${UPDATED_COLUMNS.map((c) => `${c} = r.${c}`).join(', ')}, batch_id = ?
           FROM import_staged_updates AS s, json_populate_record(NULL::trips, CAST(s.row_json AS JSON)) AS r
           WHERE s.batch_id = ? AND s.natural_key = trips.natural_key`
        : `UPDATE trips SET ${UPDATED_COLUMNS.map((c) => `${c} = json_extract(s.row_json, '$.${c}')`).join(', ')}, batch_id = ?
       FROM import_staged_updates AS s WHERE s.batch_id = ? AND s.natural_key = trips.natural_key`,
      [batchId, batchId],
    );
    await this.db.run('DELETE FROM import_staged_updates WHERE batch_id = ?', [batchId]);
    return changed;
  }

  /** Keeps a chunk's rejected lines with their reason (a hostile file can reject every line: written in bulk). */
  async insertRejected(batchId: number, fileName: string, rows: readonly RejectedRow[]): Promise<void> {
    await insertRows(this.db, 'rejected_rows', ['batch_id', 'file_name', 'line', 'field', 'reason', 'detail', 'raw'], rows.map((row) => [
      batchId, fileName, row.line, row.field, row.reason, row.detail, row.raw,
    ]));
  }

  /** Adds sightings of (commune, AOM name) pairs read from territory extracts. */
  async learnAomNames(counts: ReadonlyMap<string, number>): Promise<void> {
    for (const [key, seen] of counts) {
      const [commune, name] = key.split('\u0000') as [string, string];
      await this.db.run(
        'INSERT INTO aom_names_learned (commune, aom_name, seen) VALUES (?, ?, ?) ON CONFLICT(commune, aom_name) DO UPDATE SET seen = aom_names_learned.seen + excluded.seen',
        [commune, name, seen],
      );
    }
  }

  /**
   * After a batch changed journeys, PostgreSQL's planner statistics of `trips` are brought up to date (`ANALYZE`, a
   * sample: a second or two on a million journeys): until autovacuum gets to it, a store just loaded has none, and the
   * page-by-page reads of simulations and exports chose plans that re-sorted the period for every page (41 s instead of
   * 6 s on 300,000 journeys). SQLite needs nothing.
   */
  async refreshPlannerStatistics(): Promise<void> {
    if (this.db.engine === 'postgres') await this.db.exec('ANALYZE trips');
  }

  /** Records the batch's final figures and marks it committed (in the caller's transaction). */
  async commitBatch(batchId: number, batch: {
    contentHash: string; fileName: string; fileSize: number; format: string; rowsRead: number; rowsInserted: number; rowsUpdated: number;
    rowsUnchanged: number; rowsRejected: number; periodFrom: string | null; periodTo: string | null; unresolvedCodes: Record<string, number>; endedAt: string;
    encoding: string | null; warnings: readonly string[];
  }): Promise<void> {
    await this.db.run(
      `UPDATE import_batches SET status = 'committed', content_hash = ?, file_name = ?, file_size = ?, format = ?, rows_read = ?, rows_inserted = ?,
       rows_updated = ?, rows_unchanged = ?, rows_rejected = ?, period_from = ?, period_to = ?, unresolved_codes_json = ?, ended_at = ?,
       encoding = ?, warnings_json = ? WHERE id = ?`,
      [batch.contentHash, batch.fileName, batch.fileSize, batch.format, batch.rowsRead, batch.rowsInserted, batch.rowsUpdated, batch.rowsUnchanged,
        batch.rowsRejected, batch.periodFrom, batch.periodTo, JSON.stringify(batch.unresolvedCodes), batch.endedAt, batch.encoding,
        batch.warnings.length > 0 ? JSON.stringify(batch.warnings) : null, batchId],
    );
  }
}
