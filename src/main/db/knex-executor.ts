import type { Knex } from 'knex';
import type sqlite3 from 'sqlite3';
import { SqliteExecutor, type SqlExecutor, type SqlParams } from './sql-executor';

/** The part of knex's client the adapter uses: its pool of node-sqlite3 connections (typed `any` by knex). */
interface ConnectionPool {
  acquireConnection(): Promise<sqlite3.Database>;
  releaseConnection(connection: sqlite3.Database): Promise<unknown>;
}

/**
 * `SqlExecutor` over the main thread's knex instance: each call borrows the pooled node-sqlite3 connection and runs
 * the SQL on it directly, as a worker's own connection does (same driver, same results), so query functions are
 * written once for both. The pool holds one connection: a transaction keeps it until it ends, and the app's other
 * queries wait for it as they wait for a knex transaction.
 */
class KnexExecutor implements SqlExecutor {
  private readonly pool: ConnectionPool;

  constructor(knex: Knex) {
    this.pool = knex.client as ConnectionPool;
  }

  private async borrow<T>(work: (connection: SqliteExecutor) => Promise<T>): Promise<T> {
    const connection = await this.pool.acquireConnection();
    try {
      return await work(new SqliteExecutor(connection));
    } finally {
      await this.pool.releaseConnection(connection);
    }
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.borrow((connection) => connection.all<T>(sql, params));
  }

  each<T>(sql: string, params: SqlParams, onRow: (row: T) => void): Promise<number> {
    return this.borrow((connection) => connection.each(sql, params, onRow));
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

/** The `SqlExecutor` of a knex instance (the main thread's connection to the store). */
export function knexExecutor(knex: Knex): SqlExecutor {
  return new KnexExecutor(knex);
}
