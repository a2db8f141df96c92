import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '../db/connection';
import { migrationNames } from '../db/migrations';
import { PgServerAdmin } from '../db/pg-admin';
import type { SqlEngine, StoreAddress } from '../db/store-address';

/**
 * The PostgreSQL server tests run the store on: `ATELIER_TEST_PG_URL`, an address whose user may create databases
 * (`scripts/pg-test-cluster.sh start` prints one for a throwaway cluster). Without it, PostgreSQL variants of the
 * store's tests are reported skipped.
 */
export const TEST_PG_URL: string | null = process.env.ATELIER_TEST_PG_URL ?? null;

/**
 * The engine a test's store is on when the test does not say (`new TempStore()`): SQLite, or PostgreSQL in the
 * test run that sets `ATELIER_TEST_STORE_ENGINE=postgres` (the `postgres` project of vitest.config.ts).
 */
export const TEST_STORE_ENGINE: SqlEngine = process.env.ATELIER_TEST_STORE_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** Both engines, for `describe.each`: a variant whose engine is missing here is skipped (`engineMissing`). */
export const STORE_ENGINES: readonly SqlEngine[] = ['sqlite', 'postgres'];

/** True when the tests of `engine` cannot run here (PostgreSQL without `ATELIER_TEST_PG_URL`). */
export function engineMissing(engine: SqlEngine): boolean {
  return engine === 'postgres' && TEST_PG_URL === null;
}

/** Advisory lock key serialising the creation of the migrated template between test workers. */
const TEMPLATE_LOCK = 14_014;

/** The address of database `name` on the test server. */
function databaseAddress(name: string): StoreAddress {
  const url = new URL(requireServer());
  url.pathname = `/${name}`;
  return url.toString();
}

function requireServer(): string {
  if (TEST_PG_URL === null) throw new Error('ATELIER_TEST_PG_URL is not set (scripts/pg-test-cluster.sh start)');
  return TEST_PG_URL;
}

/**
 * What the PostgreSQL schema is made of: the migrations' names and sources, and the client that maps their column
 * types. A change to any of them names a new template, so that no test runs on a stale one.
 */
function schemaFingerprint(): string {
  const hash = createHash('sha256').update(migrationNames.join('\n'));
  const db = join(__dirname, '..', 'db');
  for (const file of [...readdirSync(join(db, 'migrations')).sort().map((name) => join(db, 'migrations', name)), join(db, 'pg-client.ts')]) {
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * A migrated template database named after the schema it holds (`schemaFingerprint`), created once per server: a
 * test's database is a copy of it (`CREATE DATABASE … TEMPLATE`, a few tens of ms) instead of running every migration
 * again.
 */
async function migratedTemplate(admin: PgServerAdmin): Promise<string> {
  const name = `atelier_gabarit_${schemaFingerprint()}`;
  await admin.locked(TEMPLATE_LOCK, async () => {
    if (await admin.exists(name)) return;
    await admin.drop(`${name}_prep`);
    await admin.create(`${name}_prep`);
    const db = openDatabase(databaseAddress(`${name}_prep`));
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    await admin.rename(`${name}_prep`, name);
  });
  return name;
}

/** A fresh, migrated database of its own on the test server; `drop()` removes it, whoever is still connected. */
export interface TestPgDatabase {
  readonly address: StoreAddress;
  /** Creates it (a copy of the migrated template, or empty with `migrated: false`); idempotent. */
  create(): Promise<void>;
  drop(): Promise<void>;
}

/** A test database, named at once and created by `create()` (its address can be handed out before). */
export function testPgDatabase(options: { migrated: boolean } = { migrated: true }): TestPgDatabase {
  const name = `atelier_t_${randomBytes(6).toString('hex')}`;
  let created: Promise<void> | null = null;
  return {
    address: databaseAddress(name),
    create: () =>
      (created ??= PgServerAdmin.with(requireServer(), async (admin) => {
        await admin.create(name, options.migrated ? await migratedTemplate(admin) : 'template0');
      })),
    drop: () => PgServerAdmin.with(requireServer(), (admin) => admin.drop(name)),
  };
}
