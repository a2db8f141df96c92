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
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Path of the bundled preload next to the main bundle. */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.js');
}
