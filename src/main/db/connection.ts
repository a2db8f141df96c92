import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations';

/** The connection of the driver knex wraps, as handed to `afterCreate`. */
interface RawSqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

/**
 * PRAGMAs set on every connection: WAL so readers never block the writer, foreign keys enforced,
 * and a busy timeout so a second process (CLI while the app runs) waits instead of failing at once.
 */
const CONNECTION_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA foreign_keys = ON',
  'PRAGMA busy_timeout = 10000',
  'PRAGMA temp_store = MEMORY',
].join(';');

/**
 * Opens the one knex instance of a process on a SQLite file (created with its directory when missing).
 * One pooled connection: node-sqlite3 serialises statements anyway, and a single connection is what makes
 * this process the single writer of the store.
 */
export function openDatabase(filename: string): Knex {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  return knexFactory({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: RawSqliteConnection, done: (error: Error | null, connection: unknown) => void) {
        connection.exec(CONNECTION_PRAGMAS, (error) => done(error, connection));
      },
    },
  });
}

/**
 * Applies every pending migration. Throws on failure: the caller must stop (the app shows a dialog and quits,
 * the CLI exits 2) rather than run on a half-migrated store.
 */
export async function migrateToLatest(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

/** Opens the store and migrates it; closes the connection again if migrating fails. */
export async function openMigratedDatabase(filename: string): Promise<Knex> {
  const db = openDatabase(filename);
  try {
    await migrateToLatest(db);
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
