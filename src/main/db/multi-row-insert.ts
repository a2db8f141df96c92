import { copyRows } from './pg-copy';
import type { SqlExecutor } from './sql-executor';

/** Rows per INSERT statement: one JSON text of a few thousand rows, parsed by SQLite itself. */
const ROWS_PER_STATEMENT = 5_000;

/** Orders rows by their first `keyLength` values (strings and numbers, as SQLite's BINARY collation orders them). */
function compareKeys(keyLength: number): (a: ReadonlyArray<unknown>, b: ReadonlyArray<unknown>) => number {
  return (a, b) => {
    for (let index = 0; index < keyLength; index += 1) {
      const left = a[index] as string | number;
      const right = b[index] as string | number;
      if (left !== right) return left < right ? -1 : 1;
    }
    return 0;
  };
}

/**
 * Inserts rows (values in `columns` order: strings, numbers, booleans or null) in the caller's transaction, if any.
 * On SQLite, each statement carries a few thousand rows as one JSON text read by `jsonb_each` (parsed once into
 * SQLite's binary JSON, each value then picked without re-reading the row's text): binding values one by one through
 * node-sqlite3 costs more than SQLite's own JSON parser. On PostgreSQL the rows stream through one `COPY … FROM
 * STDIN` (`pg-copy.ts`). With `keyLength`, rows are first sorted on their first values — the table's primary key —
 * so that the B-tree is written in order instead of at random pages.
 */
export async function insertRows(
  db: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
  keyLength = 0,
): Promise<void> {
  const ordered = keyLength > 0 ? [...rows].sort(compareKeys(keyLength)) : rows;
  if (db.engine === 'postgres') {
    if (ordered.length > 0) await copyRows(db, table, columns, ordered);
    return;
  }
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((_, index) => `value ->> ${index}`).join(', ')} FROM jsonb_each(?)`;
  for (let offset = 0; offset < ordered.length; offset += ROWS_PER_STATEMENT) {
    await db.run(sql, [JSON.stringify(ordered.slice(offset, offset + ROWS_PER_STATEMENT))]);
  }
}
