import { app, session, type WebContents } from 'electron';
import { safeOpenExternal } from '../platform/open-external';
import { APP_ORIGIN } from './protocol';

/**
 * Locks every web contents down: no navigation away from the app, no new windows (http(s) links go to the
 * system browser through safeOpenExternal), no <webview>, and every permission request denied (offline app).
 */
export function installGuards(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void safeOpenExternal(url);
      return { action: 'deny' };
    });
  });
}
