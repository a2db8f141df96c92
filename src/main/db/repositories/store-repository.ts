import type { Knex } from 'knex';

/** Facts about the store itself: tables, row counts, schema and engine versions. */
export class StoreRepository {
  constructor(private readonly db: Knex) {}

  /** Row count of every application table (knex's own bookkeeping tables left out), by name. */
  async tableCounts(): Promise<Array<{ name: string; rows: number }>> {
    const tables: Array<{ name: string }> = await this.db('sqlite_master')
      .where({ type: 'table' })
      .whereNot('name', 'like', 'sqlite_%')
      .whereNot('name', 'like', 'knex_%')
      .orderBy('name')
      .select('name');
    const counts: Array<{ name: string; rows: number }> = [];
    for (const { name } of tables) {
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

  async sqliteVersion(): Promise<string> {
    const rows = (await this.db.raw('select sqlite_version() as version')) as Array<{ version: string }>;
    return rows[0]?.version ?? 'inconnue';
  }

  /** Every CREATE statement of the schema, sorted: the schema snapshot tests compare against. */
  async schemaSql(): Promise<string[]> {
    const rows: Array<{ sql: string }> = await this.db('sqlite_master')
      .whereNotNull('sql')
      .whereNot('name', 'like', 'knex_%')
      .orderBy(['type', 'name'])
      .select('sql');
    return rows.map((row) => row.sql);
  }
}
