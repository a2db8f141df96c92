import type { Api, PreloadBridge } from '@shared/ipc/api';
import { createApi, electronTransport, httpTransport } from './client';

declare global {
  interface Window {
    /** Present only inside the Electron window, exposed by the preload. */
    atelier?: PreloadBridge;
  }
}

const TOKEN_KEY = 'atelier.token';

/**
 * In browser mode the launch URL carries the bridge's token in its fragment (`#token=…`): keep it for this
 * tab's session and remove it from the address bar so it is not bookmarked or shared by accident.
 */
function browserToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/**
 * Picks the transport: Electron's preload bridge when present, else the loopback HTTP bridge of this origin, which
 * calls `onUnauthorized` when it refuses the tab's token (the Electron window needs none).
 */
export function connectApi(onUnauthorized?: () => void): Api {
  if (window.atelier) return createApi(electronTransport(window.atelier));
  return createApi(httpTransport(window.location.origin, browserToken(), onUnauthorized ? { onUnauthorized } : {}));
}

/**
 * Paths on disk of files dropped on the page, read through the preload bridge; files without a path (anything
 * that is not a local file) are left out. Empty in browser mode, where a dropped `File` carries no path.
 */
export function droppedFilePaths(files: readonly File[]): string[] {
  const bridge = window.atelier;
  if (!bridge) return [];
  return files.map((file) => bridge.pathForFile(file)).filter((path) => path !== '');
}
