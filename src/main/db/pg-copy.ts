import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PgExecutor } from './pg-executor';
import type { SqlExecutor } from './sql-executor';

/** Characters COPY's text format gives a meaning to, escaped in a value (`copyValue`). */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** Characters of COPY text gathered before they are handed to the connection: fewer, larger writes. */
const COPY_CHUNK_CHARS = 256 * 1024;

/**
 * One value in COPY's text format: `\N` for null (and `undefined`, an absent optional field, as node-sqlite3 binds
 * it), numbers in JavaScript's shortest exact spelling (non-finite ones as null, as `JSON.stringify` writes them for
 * SQLite's bulk path), booleans as 1 and 0 (what SQLite stores for JSON's true and false), and text with the four
 * characters COPY reads as separators or escapes (backslash, tab, line feed, carriage return) escaped.
 */
export function copyValue(value: unknown): string {
  // Strings first and tested before any replacing: most values are text with nothing to escape (the import's hot path).
  if (typeof value === 'string') return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (char) => COPY_ESCAPES[char] as string) : value;
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return copyValue(String(value));
}

/** One row (at least one value) as a line of COPY's text format. */
export function copyLine(values: ReadonlyArray<unknown>): string {
  let line = copyValue(values[0]);
  for (let i = 1; i < values.length; i += 1) line += `\t${copyValue(values[i])}`;
  return `${line}\n`;
}

/** The rows' lines, gathered in chunks of about `COPY_CHUNK_CHARS`. */
function* copyChunks(rows: Iterable<ReadonlyArray<unknown>>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += copyLine(row);
    if (chunk.length >= COPY_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/**
 * Runs `work` with the single PostgreSQL client `db` runs on: COPY streams on one connection. `db` is a connection
 * of its own or a transaction's (`PgExecutor`); on the main thread's pool (`knexExecutor` outside a transaction) a
 * transaction borrows one connection for it.
 */
function withClient<T>(db: SqlExecutor, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  if (db instanceof PgExecutor) return work(db.client);
  return db.transaction((tx) => withClient(tx, work));
}

/**
 * Writes rows (values in `columns` order) into `table` with `COPY … FROM STDIN` on PostgreSQL, in the caller's
 * transaction if any: PostgreSQL's bulk path, where SQLite's takes a JSON text apart (`insertRows`). Answers the
 * number of rows written. A row the table refuses (a key already there) fails the whole COPY.
 */
export async function copyRows(db: SqlExecutor, table: string, columns: readonly string[], rows: Iterable<ReadonlyArray<unknown>>): Promise<number> {
  return withClient(db, async (client) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(copyChunks(rows)), stream);
    return stream.rowCount;
  });
}
