import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { createPrivateFileIfMissing, makePrivateDirSync } from '../platform/private-files';
import { knexEngine } from './knex-executor';
import { migrationNames, migrationSource } from './migrations';
import { StorePostgresClient } from './pg-client';
import { POSTGRES_SESSION_OPTIONS } from './pg-types';
import { storeEngine, type StoreAddress } from './store-address';

/** The part of knex's (untyped) sqlite3 transaction this module changes. */
interface SqliteTransaction {
  query(connection: unknown, sql: string): Promise<unknown>;
  begin(connection: unknown): Promise<unknown>;
}

/** knex's sqlite3 client class, as far as this module uses it. */
type SqliteClientClass = new (config: Knex.Config) => { transaction(...args: unknown[]): SqliteTransaction };

const KnexSqlite3 = createRequire(__filename)('knex/lib/dialects/sqlite3') as SqliteClientClass;

/**
 * knex's sqlite3 client, except that its transactions begin with `BEGIN IMMEDIATE` (knex has no option for it).
 * A plain `BEGIN` that reads before it writes (the audit log reads the last hash, a decision reads the current one)
 * holds a snapshot; when a worker's connection commits in between, its first write fails at once with
 * SQLITE_BUSY, and the busy timeout cannot help. Taking the write lock at BEGIN makes it wait for its turn instead.
 */
class ImmediateSqlite3 extends KnexSqlite3 {
  override transaction(...args: unknown[]): SqliteTransaction {
    const transaction = super.transaction(...args);
    transaction.begin = (connection) => transaction.query(connection, 'BEGIN IMMEDIATE;');
    return transaction;
  }
}

/** The connection of the driver knex wraps, as handed to `afterCreate`. */
interface RawSqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

/**
 * PRAGMAs set on every connection: WAL so readers never block the writer, foreign keys enforced,
 * and a busy timeout (ms) so a second process (CLI while the app runs) waits instead of failing at once.
 */
function connectionPragmas(busyTimeoutMs: number): string {
  return [
    'PRAGMA journal_mode = WAL',
    'PRAGMA synchronous = NORMAL',
    'PRAGMA foreign_keys = ON',
    `PRAGMA busy_timeout = ${busyTimeoutMs}`,
    'PRAGMA temp_store = MEMORY',
  ].join(';');
}

/**
 * The main connection's busy timeout, in ms: as long as the longest write a worker holds (a whole-store scan storing
 * its flags and review summaries, ~15 s on a million journeys, more at 10 M): a decision taken meanwhile waits for it
 * instead of failing.
 */
const MAIN_BUSY_TIMEOUT_MS = 30_000;

/**
 * The progress connection's busy timeout, in ms: a job's progress saved while a worker holds the write lock is
 * skipped after this wait (the next save carries newer figures) instead of waiting for the lock.
 */
const PROGRESS_BUSY_TIMEOUT_MS = 250;

/** Connections the main thread keeps open to a PostgreSQL store: requests and short writes run side by side. */
const POSTGRES_POOL_SIZE = 6;

/**
 * Opens the one knex instance of a process on its store: a SQLite file (`openSqliteDatabase`) or a PostgreSQL
 * database (`postgres://…`, pooled).
 */
export function openDatabase(address: StoreAddress): Knex {
  if (storeEngine(address) === 'sqlite') return openSqliteDatabase(address, MAIN_BUSY_TIMEOUT_MS);
  return knexFactory({
    client: StorePostgresClient as unknown as typeof knexFactory.Client,
    connection: { connectionString: address, application_name: 'atelier-covoiturage', options: POSTGRES_SESSION_OPTIONS },
    pool: { min: 0, max: POSTGRES_POOL_SIZE },
  });
}

/**
 * A second connection to a SQLite file store, for the job history's progress saves alone (null for PostgreSQL,
 * whose pool serves them without waiting, and for an in-memory store, which a second connection would not see).
 * The main connection is one and pooled: a progress save waiting there for a worker's long write (a scan storing its
 * flags) would hold every read of the main thread behind it until the busy timeout. This one gives up at once.
 */
export function openProgressDatabase(address: StoreAddress): Knex | null {
  if (storeEngine(address) !== 'sqlite' || address === ':memory:' || address === '') return null;
  return openSqliteDatabase(address, PROGRESS_BUSY_TIMEOUT_MS);
}

/**
 * Opens the knex instance on a SQLite file (created with its directory when missing), waiting up to `busyTimeoutMs`
 * for another connection's write lock.
 * One pooled connection: node-sqlite3 serialises statements anyway, and the main thread's writes never compete with
 * each other for the lock (worker threads write through their own connections: docs/architecture.md).
 * A new store is created `0600` in a folder created `0700` (POSIX; SQLite would make it `0644`, and gives its `-wal`
 * and `-shm` files the rights of the store file): docs/privacy.md.
 */
function openSqliteDatabase(filename: string, busyTimeoutMs: number): Knex {
  if (filename !== ':memory:' && filename !== '') {
    makePrivateDirSync(dirname(filename));
    createPrivateFileIfMissing(filename);
  }
  const pragmas = connectionPragmas(busyTimeoutMs);
  return knexFactory({
    // knex takes a client class in place of its name; its typings only know its own base class.
    client: ImmediateSqlite3 as unknown as typeof knexFactory.Client,
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: RawSqliteConnection, done: (error: Error | null, connection: unknown) => void) {
        connection.exec(pragmas, (error) => done(error, connection));
      },
    },
  });
}

/**
 * Applies every pending migration. Throws on failure: the caller must stop (the app shows a dialog and quits,
 * the CLI exits 2) rather than run on a half-migrated store. A PostgreSQL store already up to date is left alone
 * without taking knex's migration lock: a role that may only read (`atelier db init-roles`) opens it too.
 */
export async function migrateToLatest(db: Knex): Promise<void> {
  if (knexEngine(db) === 'postgres' && (await postgresUpToDate(db))) return;
  await db.migrate.latest({ migrationSource });
}

/** True when a PostgreSQL store recorded exactly this build's migrations. */
async function postgresUpToDate(db: Knex): Promise<boolean> {
  const table = (await db.raw("SELECT to_regclass('knex_migrations') IS NOT NULL AS present")) as { rows: Array<{ present: boolean }> };
  if (table.rows[0]?.present !== true) return false;
  const applied = new Set((await db('knex_migrations').select('name')).map((row: { name: string }) => row.name));
  return applied.size === migrationNames.length && migrationNames.every((name) => applied.has(name));
}

/** Opens the store and migrates it; closes the connection again if migrating fails. */
export async function openMigratedDatabase(address: StoreAddress): Promise<Knex> {
  const db = openDatabase(address);
  try {
    await migrateToLatest(db);
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
