import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { StoreServer } from '../../shared/types/store-choice';
import type { StoreAddress } from '../db/store-address';
import { writePrivateJson } from './private-files';

/**
 * The store the desktop app opens at start, kept in the data directory rather than in a store (it says which store
 * to open): `{ engine: 'sqlite' }` (also when the file is absent) or a PostgreSQL server with its password sealed by
 * the system's keychain, or none. A password is never written in clear: without a keychain, it is not kept, and
 * node-postgres reads PGPASSWORD or ~/.pgpass instead.
 */
export const STORE_CHOICE_FILE = 'base-partagee.json';

/** Seals a secret with the operating system's keychain (the desktop app's `safeStorage`), or says it cannot. */
export interface SecretSealer {
  /** Whether secrets sealed here are really protected (asked at each use: the keychain may come and go). */
  available(): boolean;
  /** The sealed form of `text`, as base64. */
  seal(text: string): string;
  /** `text` back from its sealed form; throws when this keychain cannot open it. */
  open(sealed: string): string;
}

/** Where no keychain is (browser mode, command line): nothing is sealed. */
export const NO_SEALER: SecretSealer = {
  available: () => false,
  seal: () => {
    throw new Error('Aucun trousseau du système pour protéger ce secret.');
  },
  open: () => {
    throw new Error('Aucun trousseau du système pour ouvrir ce secret.');
  },
};

/** The file's content. */
const SavedStoreChoice = z.discriminatedUnion('engine', [
  z.object({ engine: z.literal('sqlite') }),
  StoreServer.extend({ engine: z.literal('postgres'), password: z.string().nullable() }),
]);
/** The saved choice, with the sealed password (base64) or null. */
export type SavedStoreChoice = z.infer<typeof SavedStoreChoice>;

const LOCAL_STORE: SavedStoreChoice = { engine: 'sqlite' };

/** The path of the choice's file in `dataDir`. */
export function storeChoicePath(dataDir: string): string {
  return join(dataDir, STORE_CHOICE_FILE);
}

/** The saved choice; the local store when nothing was saved. Throws a French error for a file that cannot be read. */
export async function readStoreChoice(dataDir: string): Promise<SavedStoreChoice> {
  const path = storeChoicePath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return LOCAL_STORE;
    throw new Error(`Choix de la base illisible (${path}) : ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Choix de la base illisible (${path}) : ce n’est pas du JSON. Enregistrez de nouveau le choix dans Paramètres.`);
  }
  const parsed = SavedStoreChoice.safeParse(json);
  if (!parsed.success) throw new Error(`Choix de la base illisible (${path}) : contenu inattendu. Enregistrez de nouveau le choix dans Paramètres.`);
  return parsed.data;
}

/**
 * Saves the choice, readable by the user only (`0600`, in a `0700` folder when it creates it): written to a new file,
 * then renamed over the old one, so that a crash never leaves half a choice.
 */
export async function writeStoreChoice(dataDir: string, choice: SavedStoreChoice): Promise<void> {
  await writePrivateJson(storeChoicePath(dataDir), choice);
}

/** The password sealed for the file, or null where no keychain can keep it (it is then not kept at all). */
export function sealPassword(password: string, sealer: SecretSealer): string | null {
  return sealer.available() ? sealer.seal(password) : null;
}

/**
 * The kept password in clear, or undefined when none is kept (node-postgres then reads PGPASSWORD or ~/.pgpass).
 * Throws a French error when the keychain is not there or cannot open it any more (another user, a reset keychain).
 */
export function openPassword(choice: SavedStoreChoice, sealer: SecretSealer): string | undefined {
  if (choice.engine !== 'postgres' || choice.password === null) return undefined;
  if (!sealer.available()) throw new Error('Le trousseau du système n’est pas disponible : le mot de passe enregistré de la base partagée ne peut pas être ouvert.');
  try {
    return sealer.open(choice.password);
  } catch {
    throw new Error('Le mot de passe enregistré de la base partagée ne peut plus être ouvert par le trousseau du système : saisissez-le de nouveau dans Paramètres.');
  }
}

/**
 * The address of a PostgreSQL store: `postgres://user@host:port/database`, with the password when given
 * (URL-encoded: any character may be in it). Only for opening connections: messages use `describeStore`.
 */
export function postgresStoreAddress(server: StoreServer, password?: string): StoreAddress {
  const credentials = encodeURIComponent(server.user) + (password === undefined ? '' : `:${encodeURIComponent(password)}`);
  return `postgres://${credentials}@${server.host}:${server.port}/${server.database}`;
}

/** The shared store the saved choice names, with its kept password; null when the choice is the local store. */
export async function savedStoreAddress(dataDir: string, sealer: SecretSealer): Promise<StoreAddress | null> {
  const choice = await readStoreChoice(dataDir);
  if (choice.engine === 'sqlite') return null;
  return postgresStoreAddress(choice, openPassword(choice, sealer));
}
