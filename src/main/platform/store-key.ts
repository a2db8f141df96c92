import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_FOLDER } from './data-dir';
import { fileRightsProtector, type KeyProtection, type KeyProtector } from './key-protector';
import { makePrivateDirSync, PRIVATE_FILE_MODE } from './private-files';

/**
 * The secret of one store, kept OUTSIDE the store: a key file `<store id>.key` (0600, in a 0700 folder apart from the
 * data folder), one per store, identified by the random store id the store keeps in its settings. The audit log's
 * chain is keyed with it; other features derive their own keys from it (`derive(purpose)`), never the key itself.
 */

const KEY_FORMAT = 'atelier-store-key/1';
const KEY_BYTES = 32;
const STORE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The key folder's name, beside the default data folder `Atelier Covoiturage`. */
export const KEY_FOLDER = `${APP_FOLDER} - clés`;

/** What derived keys are for. Each purpose gets its own key; add a name here for a new use. */
export type KeyPurpose = 'audit-chain' | 'audit-anchor' | 'pseudonymisation' | 'key-check';

/**
 * The key folder: `ATELIER_KEY_DIR` when set, else one folder per user account, whatever the store or data folder
 * (`--db`, `--data-dir`, `ATELIER_DATA_DIR`), so that the app, the browser mode and the CLI find the same key for a
 * store; never inside the data folder, so that a copy of the data folder or of the store does not carry its key:
 * `~/.config/Atelier Covoiturage - clés` on Linux, `%APPDATA%\Atelier Covoiturage - clés` on Windows,
 * `~/Library/Application Support/Atelier Covoiturage - clés` on macOS.
 */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ATELIER_KEY_DIR) return env.ATELIER_KEY_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), KEY_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', KEY_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), KEY_FOLDER);
}

/** A store id as the app creates them (a random UUID); anything else is refused before it reaches a file name. */
export function isStoreId(value: unknown): value is string {
  return typeof value === 'string' && STORE_ID.test(value);
}

function checkedStoreId(storeId: string): string {
  if (!isStoreId(storeId)) throw new StoreKeyError('unreadable', '', `Identifiant de base invalide : ${JSON.stringify(storeId)}`);
  return storeId;
}

export function keyFilePath(keyDir: string, storeId: string): string {
  return join(keyDir, `${checkedStoreId(storeId)}.key`);
}

/** A purpose-specific 32-byte key: HKDF-SHA-256 of the store key, salted with the store id. */
export function deriveSubkey(master: Buffer, storeId: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', master, `atelier-covoiturage/${storeId}`, `atelier-covoiturage/${purpose}`, KEY_BYTES));
}

/** Why a store key cannot be used, with a French message for the user. */
export class StoreKeyError extends Error {
  constructor(
    /** `missing`: no key file; `protected`: wrapped by a keychain this process cannot open; `unreadable`: anything else. */
    readonly reason: 'missing' | 'protected' | 'unreadable',
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreKeyError';
  }
}

/** The key of one store. The raw key never leaves this object: callers get derived keys or MACs. */
export class StoreKey {
  readonly #master: Buffer;

  constructor(
    readonly storeId: string,
    /** Where the key file is (to show the user what to back up). */
    readonly file: string,
    readonly protection: KeyProtection,
    master: Buffer,
  ) {
    this.#master = master;
  }

  /** The key for one purpose (the same for the same store and purpose, different for any other). */
  derive(purpose: KeyPurpose): Buffer {
    return deriveSubkey(this.#master, this.storeId, purpose);
  }

  /** HMAC-SHA-256 (hex) of `data` with the key of `purpose`. */
  mac(purpose: KeyPurpose, data: string): string {
    return createHmac('sha256', this.derive(purpose)).update(data).digest('hex');
  }

  /**
   * What the store keeps to recognise its key (`store.keyCheck`): a MAC of the store id, which tells whether a key
   * file is this store's without revealing anything of the key.
   */
  check(): string {
    return this.mac('key-check', this.storeId);
  }

  /**
   * The key as a file to hand to a colleague's workstation (`atelier db key export`): the raw key, protected by the
   * file's rights only, to be carried like a password and imported there (`importStoreKey`). The one way out of the
   * raw key, on purpose.
   */
  exportText(now: Date): string {
    const content: KeyFile = { format: KEY_FORMAT, storeId: this.storeId, protection: 'none', createdAt: now.toISOString(), key: fileRightsProtector.protect(this.#master) };
    return `${JSON.stringify(content, null, 2)}\n`;
  }
}

interface KeyFile {
  format: string;
  storeId: string;
  protection: KeyProtection;
  createdAt: string;
  key: string;
}

/**
 * Reads the key of `storeId` from `keyDir`. Throws `StoreKeyError` with a French message when the file is missing,
 * unreadable, or protected by a keychain `protector` does not open (a `safeStorage` key read by the CLI).
 */
export function readStoreKey(keyDir: string, storeId: string, protector: KeyProtector = fileRightsProtector): StoreKey {
  const file = keyFilePath(keyDir, storeId);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoreKeyError('missing', file, `Clé de la base introuvable : ${file}`);
    throw new StoreKeyError('unreadable', file, `Clé de la base illisible : ${file} (${(error as Error).message})`);
  }
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(text) as KeyFile;
  } catch {
    throw new StoreKeyError('unreadable', file, `Clé de la base illisible : ${file} (fichier abîmé)`);
  }
  if (parsed.format !== KEY_FORMAT || parsed.storeId !== storeId || typeof parsed.key !== 'string') {
    throw new StoreKeyError('unreadable', file, `Clé de la base illisible : ${file} (ce n’est pas la clé de la base ${storeId})`);
  }
  if (parsed.protection !== 'none' && parsed.protection !== protector.protection) {
    throw new StoreKeyError(
      'protected',
      file,
      `Clé de la base protégée par le trousseau du système (${parsed.protection}) : seule l’application de bureau de ce compte peut l’ouvrir (${file})`,
    );
  }
  let master: Buffer;
  try {
    master = parsed.protection === 'none' ? fileRightsProtector.unprotect(parsed.key) : protector.unprotect(parsed.key);
  } catch (error) {
    throw new StoreKeyError('protected', file, `Clé de la base indéchiffrable par le trousseau du système : ${file} (${(error as Error).message})`);
  }
  if (master.length !== KEY_BYTES) throw new StoreKeyError('unreadable', file, `Clé de la base illisible : ${file} (longueur ${master.length} octets)`);
  return new StoreKey(storeId, file, parsed.protection, master);
}

/**
 * Creates a new random key for `storeId` (file 0600, folder 0700). When another process created it first, answers
 * that one: the file is written aside then linked into place, so it never exists half written nor is replaced.
 */
export function createStoreKey(keyDir: string, storeId: string, now: Date, protector: KeyProtector = fileRightsProtector): StoreKey {
  const file = keyFilePath(keyDir, storeId);
  makePrivateDirSync(keyDir);
  const content: KeyFile = { format: KEY_FORMAT, storeId, protection: protector.protection, createdAt: now.toISOString(), key: protector.protect(randomBytes(KEY_BYTES)) };
  const aside = join(keyDir, `.${storeId}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writePrivateFile(aside, `${JSON.stringify(content, null, 2)}\n`);
  try {
    linkSync(aside, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Folders without hard links (some network shares): create in place, never over an existing key.
    if (code !== 'EEXIST') writePrivateFile(file, readFileSync(aside, 'utf8'), true);
  } finally {
    rmSync(aside, { force: true });
  }
  return readStoreKey(keyDir, storeId, protector);
}

/**
 * Installs a key handed over from another workstation (`StoreKey.exportText`) in `keyDir`, protected here by
 * `protector`; answers it. Refuses a file that is not a key of `storeId`, and never replaces a key already there.
 */
export function importStoreKey(keyDir: string, storeId: string, text: string, now: Date, protector: KeyProtector = fileRightsProtector): StoreKey {
  const file = keyFilePath(keyDir, storeId);
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(text) as KeyFile;
  } catch {
    throw new StoreKeyError('unreadable', file, 'Ce fichier n’est pas une clé de base exportée (JSON illisible).');
  }
  if (parsed.format !== KEY_FORMAT || typeof parsed.key !== 'string' || parsed.protection !== 'none') {
    throw new StoreKeyError('unreadable', file, 'Ce fichier n’est pas une clé de base exportée par « atelier db key export ».');
  }
  if (parsed.storeId !== storeId) throw new StoreKeyError('unreadable', file, `Cette clé est celle de la base ${String(parsed.storeId)}, pas de celle-ci (${storeId}).`);
  const master = fileRightsProtector.unprotect(parsed.key);
  if (master.length !== KEY_BYTES) throw new StoreKeyError('unreadable', file, `Clé exportée illisible (longueur ${master.length} octets).`);
  makePrivateDirSync(keyDir);
  const content: KeyFile = { format: KEY_FORMAT, storeId, protection: protector.protection, createdAt: now.toISOString(), key: protector.protect(master) };
  try {
    writePrivateFile(file, `${JSON.stringify(content, null, 2)}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new StoreKeyError('unreadable', file, `Une clé de cette base est déjà sur ce poste : ${file}. Elle n’est pas remplacée.`);
    throw error;
  }
  return readStoreKey(keyDir, storeId, protector);
}

/** Writes a new file with the private rights, flushed; with `keepExisting`, an existing file is left as it is. */
export function writePrivateFile(path: string, text: string, keepExisting = false): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if (keepExisting && (error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
