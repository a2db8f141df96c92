import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf, RENDERER_CSP, resolveStaticPath } from '../static/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'atelier';
/** Origin of the renderer: `app://atelier`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before `app.ready`: makes `app://` a secure, standard scheme (fetch, storage, CSP work as on https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer on `app://atelier/…`: GET only, host checked, paths confined to the renderer
 * directory (no traversal), CSP sent as a header too.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== APP_HOST) return new Response('Interdit', { status: 403 });
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (!file) return new Response('Introuvable', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': RENDERER_CSP, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('Introuvable', { status: 404 });
    }
  });
}
