import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { installGuards } from './app/guards';
import { applyAppLocale } from './app/locale';
import { registerAppScheme, serveRenderer } from './app/protocol';
import { importOpenedFiles } from './app/open-extracts';
import { commandLineFiles, OpenedFilesQueue, sortOpenedPaths } from './app/opened-files';
import { bringToFront, createMainWindow, preloadPath } from './app/window';
import { askLocalStore } from './app/startup-store';
import { openStartupStore } from './services/startup-store';
import { createDispatcher } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register-electron';
import { openFolder, pickExtractFiles } from './platform/dialogs';
import { safeStorageProtector } from './platform/key-protector-electron';
import { safeStorageSealer } from './platform/secret-sealer-electron';
import type { AppServices, AppServicesOptions } from './services/app-services';
import { APP_VERSION } from './version';
import { bundledWorker } from './workers/worker-location';

/** `--db FILE` on the command line chooses another store, as for the CLI and the browser mode. */
function dbOption(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--db');
  return index >= 0 ? argv[index + 1] : argv.find((arg) => arg.startsWith('--db='))?.slice('--db='.length);
}

/**
 * `ATELIER_KEY_PROTECTION=keychain`: a new store key is wrapped by the system keychain (Electron `safeStorage`) where
 * it offers real protection. Opt-in, since the command line can then no longer open that store's key (docs/review.md).
 */
function keychainProtection(): Pick<AppServicesOptions, 'keyProtector'> {
  const protector = process.env.ATELIER_KEY_PROTECTION === 'keychain' ? safeStorageProtector() : null;
  return protector ? { keyProtector: protector } : {};
}

/** Entries of a command line before the files it opens: the executable, and the app's path under `electron <app>`. */
const ARGV_SKIP = process.defaultApp ? 2 : 1;
/** Extracts opened with the app, waiting until the store and the window are there. */
const openedFiles = new OpenedFilesQueue();
let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;

/** The one running app: its store, its window, and the extracts it is opened with (docs/packaging.md). */
function startApp(): void {
  openedFiles.add(commandLineFiles(process.argv, { skip: ARGV_SKIP, cwd: process.cwd() }));
  // macOS hands opened files (Finder, Dock) by event, possibly before ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openedFiles.add(sortOpenedPaths([path], process.cwd()));
  });
  // A second launch (Windows and Linux open each file so) stops at once; its files come here, in its directory.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) bringToFront(mainWindow);
    openedFiles.add(commandLineFiles(argv, { skip: ARGV_SKIP, cwd: workingDirectory }));
  });

  registerAppScheme();
  // Before ready: Chromium reads its locale once, and date fields follow it (French, whatever the system's language).
  applyAppLocale(app.commandLine);

  app.whenReady().then(
    async () => {
      const dataDir = process.env.ATELIER_DATA_DIR ?? app.getPath('userData');
      try {
        // `--db`, else the store chosen in Paramètres: a shared one that fails offers the local one for the session.
        services = await openStartupStore(dbOption(process.argv), {
          dataDir,
          mode: 'electron',
          worker: bundledWorker(__dirname),
          version: APP_VERSION,
          secretSealer: safeStorageSealer,
          ...keychainProtection(),
        }, askLocalStore);
      } catch (error) {
        // Never run on a half-migrated store: say why and stop.
        dialog.showErrorBox('Atelier Covoiturage', `La base de données n’a pas pu être ouverte ou mise à jour :\n${String(error)}`);
        app.exit(1);
        return;
      }
      if (services === null) {
        // The user chose to quit rather than work on the local store.
        app.exit(0);
        return;
      }
      installGuards();
      serveRenderer(join(__dirname, '../renderer'));
      registerIpc(createDispatcher(createHandlers(services, 'electron', { pickExtractFiles, openFolder })), services.bus);
      const window = createMainWindow(preloadPath(__dirname));
      mainWindow = window;
      const imports = services.imports;
      openedFiles.start((opened) => void importOpenedFiles(window, imports, opened));
    },
    (error: unknown) => {
      console.error(error);
      app.exit(1);
    },
  );

  app.on('window-all-closed', () => {
    const closing = services?.close() ?? Promise.resolve();
    void closing.finally(() => app.quit());
  });
}

// One app per user: a second launch hands its files to the first one (`second-instance`) and quits.
if (app.requestSingleInstanceLock()) startApp();
else app.quit();
