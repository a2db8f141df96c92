import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-store';
import { testSealer } from '../testing/test-sealer';
import {
  NO_SEALER, openPassword, postgresStoreAddress, readStoreChoice, savedStoreAddress, sealPassword, storeChoicePath, writeStoreChoice,
} from './store-choice';

const sealer = testSealer();
const SERVER = { host: 'pg.dreal.example', port: 5433, database: 'atelier', user: 'agent' };
const PASSWORD = 'mot de passe : é@/?#%';

let dir: string;
beforeEach(() => {
  dir = join(makeTempDir(), 'données');
});
afterEach(() => {
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('store choice file', () => {
  it('is the local store when nothing was saved', async () => {
    expect(await readStoreChoice(dir)).toEqual({ engine: 'sqlite' });
    expect(await savedStoreAddress(dir, sealer)).toBeNull();
  });

  it('keeps a shared store with its sealed password, never the password in clear', async () => {
    await writeStoreChoice(dir, { engine: 'postgres', ...SERVER, password: sealPassword(PASSWORD, sealer) });
    const text = readFileSync(storeChoicePath(dir), 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    const choice = await readStoreChoice(dir);
    expect(choice).toMatchObject({ engine: 'postgres', ...SERVER });
    expect(openPassword(choice, sealer)).toBe(PASSWORD);
    // The address opens with the password, URL-encoded whatever it holds.
    const address = new URL((await savedStoreAddress(dir, sealer)) ?? '');
    expect([address.hostname, address.port, address.pathname, address.username]).toEqual(['pg.dreal.example', '5433', '/atelier', 'agent']);
    expect(decodeURIComponent(address.password)).toBe(PASSWORD);
  });

  it.skipIf(process.platform === 'win32')('is readable by the user only (0600, in a 0700 folder it creates)', async () => {
    await writeStoreChoice(dir, { engine: 'sqlite' });
    expect(statSync(storeChoicePath(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // Replaced, not rewritten in place: a file left readable by others becomes private again.
    writeFileSync(storeChoicePath(dir), '{"engine":"sqlite"}', { mode: 0o644 });
    await writeStoreChoice(dir, { engine: 'postgres', ...SERVER, password: null });
    expect(statSync(storeChoicePath(dir)).mode & 0o777).toBe(0o600);
    expect(await readStoreChoice(dir)).toEqual({ engine: 'postgres', ...SERVER, password: null });
  });

  it('keeps no password where there is no keychain: the address then has none (PGPASSWORD, ~/.pgpass)', async () => {
    const sealed = sealPassword(PASSWORD, NO_SEALER);
    expect(sealed).toBeNull();
    await writeStoreChoice(dir, { engine: 'postgres', ...SERVER, password: sealed });
    expect(readFileSync(storeChoicePath(dir), 'utf8')).not.toContain(PASSWORD);
    expect(await savedStoreAddress(dir, NO_SEALER)).toBe('postgres://agent@pg.dreal.example:5433/atelier');
  });

  it('says in French when the kept password cannot be opened, or the file cannot be read', async () => {
    const foreign = { engine: 'postgres' as const, ...SERVER, password: Buffer.from('autre trousseau').toString('base64') };
    expect(() => openPassword(foreign, sealer)).toThrow(/ne peut plus être ouvert par le trousseau du système/);
    expect(() => openPassword(foreign, NO_SEALER)).toThrow(/trousseau du système n’est pas disponible/);
    await writeStoreChoice(dir, { engine: 'sqlite' });
    writeFileSync(storeChoicePath(dir), '{ pas du json');
    await expect(readStoreChoice(dir)).rejects.toThrow(/Choix de la base illisible .* ce n’est pas du JSON/);
    writeFileSync(storeChoicePath(dir), '{"engine":"postgres","host":"h"}');
    await expect(readStoreChoice(dir)).rejects.toThrow(/contenu inattendu/);
  });

  it('encodes the user name of an address', () => {
    expect(postgresStoreAddress({ ...SERVER, user: 'agent@serveur' })).toBe('postgres://agent%40serveur@pg.dreal.example:5433/atelier');
  });
});
