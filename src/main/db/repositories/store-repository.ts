import type { Knex } from 'knex';
import { knexEngine, knexExecutor } from '../knex-executor';
import { applicationTables } from '../store-copy';

/** Facts about the store itself: tables, row counts, schema and engine versions, on either engine. */
export class StoreRepository {
  constructor(private readonly db: Knex) {}

  /** Names of the application tables (knex's own bookkeeping tables left out), sorted. */
  tableNames(): Promise<string[]> {
    return applicationTables(knexExecutor(this.db));
  }

  /** Row count of every application table, by name. */
  async tableCounts(): Promise<Array<{ name: string; rows: number }>> {
    const counts: Array<{ name: string; rows: number }> = [];
    for (const name of await this.tableNames()) {
      const row = (await this.db(name).count({ n: '*' }).first()) as { n: number | string } | undefined;
      counts.push({ name, rows: Number(row?.n ?? 0) });
    }
    return counts;
  }

  /** Names of the applied migrations, in order. */
  async appliedMigrations(): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.db('knex_migrations').orderBy('id').select('name');
    return rows.map((row) => row.name);
  }

  /** The engine and its version, e.g. `SQLite 3.52.0` or `PostgreSQL 15.18`. */
  async engineVersion(): Promise<string> {
    if (knexEngine(this.db) === 'postgres') {
      const result = (await this.db.raw('SHOW server_version')) as { rows: Array<{ server_version: string }> };
      return `PostgreSQL ${result.rows[0]?.server_version.split(' ')[0] ?? 'inconnue'}`;
    }
    const rows = (await this.db.raw('select sqlite_version() as version')) as Array<{ version: string }>;
    return `SQLite ${rows[0]?.version ?? 'inconnue'}`;
  }

  /** Size of a PostgreSQL store's database, in bytes (a SQLite store's size is its file's). */
  async postgresDatabaseBytes(): Promise<number> {
    const result = (await this.db.raw('SELECT pg_database_size(current_database()) AS bytes')) as { rows: Array<{ bytes: number }> };
    return result.rows[0]?.bytes ?? 0;
  }

  /** Every CREATE statement of a SQLite store's schema, sorted: the schema snapshot tests compare against. */
  async schemaSql(): Promise<string[]> {
    const rows: Array<{ sql: string }> = await this.db('sqlite_master')
      .whereNotNull('sql')
      .whereNot('name', 'like', 'knex_%')
      .orderBy(['type', 'name'])
      .select('sql');
    return rows.map((row) => row.sql);
  }
}
