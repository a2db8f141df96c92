import { copyRows } from './pg-copy';
import type { SqlExecutor } from './sql-executor';

/** Journeys per INSERT statement, bound together as one JSON array text. */
const ROWS_PER_STATEMENT = 1_000;

/** A journey as written: a value (or null) for each column. */
export type TripValues<C extends string> = { readonly [K in C]: unknown };

/** The columns at least one of the journeys fills: open data leaves half of them empty, and they need not travel. */
export function filledColumns<C extends string>(rows: ReadonlyArray<TripValues<C>>, columns: readonly C[]): C[] {
  return columns.filter((column) => rows.some((row) => row[column] !== null));
}

/**
 * Each journey's values for `columns`, as one JSON array text (plain strings, that a worker can prepare and post
 * cheaply). JSON keeps the SQLite types: integers and reals come out as INTEGER and REAL, strings as TEXT.
 */
export function encodeTrips<C extends string>(rows: ReadonlyArray<TripValues<C>>, columns: readonly C[]): string[] {
  const values = new Array<unknown>(columns.length);
  return rows.map((row) => {
    for (let i = 0; i < columns.length; i += 1) values[i] = row[columns[i] as C];
    return JSON.stringify(values);
  });
}

/**
 * Inserts journeys of a batch into `trips`, encoded for `columns` (`encodeTrips`): the one way the demo load (main
 * thread) writes them, and the import's on SQLite. On SQLite, a statement's journeys travel as one bound JSON array
 * text that SQLite takes apart with `jsonb_each`: node-sqlite3 converts every bound value on the calling thread, and
 * binding the 60 to 70 columns of a journey one by one was the import's largest cost and stalled the main thread
 * during demo loads, while SQLite's share runs in its own thread. `jsonb_each` parses the text once into SQLite's
 * binary JSON, from which each column is picked without parsing the journey's text again (`->>` on JSON text re-reads
 * it for every column: 70 times per journey). On PostgreSQL the texts are copied as they are into a temporary table
 * (`COPY … FROM STDIN`, one JSON text per line) and taken apart by the server, for the same reason: the main thread
 * only streams text. With `ignoreExisting`, a journey whose natural key is already stored is left as it is;
 * otherwise it fails the statement. Answers the number of journeys inserted. Runs in the caller's transaction (which,
 * on PostgreSQL, holds the temporary table).
 */
export async function insertEncodedTrips(
  db: SqlExecutor,
  batchId: number,
  columns: readonly string[],
  texts: readonly string[],
  options: { ignoreExisting: boolean },
): Promise<number> {
  if (db.engine === 'postgres') return insertJsonTrips(db, batchId, columns, texts, options);
  const picks = columns.map((_, i) => `value ->> ${i}`).join(', ');
  const sql = `INSERT ${options.ignoreExisting ? 'OR IGNORE ' : ''}INTO trips (${columns.join(',')}, batch_id) SELECT ${picks}, ?1 FROM jsonb_each(?2)`;
  let inserted = 0;
  for (let offset = 0; offset < texts.length; offset += ROWS_PER_STATEMENT) {
    inserted += await db.run(sql, [batchId, `[${texts.slice(offset, offset + ROWS_PER_STATEMENT).join(',')}]`]);
  }
  return inserted;
}

/** Temporary table (one JSONB column, dropped at commit) the journeys' JSON texts are copied into on PostgreSQL. */
const INCOMING_TRIPS = 'trips_incoming';

/** PostgreSQL's part of `insertEncodedTrips`: COPY of the JSON texts, then one INSERT that casts each value to its column's type. */
async function insertJsonTrips(
  db: SqlExecutor,
  batchId: number,
  columns: readonly string[],
  texts: readonly string[],
  options: { ignoreExisting: boolean },
): Promise<number> {
  if (texts.length === 0) return 0;
  await db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${INCOMING_TRIPS} (journey JSONB) ON COMMIT DROP`);
  await copyRows(db, INCOMING_TRIPS, ['journey'], texts.map((text) => [text]));
  const types = new Map(
    (await db.all<{ name: string; type: string }>(
      "SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = CAST('trips' AS REGCLASS) AND attnum > 0 AND NOT attisdropped",
    )).map((column) => [column.name, column.type]),
  );
  const picks = columns.map((column, i) => `CAST(journey ->> ${i} AS ${types.get(column) ?? 'TEXT'})`).join(', ');
  // A temporary table is read in the order it was written (never by parallel workers): ids follow the journeys' order.
  const inserted = await db.run(
    `INSERT INTO trips (${columns.join(', ')}, batch_id) SELECT ${picks}, CAST(? AS BIGINT) FROM ${INCOMING_TRIPS}${options.ignoreExisting ? ' ON CONFLICT (natural_key) DO NOTHING' : ''}`,
    [batchId],
  );
  await db.exec(`TRUNCATE ${INCOMING_TRIPS}`);
  return inserted;
}

/**
 * Inserts new journeys of a batch into `trips` on PostgreSQL, their values for `columns` streamed straight into a
 * `COPY … FROM STDIN` (the import, which looked their keys up: a key already stored fails the COPY). Answers the
 * number of journeys inserted. Runs in the caller's transaction.
 */
export function copyTrips<C extends string>(db: SqlExecutor, batchId: number, columns: readonly C[], rows: ReadonlyArray<TripValues<C>>): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  function* values(): Generator<unknown[]> {
    for (const row of rows) {
      const line: unknown[] = columns.map((column) => row[column]);
      line.push(batchId);
      yield line;
    }
  }
  return copyRows(db, 'trips', [...columns, 'batch_id'], values());
}
