/**
 * True when `url` stays on the app's own origin (`app://atelier`): the only place the app's pages may navigate to,
 * in the main frame and in any subframe (`guards.ts`). Links to other sites leave through `safeOpenExternal`,
 * never inside the app. Compares scheme and host as parsed (Node gives no origin for custom schemes, nor lowercases their host), so
 * `app://atelier.exemple.com/` or `app://atelier@exemple.com/` do not pass. Pure, tested without Electron.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appOrigin);
    return target.protocol === app.protocol && target.host.toLowerCase() === app.host.toLowerCase() && target.username === '' && target.password === '';
  } catch {
    return false;
  }
}
