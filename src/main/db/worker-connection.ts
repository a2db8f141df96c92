import sqlite3 from 'sqlite3';
import { SqliteExecutor } from './sql-executor';

/**
 * A worker thread's own connection to the store file (node-sqlite3 is N-API and works in worker threads), for
 * jobs that read or write a lot without going through the main thread: imports, aggregate refreshes, scans,
 * exports, simulations. Same PRAGMAs as the main connection (it waits up to 30 s when another writer holds the
 * lock: a worker's long job should outlast the main thread's short writes rather than fail).
 */
export class WorkerConnection extends SqliteExecutor {
  private constructor(db: sqlite3.Database) {
    super(db);
  }

  /** Opens the store file with the store's PRAGMAs. */
  static async open(filename: string): Promise<WorkerConnection> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(filename, (error) => (error ? reject(error) : resolve(handle)));
    });
    await new Promise<void>((resolve, reject) =>
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA temp_store = MEMORY;', (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    return new WorkerConnection(db);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}
