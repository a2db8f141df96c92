import { existsSync } from 'node:fs';
import { connectionRefusal } from '../db/pg-errors';
import { describeStore, postgresAddressProblem, storeEngine } from '../db/store-address';
import { defaultDataDir, resolveStoreAddress } from '../platform/data-dir';
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
 * Opens the store a command works on: `--db FILE` or `--db postgres://…`, else the user's default store. With
 * `mustExist`, a missing file is a user error rather than a new empty store (a PostgreSQL database must exist: it is
 * migrated on first use). A server that refuses the connection is a user error naming the address (never its
 * password).
 */
export async function openStore(
  context: CliContext,
  dbOption: string | undefined,
  mustExist: boolean,
  /** `keyDir`: folder of the store's key and anchor (`--key-dir`; default `ATELIER_KEY_DIR`, else the user's key folder). */
  overrides: Pick<AppServicesOptions, 'keyDir'> = {},
): Promise<AppServices> {
  const dataDir = defaultDataDir();
  const storeAddress = resolveStoreAddress(dbOption, dataDir);
  if (storeEngine(storeAddress) === 'postgres') {
    const problem = postgresAddressProblem(storeAddress);
    if (problem !== null) throw new CliError(`Base PostgreSQL ${describeStore(storeAddress)} : ${problem}`);
  } else if (mustExist && !existsSync(storeAddress)) {
    throw new CliError(`Base introuvable : ${storeAddress} (créez-la avec « atelier demo --db ${storeAddress} »)`);
  }
  try {
    return await createAppServices({ storeAddress, dataDir, mode: 'cli', worker: context.worker, version: APP_VERSION, ...overrides });
  } catch (error) {
    const refusal = connectionRefusal(error);
    if (refusal !== null) throw new CliError(`Base ${describeStore(storeAddress)} : ${refusal}`);
    throw error;
  }
}
