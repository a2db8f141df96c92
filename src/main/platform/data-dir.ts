import { chmodSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { makePrivateDirSync, PRIVATE_DIR_MODE } from './private-files';

/** Name of the per-user data folder, the same Electron derives from package.json `productName`. */
export const APP_FOLDER = 'Atelier Covoiturage';
export const DB_FILE_NAME = 'atelier.sqlite';

/**
 * The per-user data directory outside Electron (browser mode, CLI), matching Electron's `userData` so the
 * desktop app, the browser mode and the CLI share one store by default. `ATELIER_DATA_DIR` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ATELIER_DATA_DIR) return env.ATELIER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

/** The store file: `--db FILE` when given, else `atelier.sqlite` in the data directory. */
export function resolveStoreAddress(dbOption: string | undefined, dataDir: string): string {
  return dbOption ?? join(dataDir, DB_FILE_NAME);
}

/**
 * Makes the data directory private before the store opens: created `0700` when missing (docs/privacy.md). On POSIX,
 * the app's own folder (named `Atelier Covoiturage`, as Electron's `userData`) left readable by other accounts by an
 * earlier version is restricted to `0700` too, which also hides the store and exports it already holds. A folder of
 * another name (`ATELIER_DATA_DIR`, `--data-dir`) may be shared on purpose: it is left as it is. Nothing to do on
 * Windows, where `%APPDATA%` is private to the user through the profile's ACL.
 */
export function prepareDataDir(dataDir: string, platform: NodeJS.Platform = process.platform): void {
  makePrivateDirSync(dataDir);
  if (platform === 'win32' || basename(dataDir) !== APP_FOLDER) return;
  const info = statSync(dataDir);
  const ownedByUser = typeof process.getuid !== 'function' || info.uid === process.getuid();
  if (ownedByUser && (info.mode & 0o077) !== 0) chmodSync(dataDir, PRIVATE_DIR_MODE);
}
