import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './protocol';

/** Opens the main window with the secure baseline: isolated, sandboxed, no Node in the page. */
export function createMainWindow(preloadFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Atelier Covoiturage',
    show: false,
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  showPage(window, '/');
  return window;
}

/**
 * Shows a page of the app (a route of the renderer's hash router, `/donnees`). Once the app is loaded, only the
 * fragment changes: the router follows it and nothing reloads. While the window still loads, that load is replaced,
 * which rejects its promise (`ERR_ABORTED`): expected, not an error.
 */
export function showPage(window: BrowserWindow, route: string): void {
  window.loadURL(`${APP_ORIGIN}/index.html#${route}`).catch((error: unknown) => {
    if (!String(error).includes('ERR_ABORTED')) console.error(`Affichage de la page ${route} impossible`, error);
  });
}

/**
 * Brings the window to the front, restored if it was minimised (a second launch of the app lands here). A window
 * not shown yet shows itself when its page is ready.
 */
export function bringToFront(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (window.isVisible()) window.focus();
}

/** Path of the bundled preload next to the main bundle. */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.js');
}
