import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../shared/ipc/channels';
import { contract, events as eventSchemas } from '../../shared/ipc/contract';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import type { AppServices } from '../services/app-services';
import { migrationNames } from '../db/migrations';
import { RENDERER_CSP } from '../static/static-files';
import { TempStore } from '../testing/temp-store';
import { startHttpBridge, type HttpBridge } from './http-bridge';

const TOKEN = 'jeton-de-test-0123456789';
const INDEX_HTML = '<!doctype html><title>Atelier</title>';

let store: TempStore;
let services: AppServices;
let bridge: HttpBridge;
let dispatch: ReturnType<typeof vi.fn<Dispatch>>;
let host: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request (node:http lets the test set Host and Origin, and sends the path unnormalised). */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(host.split(':')[1]), path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A well-formed API call, each part of which a test may spoil. */
function api(channel: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Answer> {
  return send(`/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

beforeEach(async () => {
  store = new TempStore();
  services = await store.open();
  const staticDir = join(store.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(store.dir, 'secret.txt'), 'ne doit pas sortir');
  dispatch = vi.fn(createDispatcher(createHandlers(services, 'browser'), { checkResponses: true }));
  bridge = await startHttpBridge({ dispatch, bus: services.bus, staticDir, token: TOKEN });
  host = new URL(bridge.origin).host;
});

afterEach(async () => {
  await bridge.close();
  await store.cleanup();
});

describe('HTTP bridge — access control', () => {
  it('listens on 127.0.0.1 and puts the token in the launch URL fragment only', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.launchUrl).toBe(`${bridge.origin}/#token=${TOKEN}`);
  });

  it('generates a long random token when none is given', async () => {
    const other = await startHttpBridge({ dispatch, bus: services.bus, staticDir: null });
    try {
      expect(other.token).toMatch(/^[\w-]{43}$/);
      expect(other.token).not.toBe(TOKEN);
    } finally {
      await other.close();
    }
  });

  it('refuses a request without token (401) and runs no handler', async () => {
    const answer = await send('/api/demo:start', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(await services.jobs.list()).toEqual([]);
  });

  it.each([
    ['a wrong token', `Bearer ${TOKEN.slice(0, -1)}x`],
    ['a token of another length', `Bearer ${TOKEN}0`],
    ['the token without the Bearer scheme', TOKEN],
  ])('refuses %s (401)', async (_label, authorization) => {
    const answer = await api('store:info', {}, { authorization });
    expect(answer.status).toBe(401);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a foreign Host (DNS rebinding) with 403, even with the token', async () => {
    const port = host.split(':')[1];
    const answer = await api('store:info', {}, { host: `evil.example:${port}` });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Hôte refusé' } });
    expect((await send('/', { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a foreign Origin (cross-site request) with 403, even with the token', async () => {
    const answer = await api('store:info', {}, { origin: 'http://evil.example' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { message: 'Origine refusée' } });
    expect((await api('store:info', {}, { origin: `http://localhost:${host.split(':')[1]}9` })).status).toBe(403);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts its own origin and the localhost spelling of its host', async () => {
    expect((await api('store:info', {}, { origin: bridge.origin })).status).toBe(200);
    expect((await api('store:info', {}, { host: `localhost:${host.split(':')[1]}` })).status).toBe(200);
  });
});

describe('HTTP bridge — API requests', () => {
  it('answers a valid store:info with 200 and a contract-conforming result', async () => {
    const answer = await api('store:info');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    const body = JSON.parse(answer.body) as { ok: boolean; data: unknown };
    expect(body.ok).toBe(true);
    expect(contract['store:info'].res.parse(body.data)).toMatchObject({ engine: 'sqlite', location: store.storeAddress, migrationCount: migrationNames.length });
  });

  it('passes contract errors through in the envelope with 200', async () => {
    const invalid = JSON.parse((await api('demo:start', { trips: 5 })).body) as { ok: boolean; error: { code: string; message: string } };
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(invalid.error.message).toContain('trips');
    expect(JSON.parse((await api('db:drop')).body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('treats an empty body as an empty request', async () => {
    const answer = await send('/api/settings:list', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, data: { 'demo.defaultTrips': 20_000 } });
  });

  it('refuses a body that is not JSON: wrong type 415, malformed 400', async () => {
    const plain = await api('store:info', {}, { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body)).toMatchObject({ error: { code: 'invalid_input' } });
    const malformed = await send('/api/store:info', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"trips":',
    });
    expect(malformed.status).toBe(400);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const huge = await fetch(`${bridge.origin}/api/store:info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Requête trop volumineuse' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('only accepts POST on API channels and GET on the event stream', async () => {
    expect((await send('/api/store:info', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
    expect((await send('/api/events', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
    expect((await send('/api/events')).status).toBe(401);
  });
});

describe('HTTP bridge — event stream', () => {
  it('streams job:progress then job:done to a client holding the token', async () => {
    const controller = new AbortController();
    const response = await fetch(`${bridge.origin}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body?.getReader();
    if (!reader) throw new Error('flux absent');
    const decoder = new TextDecoder();

    let buffer = '';
    const received: Array<{ event: EventName; data: unknown }> = [];
    let started = false;
    let jobId = '';
    try {
      while (!received.some((r) => r.event === 'job:done')) {
        const { value, done } = await reader.read();
        if (done) throw new Error('flux fermé avant job:done');
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (event && data) received.push({ event: event as EventName, data: JSON.parse(data) });
        }
        // The greeting comment proves the subscription exists: only then start the job.
        if (!started) {
          started = true;
          const answer = JSON.parse((await api('demo:start', { trips: 1_000, seed: 9 })).body) as { ok: true; data: { jobId: string } };
          jobId = answer.data.jobId;
        }
      }
    } finally {
      controller.abort();
    }

    for (const { event, data } of received) eventSchemas[event].parse(data);
    const progress = received.filter((r) => r.event === 'job:progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]?.data).toMatchObject({ jobId, kind: 'demo.load', total: 1_000 });
    expect(received.find((r) => r.event === 'job:done')?.data).toMatchObject({ jobId, status: 'done' });
    expect(received.findIndex((r) => r.event === 'job:progress')).toBeLessThan(received.findIndex((r) => r.event === 'job:done'));
  });
});

describe('HTTP bridge — static files', () => {
  it('serves index.html at / with the Content-Security-Policy and security headers', async () => {
    const answer = await send('/');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(INDEX_HTML);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('needs no token for the page itself, but still checks the Host', async () => {
    expect((await send('/index.html')).status).toBe(200);
    expect((await send('/index.html', { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/index.html%00', '/absent.js'])(
    'answers 404 for %s',
    async (path) => {
      const answer = await send(path);
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('ne doit pas sortir');
    },
  );

  it('refuses other methods than GET and HEAD on pages', async () => {
    expect((await send('/', { method: 'POST' })).status).toBe(405);
    const head = await send('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});
