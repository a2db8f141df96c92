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
  /** Every row of a query. */
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  /**
   * Calls `onRow` for each row of a query without holding the result in memory; answers the row count. `started`,
   * if given, is called once the query runs on its own (SQLite's thread, PostgreSQL's process): from then on, the
   * caller's own work overlaps with it. It is not called when the query fails to start.
   */
  each<T>(sql: string, params: SqlParams, onRow: (row: T) => void, started?: () => void): Promise<number>;
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

/** `SqlExecutor` over one node-sqlite3 handle: a worker's own connection, or the connection knex pools. */
export class SqliteExecutor implements SqlExecutor {
  readonly engine = 'sqlite' as const;

  constructor(protected readonly db: sqlite3.Database) {}

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
  }

  /**
   * node-sqlite3 reports an error met after the first rows (a full disk under a sort, say) to the row callback, and
   * possibly after the completion callback, which then announces the rows read so far as if they were all: answering
   * on completion would silently lose the rest. The statement is therefore finalized behind its read — node-sqlite3
   * runs a statement's operations in order and reports the read's error before the finalize starts — and the promise
   * settles once both the completion and the finalize are done, rejected when any error was reported.
   *
   * An exception thrown by `onRow` is kept as that failure too: thrown back into node-sqlite3's callback it would
   * escape the promise (an uncaught exception, the promise never settled). node-sqlite3 cannot stop a read half-way,
   * so the rows after it are read and dropped.
   */
  each<T>(sql: string, params: SqlParams, onRow: (row: T) => void, started?: () => void): Promise<number> {
    return new Promise((resolve, reject) => {
      let failure: Error | null = null;
      let count: number | null = null;
      let finalized = false;
      const settle = (): void => {
        if (!finalized) return;
        if (failure) reject(failure);
        else if (count !== null) resolve(count);
      };
      // A statement that does not prepare reports it here only: none of its queued operations calls back. Once it
      // is prepared, node-sqlite3 hands its read to a thread of its own, right after this callback: `started` waits
      // for the next turn of the event loop (a microtask would run before the read is handed over).
      const statement = this.db.prepare(sql, params as unknown[], (error) => {
        if (error) reject(error);
        else if (started) setImmediate(started);
      });
      statement.each(
        (error, row) => {
          if (error) failure ??= error;
          else if (!failure) {
            try {
              onRow(row as T);
            } catch (thrown) {
              failure = thrown instanceof Error ? thrown : new Error(String(thrown));
            }
          }
        },
        (error, rows) => {
          if (error) failure ??= error;
          count = rows;
          settle();
        },
      );
      statement.finalize((error) => {
        if (error) failure ??= error;
        finalized = true;
        settle();
      });
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
