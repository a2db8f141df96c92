import type { SqlExecutor } from './sql-executor';
import { WorkerConnection } from './worker-connection';

/**
 * Opens a worker thread's own connection to the store file, runs `work` on it and closes it whatever happens.
 * Worker tasks reach the store only through this and the query functions of `src/main/db`.
 */
export async function withStoreConnection<T>(dbFile: string, work: (db: SqlExecutor) => Promise<T>): Promise<T> {
  const db = await WorkerConnection.open(dbFile);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
