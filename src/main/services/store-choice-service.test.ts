import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract';
import { openDatabase } from '../db/connection';
import { migrationNames } from '../db/migrations';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { NO_SEALER, storeChoicePath, type SecretSealer } from '../platform/store-choice';
import { engineMissing, TEST_PG_URL, testPgDatabase, type TestPgDatabase } from '../testing/pg-test-database';
import { makeTempDir, TempStore } from '../testing/temp-store';
import { testSealer } from '../testing/test-sealer';
import { connectionFailure, StoreChoiceService, testStoreConnection } from './store-choice-service';

const SERVER = { host: 'pg.dreal.example', port: 5432, database: 'atelier', user: 'agent' };
const PASSWORD = 'Trés-secret 42 !';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function service(sealer: SecretSealer = testSealer(), overrides: { startupProblem?: string; testTimeoutMs?: number } = {}): StoreChoiceService {
  return new StoreChoiceService({
    dataDir: dir,
    currentAddress: join(dir, 'atelier.sqlite'),
    appliedAtStart: true,
    sealer,
    startupProblem: overrides.startupProblem ?? null,
    ...(overrides.testTimeoutMs === undefined ? {} : { testTimeoutMs: overrides.testTimeoutMs }),
  });
}

describe('StoreChoiceService settings', () => {
  it('starts on the local store, nothing saved, and tells what the keychain allows', async () => {
    expect(await service().get()).toEqual({
      current: { engine: 'sqlite', location: join(dir, 'atelier.sqlite') },
      saved: { engine: 'sqlite' },
      passwordStored: false,
      keychainAvailable: true,
      appliedAtStart: true,
      problem: null,
    });
    expect(await service(NO_SEALER, { startupProblem: 'Connexion impossible à postgres://agent@pg:5432/atelier : hôte inconnu.' }).get()).toMatchObject({
      keychainAvailable: false,
      problem: 'Au démarrage, la base partagée enregistrée n’a pas pu être utilisée. Connexion impossible à postgres://agent@pg:5432/atelier : hôte inconnu.',
    });
  });

  it('shows a choice file it cannot read as a problem, and saving replaces it', async () => {
    writeFileSync(storeChoicePath(dir), 'pas du json');
    expect(await service().get()).toMatchObject({ saved: { engine: 'sqlite' }, problem: expect.stringMatching(/^Choix de la base illisible .*ce n’est pas du JSON/) });
    expect(await service().save({ engine: 'postgres', ...SERVER })).toMatchObject({ saved: { engine: 'postgres', ...SERVER }, passwordStored: false, problem: null });
  });

  it('saves a shared store with its password sealed, and never answers the password', async () => {
    const setup = await service().save({ engine: 'postgres', ...SERVER, password: PASSWORD });
    expect(setup.saved).toEqual({ engine: 'postgres', ...SERVER });
    expect(setup.passwordStored).toBe(true);
    expect(JSON.stringify(setup)).not.toContain(PASSWORD);
    expect(readFileSync(storeChoicePath(dir), 'utf8')).not.toContain(PASSWORD);
  });

  it('keeps the password of the same server when saved again without one, and drops it for another server', async () => {
    await service().save({ engine: 'postgres', ...SERVER, password: PASSWORD });
    expect((await service().save({ engine: 'postgres', ...SERVER })).passwordStored).toBe(true);
    expect((await service().save({ engine: 'postgres', ...SERVER, user: 'autre' })).passwordStored).toBe(false);
  });

  it('keeps no password without a keychain, and goes back to the local store', async () => {
    const setup = await service(NO_SEALER).save({ engine: 'postgres', ...SERVER, password: PASSWORD });
    expect(setup).toMatchObject({ saved: { engine: 'postgres', ...SERVER }, passwordStored: false, keychainAvailable: false });
    expect(readFileSync(storeChoicePath(dir), 'utf8')).not.toContain(PASSWORD);
    expect((await service().save({ engine: 'sqlite' })).saved).toEqual({ engine: 'sqlite' });
  });

  it('tests with the password kept for that server when none is typed, and only for that server', async () => {
    const sealer = testSealer();
    await service(sealer).save({ engine: 'postgres', ...SERVER, password: PASSWORD });
    // Port 1, where nobody listens: each test fails at once, the kept password opened or not before.
    await service(sealer, { testTimeoutMs: 500 }).test({ ...SERVER, host: '127.0.0.1', port: 1 });
    expect(sealer.opened).toBe(0);
    await service(sealer).save({ engine: 'postgres', ...SERVER, host: '127.0.0.1', port: 1, password: PASSWORD });
    await service(sealer, { testTimeoutMs: 500 }).test({ ...SERVER, host: '127.0.0.1', port: 1 });
    expect(sealer.opened).toBe(1);
    await service(sealer, { testTimeoutMs: 500 }).test({ ...SERVER, host: '127.0.0.1', port: 1 }, 'tapé');
    expect(sealer.opened).toBe(1);
  });
});

describe('connection failures in French', () => {
  const address = 'postgres://agent:secret@pg.dreal.example:5432/atelier';

  it('names the server without the password and says why', () => {
    expect(connectionFailure(address, Object.assign(new Error('password authentication failed for user "agent"'), { code: '28P01' }))).toBe(
      'Connexion impossible à postgres://agent:***@pg.dreal.example:5432/atelier : mot de passe refusé par le serveur (vérifiez l’utilisateur, PGPASSWORD ou ~/.pgpass).',
    );
    expect(connectionFailure(address, new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'))).toMatch(/le serveur demande un mot de passe/);
    expect(connectionFailure(address, new Error('timeout expired'))).toMatch(/le serveur ne répond pas \(délai dépassé\)/);
    expect(connectionFailure(address, new Error('quelque chose d’autre'))).toMatch(/: quelque chose d’autre\.$/);
  });

  it('gives up on a server that accepts the connection but never answers, after the timeout', async () => {
    // Keeps what it accepts, to close it at the end (the server's side of a socket outlives the client giving up).
    const accepted: Socket[] = [];
    const silent: Server = createServer((socket) => void accepted.push(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    const result = await testStoreConnection(`postgres://agent@127.0.0.1:${port}/atelier`, 300);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result).toEqual({ ok: false, serverVersion: null, message: `Connexion impossible à postgres://agent@127.0.0.1:${port}/atelier : le serveur ne répond pas (délai dépassé).` });
    for (const socket of accepted) socket.destroy();
    await new Promise((done) => silent.close(done));
  });
});

describe.skipIf(engineMissing('postgres'))('connection test on the PostgreSQL test server', () => {
  const server = new URL(TEST_PG_URL ?? 'postgres://absent');
  const target = { host: server.hostname, port: Number(server.port || 5432), user: decodeURIComponent(server.username) };
  const databases: TestPgDatabase[] = [];

  /** A database of its own on the test server (migrated, or empty). */
  async function database(migrated: boolean): Promise<{ name: string; address: string }> {
    const created = testPgDatabase({ migrated });
    databases.push(created);
    await created.create();
    return { name: new URL(created.address).pathname.slice(1), address: created.address };
  }

  afterAll(async () => {
    for (const created of databases) await created.drop();
  });

  it('finds an empty database ready to be prepared at the first start', async () => {
    const { name } = await database(false);
    const result = await service().test({ ...target, database: name });
    expect(result.ok).toBe(true);
    expect(result.serverVersion).toMatch(/^\d+\.\d+$/);
    expect(result.message).toBe(`Connexion réussie : PostgreSQL ${result.serverVersion}, base vide : elle sera préparée au premier démarrage.`);
  });

  it('tells an up-to-date store from one of an older or newer version', async () => {
    const { name, address } = await database(true);
    expect((await service().test({ ...target, database: name })).message).toMatch(/, base d’Atelier Covoiturage à jour\.$/);
    const db = openDatabase(address);
    try {
      await db('knex_migrations').where({ name: migrationNames.at(-1) }).del();
      expect(await service().test({ ...target, database: name })).toMatchObject({ ok: true, message: expect.stringMatching(/d’une version précédente : elle sera mise à jour au premier démarrage\.$/) });
      await db('knex_migrations').insert({ name: '209901010000_future', batch: 9, migration_time: new Date() });
      expect(await service().test({ ...target, database: name })).toMatchObject({ ok: false, message: expect.stringMatching(/version plus récente d’Atelier Covoiturage/) });
    } finally {
      await db.destroy();
    }
  });

  it('refuses a database that holds other tables than the application’s', async () => {
    const { name, address } = await database(false);
    const db = openDatabase(address);
    try {
      await db.schema.createTable('inventaire', (table) => table.increments('id'));
    } finally {
      await db.destroy();
    }
    expect(await service().test({ ...target, database: name })).toMatchObject({ ok: false, message: expect.stringMatching(/contient déjà des tables qui ne sont pas celles d’Atelier Covoiturage/) });
  });

  it('says so for a database that does not exist, an unknown user and a port where no server listens', async () => {
    expect(await service().test({ ...target, database: 'atelier_absente' })).toEqual({
      ok: false,
      serverVersion: null,
      message: `Connexion impossible à postgres://${target.user}@${target.host}:${target.port}/atelier_absente : cette base n’existe pas sur le serveur (demandez à son administrateur de la créer).`,
    });
    expect((await service().test({ ...target, database: 'postgres', user: 'inconnu_atelier' })).message).toMatch(/connexion refusée par le serveur pour cet utilisateur/);
    const closed = await freePort();
    expect((await service().test({ ...target, port: closed, database: 'postgres' })).message).toBe(
      `Connexion impossible à postgres://${target.user}@${target.host}:${closed}/postgres : serveur injoignable : connexion refusée (vérifiez l’hôte et le port).`,
    );
  });
});

/** A TCP port nobody listens on (just released by the system). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return port;
}

describe('settings channels over the real services', () => {
  let store: TempStore;
  beforeAll(() => {
    store = new TempStore();
  });
  afterAll(async () => {
    await store.cleanup();
  });

  it('answers the store in use, saves a choice without ever answering its password, and refuses a bad host', async () => {
    const services = await store.open();
    const dispatch = createDispatcher(createHandlers(services, 'browser'), { checkResponses: true });
    const got = await dispatch('settings:store-get', {});
    expect(got).toMatchObject({ ok: true, data: { current: { engine: store.engine }, saved: { engine: 'sqlite' }, keychainAvailable: false, appliedAtStart: false } });
    const saved = await dispatch('settings:store-save', { engine: 'postgres', ...SERVER, password: PASSWORD });
    expect(saved.ok && contract['settings:store-save'].res.parse(saved.data).saved).toEqual({ engine: 'postgres', ...SERVER });
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    const refused = await dispatch('settings:store-test', { ...SERVER, host: 'pg.dreal.example/autre' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('host : nom d’hôte ou adresse IPv4 attendu') } });
  });
});
