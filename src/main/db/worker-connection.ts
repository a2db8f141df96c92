import sqlite3 from 'sqlite3';

/**
 * A worker thread's own connection to the store file (node-sqlite3 is N-API and works in worker threads), for
 * jobs that read or write a lot without going through the main thread: imports, aggregate refreshes, exports.
 * Same PRAGMAs as the main connection; waits up to 30 s when another writer holds the lock.
 */
export class WorkerConnection {
  protected constructor(protected readonly db: sqlite3.Database) {}

  /** Opens the file with the store's PRAGMAs; `build` makes the subclass instance around the handle. */
  protected static async openWith<T>(filename: string, build: (db: sqlite3.Database) => T): Promise<T> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(filename, (error) => (error ? reject(error) : resolve(handle)));
    });
    const connection = build(db);
    await new Promise<void>((resolve, reject) =>
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA temp_store = MEMORY;', (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    return connection;
  }

  /** A plain connection (no subclass). */
  static open(filename: string): Promise<WorkerConnection> {
    return WorkerConnection.openWith(filename, (db) => new WorkerConnection(db));
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  /** Runs one statement; answers the rows it changed. */
  run(sql: string, params: unknown[] = []): Promise<number> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (error) {
        if (error) reject(error);
        else resolve(this.changes);
      }),
    );
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
  }

  /** Calls `onRow` for each row of a query without holding the result in memory. Answers the row count. */
  each<T>(sql: string, params: unknown[], onRow: (row: T) => void): Promise<number> {
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

  /** Runs `work` in one IMMEDIATE transaction (rolled back if it throws). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      await this.exec('COMMIT');
      return result;
    } catch (error) {
      await this.exec('ROLLBACK');
      throw error;
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}
