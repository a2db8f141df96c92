import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-store';
import type { KeyProtector } from './key-protector';
import { createStoreKey, defaultKeyDir, deriveSubkey, keyFilePath, readStoreKey, StoreKeyError } from './store-key';

const NOW = new Date('2026-11-28T10:00:00Z');
const POSIX = process.platform !== 'win32';

/** Stands for Electron's safeStorage: reversible, but only with this protector at hand. */
const keychain: KeyProtector = {
  protection: 'safeStorage',
  protect: (key) => Buffer.from(key).reverse().toString('base64'),
  unprotect: (text) => Buffer.from(text, 'base64').reverse(),
};

let dir: string;
let keyDir: string;

beforeEach(() => {
  dir = makeTempDir();
  keyDir = join(dir, 'clés', 'sous-dossier');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('store keys', () => {
  it('are created private (file 0600, folder 0700) and read back as the same key', () => {
    const storeId = randomUUID();
    const created = createStoreKey(keyDir, storeId, NOW);
    expect(created.file).toBe(join(keyDir, `${storeId}.key`));
    if (POSIX) {
      expect(statSync(created.file).mode & 0o777).toBe(0o600);
      expect(statSync(keyDir).mode & 0o777).toBe(0o700);
    }
    const read = readStoreKey(keyDir, storeId);
    expect(read.derive('audit-chain').equals(created.derive('audit-chain'))).toBe(true);
    expect(JSON.parse(readFileSync(created.file, 'utf8'))).toMatchObject({ format: 'atelier-store-key/1', storeId, protection: 'none', createdAt: NOW.toISOString() });
  });

  it('derive one key per purpose and per store, never the key itself', () => {
    const storeId = randomUUID();
    const key = createStoreKey(keyDir, storeId, NOW);
    const chain = key.derive('audit-chain');
    const pseudonyms = key.derive('pseudonymisation');
    expect(chain).toHaveLength(32);
    expect(chain.equals(pseudonyms)).toBe(false);
    const raw = Buffer.from((JSON.parse(readFileSync(key.file, 'utf8')) as { key: string }).key, 'base64');
    expect(chain.equals(raw)).toBe(false);
    expect(deriveSubkey(raw, storeId, 'pseudonymisation').equals(pseudonyms)).toBe(true);
    expect(deriveSubkey(raw, randomUUID(), 'pseudonymisation').equals(pseudonyms)).toBe(false);
    expect(key.mac('audit-chain', 'x')).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(key)).not.toContain(raw.toString('base64'));
  });

  it('are never replaced: a second creation (another process first) answers the existing key', () => {
    const storeId = randomUUID();
    const first = createStoreKey(keyDir, storeId, NOW);
    const second = createStoreKey(keyDir, storeId, NOW);
    expect(second.derive('audit-chain').equals(first.derive('audit-chain'))).toBe(true);
  });

  it('refuse a store id that is not one the app creates (it names a file)', () => {
    expect(() => keyFilePath(keyDir, '../../etc/passwd')).toThrow('Identifiant de base invalide');
    expect(() => createStoreKey(keyDir, 'x', NOW)).toThrow(StoreKeyError);
  });

  it('say clearly when the key file is missing, damaged, or protected by a keychain this process cannot open', () => {
    const storeId = randomUUID();
    expect(() => readStoreKey(keyDir, storeId)).toThrow(`Clé de la base introuvable : ${join(keyDir, `${storeId}.key`)}`);

    const protectedKey = createStoreKey(keyDir, storeId, NOW, keychain);
    expect(readStoreKey(keyDir, storeId, keychain).derive('audit-chain').equals(protectedKey.derive('audit-chain'))).toBe(true);
    let error: unknown;
    try {
      readStoreKey(keyDir, storeId);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreKeyError);
    expect((error as StoreKeyError).reason).toBe('protected');
    expect((error as StoreKeyError).message).toContain('seule l’application de bureau de ce compte peut l’ouvrir');

    const other = randomUUID();
    createStoreKey(keyDir, other, NOW);
    writeFileSync(keyFilePath(keyDir, other), '{abîmé');
    expect(() => readStoreKey(keyDir, other)).toThrow('fichier abîmé');
  });

  it('live in ATELIER_KEY_DIR, else in one folder per user account, beside the default data folder', () => {
    expect(defaultKeyDir({ ATELIER_KEY_DIR: '/clés', ATELIER_DATA_DIR: '/données' }, 'linux')).toBe('/clés');
    expect(defaultKeyDir({ XDG_CONFIG_HOME: '/x', ATELIER_DATA_DIR: '/données' }, 'linux')).toBe(join('/x', 'Atelier Covoiturage - clés'));
    expect(defaultKeyDir({ ATELIER_KEY_DIR: '' }, 'linux')).toBe(join(homedir(), '.config', 'Atelier Covoiturage - clés'));
    expect(defaultKeyDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'Atelier Covoiturage - clés'));
    expect(defaultKeyDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Atelier Covoiturage - clés'));
  });
});
