import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/connection';
import type { SqlEngine, StoreAddress } from '../db/store-address';
import { createAppServices, type AppServices, type AppServicesOptions } from '../services/app-services';
import { sourceWorker, type WorkerLocation } from '../workers/worker-location';
import { TEST_STORE_ENGINE, testPgDatabase, type TestPgDatabase } from './pg-test-database';

/**
 * The job worker started from its TypeScript source: tests run on sources, not on the bundle in out/main.
 */
export const TEST_WORKER: WorkerLocation = sourceWorker(fileURLToPath(new URL('../workers/job-worker.ts', import.meta.url)));

/** A key of user-id pseudonyms (hex) for tests that run a worker task directly, without the services' store key. */
export const TEST_PSEUDONYM_KEY = '5a'.repeat(32);

/** A fresh directory under the system temp dir (`atelier-XXXXXX`). */
export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'atelier-'));
}

/** A second connection to a store's file, to look at (or tamper with) its tables as another process would. */
export type StoreConnection = ReturnType<typeof openDatabase>;

/**
 * A store of its own for a test: a real SQLite file in its own temp directory, or (`new TempStore('postgres')`) a
 * database of its own on the test PostgreSQL server (`pg-test-database.ts`), beside a temp directory for keys and
 * exports. `open()` builds the application services on it (as many times as a test needs, e.g. to simulate a
 * restart); `cleanup()` closes every one still open and removes the directory and the database. Typical use:
 * `new TempStore(engine)` in `beforeEach`, `await store.cleanup()` in `afterEach`.
 */
export class TempStore {
  readonly dir = makeTempDir();
  /** The store's address: the SQLite file, or the PostgreSQL database's `postgres://` address. */
  readonly storeAddress: StoreAddress;
  private readonly database: TestPgDatabase | null;
  /** Folder of the store's key and audit anchor (platform/store-key.ts). */
  readonly keyDir = join(this.dir, 'clés');
  private readonly opened = new Set<AppServices>();
  private connection: StoreConnection | null = null;

  constructor(readonly engine: SqlEngine = TEST_STORE_ENGINE) {
    this.database = engine === 'postgres' ? testPgDatabase() : null;
    this.storeAddress = this.database?.address ?? join(this.dir, 'atelier.sqlite');
  }

  /** Creates the PostgreSQL database (migrated) when the store has one; nothing to do for a SQLite file. */
  async ready(): Promise<void> {
    await this.database?.create();
  }

  /** Services on this store's file, with the source worker and a fixed actor for the audit log. */
  async open(overrides: Partial<AppServicesOptions> = {}): Promise<AppServices> {
    await this.ready();
    const services = await createAppServices({
      storeAddress: this.storeAddress,
      dataDir: this.dir,
      mode: 'cli',
      worker: TEST_WORKER,
      version: '0.0.0-test',
      actor: 'testeur',
      // The store's key and anchor, apart from the store but inside the temp dir (never in the user's folders).
      keyDir: this.keyDir,
      ...overrides,
    });
    const close = services.close.bind(services);
    const tracked: AppServices = {
      ...services,
      close: async () => {
        if (!this.opened.delete(tracked)) return;
        await close();
      },
    };
    this.opened.add(tracked);
    return tracked;
  }

  /**
   * A raw connection to the store (opened once, closed by `cleanup`), for assertions on tables the services do not
   * expose and for setting up states a crashed process leaves behind. Open the services (or `ready()`) first: it
   * neither migrates nor creates the database.
   */
  sql(): StoreConnection {
    this.connection ??= openDatabase(this.storeAddress);
    return this.connection;
  }

  /** Row count of `table`, optionally filtered, read through `sql()`. */
  async count(table: string, where: Record<string, unknown> = {}): Promise<number> {
    const row = (await this.sql()(table).where(where).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Closes what is still open (cancelling running jobs), then deletes the directory and the database. */
  async cleanup(): Promise<void> {
    for (const services of [...this.opened]) await services.close();
    await this.connection?.destroy();
    this.connection = null;
    await this.database?.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
