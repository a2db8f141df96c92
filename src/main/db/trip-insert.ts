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
 * Inserts journeys of a batch into `trips`, encoded for `columns` (`encodeTrips`): the one way both the import
 * (worker connection) and the demo load (main thread) write them. A statement's journeys travel as one bound JSON
 * array text that SQLite takes apart with `jsonb_each`: node-sqlite3 converts every bound value on the calling
 * thread, and binding the 60 to 70 columns of a journey one by one was the import's largest cost and stalled the
 * main thread during demo loads, while SQLite's share runs in its own thread. `jsonb_each` parses the text once into
 * SQLite's binary JSON, from which each column is picked without parsing the journey's text again (`->>` on JSON
 * text re-reads it for every column: 70 times per journey). With `ignoreExisting`, a journey whose natural key is
 * already stored is left as it is; otherwise it fails the statement. Answers the number of journeys inserted. Runs
 * in the caller's transaction.
 */
export async function insertEncodedTrips(
  db: SqlExecutor,
  batchId: number,
  columns: readonly string[],
  texts: readonly string[],
  options: { ignoreExisting: boolean },
): Promise<number> {
  const picks = columns.map((_, i) => `value ->> ${i}`).join(', ');
  const sql = `INSERT ${options.ignoreExisting ? 'OR IGNORE ' : ''}INTO trips (${columns.join(',')}, batch_id) SELECT ${picks}, ?1 FROM jsonb_each(?2)`;
  let inserted = 0;
  for (let offset = 0; offset < texts.length; offset += ROWS_PER_STATEMENT) {
    inserted += await db.run(sql, [batchId, `[${texts.slice(offset, offset + ROWS_PER_STATEMENT).join(',')}]`]);
  }
  return inserted;
}
