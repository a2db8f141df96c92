import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventBus } from '../events/event-bus';
import type { Dispatch } from '../ipc/dispatcher';
import { contentTypeOf, RENDERER_CSP, resolveStaticPath } from '../static/static-files';

export interface HttpBridgeOptions {
  dispatch: Dispatch;
  bus: EventBus;
  /** Built renderer to serve (`out/renderer`), or null to serve the API only. */
  staticDir: string | null;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Secret of this launch; random (256 bits) when not given. */
  token?: string;
}

export interface HttpBridge {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Address to open: the origin with the token in the fragment (never sent over the network by browsers). */
  readonly launchUrl: string;
  readonly token: string;
  close(): Promise<void>;
}

/** Largest accepted request body, in bytes: requests are small JSON documents. */
const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 25_000;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The browser-mode transport: serves the built renderer and the contract on 127.0.0.1 only.
 * Every API request needs the launch token (bearer); Host and Origin must name this very server, which stops
 * DNS-rebinding and cross-site requests; bodies are JSON and size-limited; push events go out as SSE.
 */
export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const allowedHosts = new Set<string>();
  const allowedOrigins = new Set<string>();
  const streams = new Set<ServerResponse>();

  const authorized = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'forbidden', 'Méthode non autorisée');
    const file = options.staticDir ? resolveStaticPath(options.staticDir, path) : null;
    if (!file) return refuse(res, 404, 'not_found', 'Introuvable');
    try {
      const content = await readFile(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': RENDERER_CSP,
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : content);
    } catch {
      refuse(res, 404, 'not_found', 'Introuvable');
    }
  };

  const openEventStream = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connecté\n\n');
    streams.add(res);
    const unsubscribe = options.bus.subscribe((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 403, 'forbidden', 'Hôte refusé');
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) return refuse(res, 403, 'forbidden', 'Origine refusée');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith('/api/')) return serveStatic(req, res, path);

    if (!authorized(req)) return refuse(res, 401, 'unauthorized', 'Jeton d’accès absent ou invalide');
    if (path === '/api/events') {
      if (req.method !== 'GET') return refuse(res, 405, 'forbidden', 'Méthode non autorisée');
      return openEventStream(req, res);
    }
    if (req.method !== 'POST') return refuse(res, 405, 'forbidden', 'Méthode non autorisée');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'invalid_input', 'Le corps de la requête doit être du JSON');
    }
    const body = await readBody(req);
    if (body === null) return refuse(res, 413, 'invalid_input', 'Requête trop volumineuse');
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return refuse(res, 400, 'invalid_input', 'JSON invalide');
    }
    let channel: string;
    try {
      channel = decodeURIComponent(path.slice('/api/'.length));
    } catch {
      return refuse(res, 400, 'invalid_input', 'Nom de canal mal encodé');
    }
    sendJson(res, 200, await options.dispatch(channel, payload));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('Erreur du pont HTTP', error);
      if (!res.headersSent) refuse(res, 500, 'internal', 'Erreur interne');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
    allowedHosts.add(host);
    allowedOrigins.add(`http://${host}`);
  }

  return {
    origin,
    launchUrl: `${origin}/#token=${token}`,
    token,
    async close() {
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would otherwise hold the server open until they time out.
      server.closeAllConnections();
      await closed;
    },
  };
}
