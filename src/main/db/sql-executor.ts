import type sqlite3 from 'sqlite3';
import type { SqlEngine } from './store-address';

/** Values bound to the `?` placeholders of a statement, in order. */
export type SqlParams = readonly unknown[];

/**
 * One way to run SQL on the store, whichever connection runs it: a worker thread's own connection
 * (`WorkerConnection`) or the main thread's knex pool (`knexExecutor`). Query functions of `src/main/db` that both
 * sides need are written once against it.
 */
export interface SqlExecutor {
  /** The engine behind the connection, for the few statements whose SQL differs (`sql-dialect.ts`). */
  readonly engine: SqlEngine;
  /**
   * Every row of a query. `started`, if given, is called once the query runs on its own (SQLite's thread,
   * PostgreSQL's process): from then on, the caller's own work overlaps with it. It is not called when the query
   * fails to start.
   *
   * There is no streaming read: node-sqlite3's `each` can drop the last rows of a query without a word (its row
   * queue is emptied, then found complete, without a lock between the two), so readers read bounded pages (a day,
   * a JSON page of rows).
   */
  all<T>(sql: string, params?: SqlParams, started?: () => void): Promise<T[]>;
  /** Runs one statement; answers the number of rows it changed. */
  run(sql: string, params?: SqlParams): Promise<number>;
  /** Runs statements without bindings (PRAGMAs, temporary tables). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction, rolled back if it throws. On SQLite it is `BEGIN IMMEDIATE`: the write lock is
   * taken at BEGIN (a second writer waits there, up to the busy timeout, instead of failing half-way). On PostgreSQL
   * it is a READ COMMITTED transaction: writers lock rows, and work that must be serialised takes an advisory lock
   * (`sql-dialect.ts`). `work` must run its statements on `tx`: on the main thread the pooled connection is held by
   * the transaction until it ends.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** A read under way (`startRead`): its result, and when it runs on its own. */
export interface StartedRead<T> {
  /** Settles once the read runs on its own (SQLite's thread, PostgreSQL's process), or has failed; never rejects. */
  started: Promise<void>;
  result: Promise<T>;
}

/**
 * Starts a read whose result the caller needs next, while it works on what it has: await `started`, then work.
 * `read` passes its `started` argument to `SqlExecutor.all`. A long synchronous loop run before `started` would hold
 * the read back (node-sqlite3 hands it to its thread only on a later turn of the event loop), and the two would take
 * turns instead of running side by side. A failed read settles `started` too, and its error comes with `result`.
 */
export function startRead<T>(read: (started: () => void) => Promise<T>): StartedRead<T> {
  let started: () => void = () => undefined;
  const running = new Promise<void>((resolve) => (started = resolve));
  const result = read(started);
  return { started: Promise.race([running, result.then(() => undefined, () => undefined)]), result };
}

/** `SqlExecutor` over one node-sqlite3 handle: a worker's own connection, or the connection knex pools. */
export class SqliteExecutor implements SqlExecutor {
  readonly engine = 'sqlite' as const;

  constructor(protected readonly db: sqlite3.Database) {}

  all<T>(sql: string, params: SqlParams = [], started?: () => void): Promise<T[]> {
    return new Promise((resolve, reject) => {
      // A statement that does not prepare reports it here only: none of its queued operations calls back. Once it
      // is prepared, node-sqlite3 hands its read to a thread of its own, right after this callback: `started` waits
      // for the next turn of the event loop (a microtask would run before the read is handed over).
      const statement = this.db.prepare(sql, params as unknown[], (error) => {
        if (error) reject(error);
        else if (started) setImmediate(started);
      });
      statement.all((error, rows) => (error ? reject(error) : resolve(rows as T[])));
      statement.finalize();
    });
  }

  run(sql: string, params: SqlParams = []): Promise<number> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (error) {
        if (error) reject(error);
        else resolve(this.changes);
      }),
    );
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    await this.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(this);
      await this.exec('COMMIT');
      return result;
    } catch (error) {
      await this.exec('ROLLBACK');
      throw error;
    }
  }
}
