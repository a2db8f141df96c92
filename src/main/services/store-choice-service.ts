import type { StoreChoice, StoreConnectionTest, StoreSaveRequest, StoreServer, StoreSetup } from '../../shared/types/store-choice';
import { migrationNames } from '../db/migrations';
import { connectionRefusal } from '../db/pg-errors';
import { describeStore, storeEngine, type StoreAddress } from '../db/store-address';
import { probePostgresStore, type PostgresStoreProbe } from '../db/store-probe';
import {
  openPassword, postgresStoreAddress, readStoreChoice, sealPassword, writeStoreChoice, type SavedStoreChoice, type SecretSealer,
} from '../platform/store-choice';

/** How long a connection test waits for the server, in milliseconds (then again for each of its two queries). */
export const STORE_TEST_TIMEOUT_MS = 5_000;

/** Why the server asked for a password that none of the field, the keychain, PGPASSWORD and ~/.pgpass gave. */
const PASSWORD_MISSING = /client password must be a string/i;

/** What a probed database is to the store, in French, and whether the store can be opened on it. */
function probeVerdict(probe: PostgresStoreProbe): Pick<StoreConnectionTest, 'ok' | 'message'> {
  const server = `Connexion réussie : PostgreSQL ${probe.serverVersion}`;
  const applied = probe.appliedMigrations;
  if (applied === null) {
    return probe.tableCount === 0
      ? { ok: true, message: `${server}, base vide : elle sera préparée au premier démarrage.` }
      : { ok: false, message: `${server}, mais cette base contient déjà des tables qui ne sont pas celles d’Atelier Covoiturage : choisissez une base vide ou une base de l’application.` };
  }
  const known = new Set(migrationNames);
  if (applied.some((name) => !known.has(name))) {
    return { ok: false, message: `${server}, mais cette base a été mise à jour par une version plus récente d’Atelier Covoiturage : mettez l’application à jour sur ce poste.` };
  }
  const missing = migrationNames.length - applied.length;
  return missing === 0
    ? { ok: true, message: `${server}, base d’Atelier Covoiturage à jour.` }
    : { ok: true, message: `${server}, base d’Atelier Covoiturage d’une version précédente : elle sera mise à jour au premier démarrage.` };
}

/** Why a connection to `address` failed, in French: the server's or the network's reason, else its own message. */
export function connectionFailure(address: StoreAddress, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  const reason = PASSWORD_MISSING.test(detail)
    ? 'le serveur demande un mot de passe : saisissez-le, ou donnez-le par PGPASSWORD ou ~/.pgpass'
    : (connectionRefusal(error) ?? detail);
  return `Connexion impossible à ${describeStore(address)} : ${reason}.`;
}

/**
 * Tests a PostgreSQL store's address (at most `timeoutMs` per step): connects, reads the server's version and what
 * the database holds. Never throws: a failure is a French answer with `ok: false`. The password is never in the answer.
 */
export async function testStoreConnection(address: StoreAddress, timeoutMs = STORE_TEST_TIMEOUT_MS): Promise<StoreConnectionTest> {
  let probe: PostgresStoreProbe;
  try {
    probe = await probePostgresStore(address, timeoutMs);
  } catch (error) {
    return { ok: false, serverVersion: null, message: connectionFailure(address, error) };
  }
  return { serverVersion: probe.serverVersion, ...probeVerdict(probe) };
}

/** A saved shared store, with its sealed password or null. */
type SavedSharedStore = Extract<SavedStoreChoice, { engine: 'postgres' }>;

/** True when a saved choice names the same server, database and user as `server` (its kept password is for them). */
function sameServer(choice: SavedStoreChoice | null, server: StoreServer): choice is SavedSharedStore {
  return choice?.engine === 'postgres' && choice.host === server.host && choice.port === server.port && choice.database === server.database && choice.user === server.user;
}

export interface StoreChoiceServiceOptions {
  /** Directory holding the choice's file (platform/store-choice.ts). */
  dataDir: string;
  /** The store this session runs on. */
  currentAddress: StoreAddress;
  /** Whether this run mode opens the saved choice at start: the desktop app does, browser mode and the CLI use `--db`. */
  appliedAtStart: boolean;
  /** Keeps passwords in the system's keychain (desktop app); `NO_SEALER` elsewhere. */
  sealer: SecretSealer;
  /** Why the saved shared store could not be opened at this start, or null. */
  startupProblem: string | null;
  /** Connection test timeout in milliseconds (default `STORE_TEST_TIMEOUT_MS`; shorter in tests). */
  testTimeoutMs?: number;
}

/**
 * The « Base de données » settings: which store the desktop app opens at its next start (the local file or a shared
 * PostgreSQL database), the connection test, and the password kept in the system's keychain, never in clear.
 */
export class StoreChoiceService {
  constructor(private readonly options: StoreChoiceServiceOptions) {}

  /** The store in use, the saved choice (without its password), what the keychain allows and what went wrong. */
  async get(): Promise<StoreSetup> {
    let choice: SavedStoreChoice = { engine: 'sqlite' };
    let unreadable: string | null = null;
    try {
      choice = await readStoreChoice(this.options.dataDir);
    } catch (error) {
      // Shown, not thrown: saving a new choice replaces the file.
      unreadable = (error as Error).message;
    }
    let saved: StoreChoice = { engine: 'sqlite' };
    if (choice.engine === 'postgres') {
      const { password: _sealed, ...server } = choice;
      saved = server;
    }
    return {
      current: { engine: storeEngine(this.options.currentAddress), location: describeStore(this.options.currentAddress) },
      saved,
      passwordStored: choice.engine === 'postgres' && choice.password !== null,
      keychainAvailable: this.options.sealer.available(),
      appliedAtStart: this.options.appliedAtStart,
      problem: this.options.startupProblem === null ? unreadable : `Au démarrage, la base partagée enregistrée n’a pas pu être utilisée. ${this.options.startupProblem}`,
    };
  }

  /**
   * Tests a server with the password typed, else the one kept for that same server and user (when the keychain can
   * open it), else none: node-postgres then reads PGPASSWORD or ~/.pgpass.
   */
  async test(server: StoreServer, password?: string): Promise<StoreConnectionTest> {
    let tried = password;
    if (tried === undefined) {
      try {
        tried = await this.keptPassword(server);
      } catch (error) {
        return { ok: false, serverVersion: null, message: (error as Error).message };
      }
    }
    return testStoreConnection(postgresStoreAddress(server, tried), this.options.testTimeoutMs);
  }

  /**
   * Saves the choice for the next start of the desktop app. A typed password is sealed by the keychain, or not kept
   * where there is none; without one, the password kept for the same server and user stays, any other is dropped.
   */
  async save(request: StoreSaveRequest): Promise<StoreSetup> {
    if (request.engine === 'sqlite') {
      await writeStoreChoice(this.options.dataDir, { engine: 'sqlite' });
      return this.get();
    }
    const { password, engine, ...server } = request;
    const previous = await this.previousChoice();
    let sealed: string | null = null;
    if (password !== undefined) sealed = sealPassword(password, this.options.sealer);
    else if (sameServer(previous, server)) sealed = previous.password;
    await writeStoreChoice(this.options.dataDir, { engine, ...server, password: sealed });
    return this.get();
  }

  /** The saved choice, or null when its file cannot be read (saving replaces it). */
  private async previousChoice(): Promise<SavedStoreChoice | null> {
    try {
      return await readStoreChoice(this.options.dataDir);
    } catch {
      return null;
    }
  }

  /** The password kept for `server`, when the keychain is here to open it. */
  private async keptPassword(server: StoreServer): Promise<string | undefined> {
    const previous = await this.previousChoice();
    if (!sameServer(previous, server) || !this.options.sealer.available()) return undefined;
    return openPassword(previous, this.options.sealer);
  }
}
