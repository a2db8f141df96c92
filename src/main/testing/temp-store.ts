import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/connection';
import { createAppServices, type AppServices, type AppServicesOptions } from '../services/app-services';
import { sourceWorker, type WorkerLocation } from '../workers/worker-location';

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
 * A store on a real SQLite file in its own temp directory. `open()` builds the application services on it
 * (as many times as a test needs, e.g. to simulate a restart); `cleanup()` closes every one still open and
 * removes the directory. Typical use: `new TempStore()` in `beforeEach`, `await store.cleanup()` in `afterEach`.
 */
export class TempStore {
  readonly dir = makeTempDir();
  readonly dbFile = join(this.dir, 'atelier.sqlite');
  /** Folder of the store's key and audit anchor (platform/store-key.ts). */
  readonly keyDir = join(this.dir, 'clés');
  private readonly opened = new Set<AppServices>();
  private connection: StoreConnection | null = null;

  /** Services on this store's file, with the source worker and a fixed actor for the audit log. */
  async open(overrides: Partial<AppServicesOptions> = {}): Promise<AppServices> {
    const services = await createAppServices({
      dbFile: this.dbFile,
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
   * A raw connection to the file (opened once, closed by `cleanup`), for assertions on tables the services do not
   * expose and for setting up states a crashed process leaves behind. Open the services first: it does not migrate.
   */
  sql(): StoreConnection {
    this.connection ??= openDatabase(this.dbFile);
    return this.connection;
  }

  /** Row count of `table`, optionally filtered, read through `sql()`. */
  async count(table: string, where: Record<string, unknown> = {}): Promise<number> {
    const row = (await this.sql()(table).where(where).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Closes what is still open (cancelling running jobs), then deletes the directory. */
  async cleanup(): Promise<void> {
    for (const services of [...this.opened]) await services.close();
    await this.connection?.destroy();
    this.connection = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
