import { homedir } from 'node:os';
import { join } from 'node:path';

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
export function resolveDbFile(dbOption: string | undefined, dataDir: string): string {
  return dbOption ?? join(dataDir, DB_FILE_NAME);
}
