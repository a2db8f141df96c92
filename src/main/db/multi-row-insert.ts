import type { SqlExecutor } from './sql-executor';

/** Rows per INSERT statement: 500 rows of up to 60 values stay below SQLite's 32,766 bound variables. */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts rows (values in `columns` order) with multi-row statements: one statement per 500 rows costs far less
 * than one per row. Runs in the caller's transaction, if any.
 */
export async function insertRows(db: SqlExecutor, table: string, columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): Promise<void> {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let offset = 0; offset < rows.length; offset += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(offset, offset + ROWS_PER_STATEMENT);
    await db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
  }
}
