import { PgConnection } from './pg-executor';
import type { SqlExecutor } from './sql-executor';
import { storeEngine, type StoreAddress } from './store-address';
import { WorkerConnection } from './worker-connection';

/** A connection of its own to the store (a worker's), closed by its owner. */
export interface OwnConnection extends SqlExecutor {
  close(): Promise<void>;
}

/** Opens a connection of its own on the store at `address`: a SQLite file or a PostgreSQL database. */
export async function openOwnConnection(address: StoreAddress): Promise<OwnConnection> {
  return storeEngine(address) === 'postgres' ? PgConnection.open(address) : WorkerConnection.open(address);
}

/**
 * Opens a worker thread's own connection to the store, runs `work` on it and closes it whatever happens.
 * Worker tasks reach the store only through this and the query functions of `src/main/db`.
 */
export async function withStoreConnection<T>(address: StoreAddress, work: (db: SqlExecutor) => Promise<T>): Promise<T> {
  const db = await openOwnConnection(address);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
