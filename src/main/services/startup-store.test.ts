import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreAddress } from '../db/store-address';
import { NO_SEALER, writeStoreChoice } from '../platform/store-choice';
import { engineMissing, testPgDatabase, type TestPgDatabase } from '../testing/pg-test-database';
import { makeTempDir, TEST_WORKER } from '../testing/temp-store';
import type { AppServices } from './app-services';
import { openStartupStore, sharedStoreProblemText, type StartupOptions } from './startup-store';

/**
 * The store a start opens (desktop app and browser mode alike): `--db`, else the choice saved in « Paramètres », and
 * the local store when a saved shared one cannot be used and the user accepts it.
 */

let dir: string;
const opened: AppServices[] = [];

beforeEach(() => {
  dir = makeTempDir();
});
afterEach(async () => {
  for (const services of opened.splice(0)) await services.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(): StartupOptions {
  return { dataDir: dir, mode: 'browser', worker: TEST_WORKER, version: '0.0.0-test', actor: 'testeur', keyDir: join(dir, 'clés'), secretSealer: NO_SEALER };
}

/** Opens the start's store, remembering the services to close them; `fallback` answers as told and records its calls. */
async function start(dbOption: string | undefined, acceptLocal = true): Promise<{ services: AppServices | null; asked: Array<{ problem: string; shared: StoreAddress | null }> }> {
  const asked: Array<{ problem: string; shared: StoreAddress | null }> = [];
  const services = await openStartupStore(dbOption, options(), (problem, shared) => {
    asked.push({ problem, shared });
    return Promise.resolve(acceptLocal);
  });
  if (services !== null) opened.push(services);
  return { services, asked };
}

/** A loopback port that refuses connections: a server bound then closed. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('openStartupStore', () => {
  it('opens the local store when nothing is saved, and the --db store whatever is saved', async () => {
    const local = await start(undefined);
    expect(local.services?.options.storeAddress).toBe(join(dir, 'atelier.sqlite'));
    expect(await local.services?.storeChoice.get()).toMatchObject({ current: { engine: 'sqlite' }, appliedAtStart: true, problem: null });
    expect(local.asked).toEqual([]);

    await writeStoreChoice(dir, { engine: 'postgres', host: '127.0.0.1', port: await closedPort(), database: 'atelier', user: 'agent', password: null });
    const given = await start(join(dir, 'autre.sqlite'));
    expect(given.services?.options.storeAddress).toBe(join(dir, 'autre.sqlite'));
    // Started on a given store, the session says a saved choice applies to starts without --db.
    expect(await given.services?.storeChoice.get()).toMatchObject({ saved: { engine: 'postgres' }, appliedAtStart: false, problem: null });
    expect(given.asked).toEqual([]);
  });

  it('asks when the saved shared store cannot be reached: the local store with the reason shown in Paramètres, or nothing', async () => {
    const port = await closedPort();
    await writeStoreChoice(dir, { engine: 'postgres', host: '127.0.0.1', port, database: 'atelier', user: 'agent', password: null });
    const accepted = await start(undefined, true);
    expect(accepted.asked).toHaveLength(1);
    const [{ problem, shared } = { problem: '', shared: null }] = accepted.asked;
    expect(shared).toBe(`postgres://agent@127.0.0.1:${port}/atelier`);
    expect(problem).toMatch(/refus/i);
    expect(sharedStoreProblemText(problem, shared)).toBe(`Base partagée enregistrée : postgres://agent@127.0.0.1:${port}/atelier — ${problem}`);
    expect(accepted.services?.options.storeAddress).toBe(join(dir, 'atelier.sqlite'));
    expect((await accepted.services?.storeChoice.get())?.problem).toContain(problem);

    const declined = await start(undefined, false);
    expect(declined.services).toBeNull();
  });

  it('asks too when the saved choice cannot be read', async () => {
    await writeStoreChoice(dir, { engine: 'postgres', host: '127.0.0.1', port: 5432, database: 'atelier', user: 'agent', password: 'c2NlbGzDqQ==' });
    // A password sealed by a keychain this process does not have (browser mode): the choice cannot be opened.
    const { services, asked } = await start(undefined);
    expect(asked).toEqual([{ problem: expect.stringContaining('trousseau du système') as string, shared: null }]);
    expect(services?.options.storeAddress).toBe(join(dir, 'atelier.sqlite'));
  });
});

describe.skipIf(engineMissing('postgres'))('openStartupStore on the PostgreSQL test server', () => {
  let database: TestPgDatabase;
  afterEach(async () => {
    await database.drop();
  });

  it('opens the saved shared store, as a start without --db', async () => {
    database = testPgDatabase();
    await database.create();
    const server = new URL(database.address);
    await writeStoreChoice(dir, {
      engine: 'postgres', host: server.hostname, port: Number(server.port), database: server.pathname.slice(1), user: decodeURIComponent(server.username), password: null,
    });
    const { services, asked } = await start(undefined);
    expect(asked).toEqual([]);
    expect(await services?.store.info()).toMatchObject({ engine: 'postgres' });
    expect(await services?.storeChoice.get()).toMatchObject({ current: { engine: 'postgres' }, appliedAtStart: true, problem: null });
  });
});
