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
  /** Calls `onRow` for each row of a query without holding the result in memory; answers the row count. */
  each<T>(sql: string, params: SqlParams, onRow: (row: T) => void): Promise<number>;
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

  each<T>(sql: string, params: SqlParams, onRow: (row: T) => void): Promise<number> {
    return new Promise((resolve, reject) =>
      this.db.each(
        sql,
        params,
        (error, row) => {
          if (!error) onRow(row as T);
        },
        (error, count) => (error ? reject(error) : resolve(count)),
      ),
    );
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
