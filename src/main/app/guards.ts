import { app, session, type WebContents } from 'electron';
import { safeOpenExternal } from '../platform/open-external';
import { isAppUrl } from './navigation-policy';
import { APP_ORIGIN } from './protocol';

/**
 * Locks every web contents down: no navigation away from the app in any frame (`will-navigate` and `will-redirect`
 * for the main frame, `will-frame-navigate` for subframes too), no new windows (https links go to the system browser
 * through safeOpenExternal, which asks before sites that are not the State's), no <webview>, and every permission
 * request denied (offline app).
 */
export function installGuards(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, APP_ORIGIN)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (details) => {
      if (!isAppUrl(details.url, APP_ORIGIN)) details.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, APP_ORIGIN)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void safeOpenExternal(url);
      return { action: 'deny' };
    });
  });
}
