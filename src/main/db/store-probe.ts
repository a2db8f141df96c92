import pg from 'pg';
import type { StoreAddress } from './store-address';

/** What a PostgreSQL database holds, as far as choosing it for the store goes. */
export interface PostgresStoreProbe {
  /** The server's version, e.g. `15.18`. */
  serverVersion: string;
  /** Migrations the store's knex recorded there, in order; null when the database has no `knex_migrations` table. */
  appliedMigrations: string[] | null;
  /** Tables of the database's current schema (knex's own included): 0 for an empty database. */
  tableCount: number;
}

/**
 * Connects to the PostgreSQL database at `address` on a connection of its own and looks, read only, at what it
 * holds: the settings' connection test, and the desktop app's check before it opens a shared store. Gives up after
 * `timeoutMs` (milliseconds) for the connection, and again for each query. Throws node-postgres's error (its
 * SQLSTATE or socket code in `code`) when it cannot connect.
 */
export async function probePostgresStore(address: StoreAddress, timeoutMs: number): Promise<PostgresStoreProbe> {
  const client = new pg.Client({
    connectionString: address,
    application_name: 'atelier-covoiturage (test de connexion)',
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  await client.connect();
  try {
    const facts = await client.query<{ server_version: string; has_migrations: boolean; table_count: number }>(
      `SELECT current_setting('server_version') AS server_version,
              to_regclass('knex_migrations') IS NOT NULL AS has_migrations,
              (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema())::int AS table_count`,
    );
    const row = facts.rows[0];
    if (row === undefined) throw new Error('PostgreSQL n’a pas répondu à la lecture de sa version.');
    const applied = row.has_migrations ? (await client.query<{ name: string }>('SELECT name FROM knex_migrations ORDER BY id')).rows.map((migration) => migration.name) : null;
    // « 15.18 (Debian 15.18-0+deb12u1) »: the packager's suffix says nothing to the user.
    return { serverVersion: row.server_version.split(' ')[0] ?? row.server_version, appliedMigrations: applied, tableCount: row.table_count };
  } finally {
    await client.end();
  }
}
