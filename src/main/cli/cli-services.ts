import { existsSync } from 'node:fs';
import { defaultDataDir, resolveDbFile } from '../platform/data-dir';
import { createAppServices, type AppServices, type AppServicesOptions } from '../services/app-services';
import { APP_VERSION } from '../version';
import type { WorkerLocation } from '../workers/worker-location';
import { CliError } from './cli-error';

/** Options every command shares. */
export interface CliContext {
  /** Where the job worker is (bundled next to the CLI, or the source file under tests). */
  worker: WorkerLocation;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress redrawn in place rather than printed line by line). */
  interactive: boolean;
}

/**
 * Opens the store a command works on: `--db FILE`, else the user's default store. With `mustExist`, a missing
 * file is a user error rather than a new empty store.
 */
export async function openStore(
  context: CliContext,
  dbOption: string | undefined,
  mustExist: boolean,
  /** `keyDir`: folder of the store's key and anchor (`--key-dir`; default `ATELIER_KEY_DIR`, else the user's key folder). */
  overrides: Pick<AppServicesOptions, 'keyDir'> = {},
): Promise<AppServices> {
  const dataDir = defaultDataDir();
  const dbFile = resolveDbFile(dbOption, dataDir);
  if (mustExist && !existsSync(dbFile)) {
    throw new CliError(`Base introuvable : ${dbFile} (créez-la avec « atelier demo --db ${dbFile} »)`);
  }
  return createAppServices({ dbFile, dataDir, mode: 'cli', worker: context.worker, version: APP_VERSION, ...overrides });
}
