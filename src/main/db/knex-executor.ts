import type { Knex } from 'knex';
import type pg from 'pg';
import type sqlite3 from 'sqlite3';
import { PgExecutor } from './pg-executor';
import { SqliteExecutor, type SqlExecutor, type SqlParams } from './sql-executor';
import type { SqlEngine } from './store-address';

/** The part of knex's client the adapter uses: its pool of driver connections (typed `any` by knex). */
interface ConnectionPool<C> {
  acquireConnection(): Promise<C>;
  releaseConnection(connection: C): Promise<unknown>;
}

/**
 * `SqlExecutor` over the main thread's knex instance: each call borrows a pooled driver connection and runs the SQL
 * on it directly, as a worker's own connection does (same driver, same results), so query functions are written
 * once for both. On SQLite the pool holds one connection: a transaction keeps it until it ends, and the app's other
 * queries wait for it as they wait for a knex transaction. On PostgreSQL the pool holds several.
 */
class KnexExecutor<C> implements SqlExecutor {
  private readonly pool: ConnectionPool<C>;

  constructor(
    knex: Knex,
    readonly engine: SqlEngine,
    private readonly wrap: (connection: C) => SqlExecutor,
  ) {
    this.pool = knex.client as ConnectionPool<C>;
  }

  private async borrow<T>(work: (connection: SqlExecutor) => Promise<T>): Promise<T> {
    const connection = await this.pool.acquireConnection();
    try {
      return await work(this.wrap(connection));
    } finally {
      await this.pool.releaseConnection(connection);
    }
  }

  all<T>(sql: string, params?: SqlParams, started?: () => void): Promise<T[]> {
    return this.borrow((connection) => connection.all<T>(sql, params, started));
  }

  run(sql: string, params?: SqlParams): Promise<number> {
    return this.borrow((connection) => connection.run(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.borrow((connection) => connection.exec(sql));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.borrow((connection) => connection.transaction(work));
  }
}

/** The engine of a knex instance opened by `openDatabase`. */
export function knexEngine(knex: Knex): SqlEngine {
  return knex.client.dialect === 'postgresql' ? 'postgres' : 'sqlite';
}

/** The `SqlExecutor` of a knex instance (the main thread's connection to the store). */
export function knexExecutor(knex: Knex): SqlExecutor {
  return knexEngine(knex) === 'postgres'
    ? new KnexExecutor<pg.Client>(knex, 'postgres', (client) => new PgExecutor(client))
    : new KnexExecutor<sqlite3.Database>(knex, 'sqlite', (db) => new SqliteExecutor(db));
}
