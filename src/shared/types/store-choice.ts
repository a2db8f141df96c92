import { z } from 'zod';

/**
 * The store the desktop app opens at start, as chosen on the « Paramètres » page: the local SQLite file (the default)
 * or a shared PostgreSQL database. The password never travels back to the page: only whether one is kept.
 */

/** Characters accepted in a database name: PostgreSQL's unquoted names, and nothing an address would need to encode. */
const DATABASE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.$-]*$/;
/** Same for a user name, plus `@` (cloud services name users `agent@serveur`), which the address encodes. */
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.$@-]*$/;
/** A host name or an IPv4 address (an IPv6 address would need brackets in the store's address: not offered). */
const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/** Longest name PostgreSQL keeps (NAMEDATALEN − 1), in bytes: ASCII here, so characters. */
const PG_NAME_MAX = 63;

/** A PostgreSQL server and database to open the store on, without the password. */
export const StoreServer = z
  .object({
    /** Host name or IPv4 address of the server. */
    host: z.string().trim().min(1, 'indiquez l’hôte').max(253, '253 caractères au plus').regex(HOST_NAME, 'nom d’hôte ou adresse IPv4 attendu'),
    /** TCP port of the server (PostgreSQL's default: 5432). */
    port: z.number().int('port entier attendu').min(1, 'port entre 1 et 65 535').max(65_535, 'port entre 1 et 65 535'),
    /** Name of the database holding the store. */
    database: z
      .string()
      .trim()
      .min(1, 'indiquez la base')
      .max(PG_NAME_MAX, `${PG_NAME_MAX} caractères au plus`)
      .regex(DATABASE_NAME, 'lettres, chiffres, « _ », « - », « . » et « $ » seulement'),
    /** PostgreSQL role the app connects as. */
    user: z
      .string()
      .trim()
      .min(1, 'indiquez l’utilisateur')
      .max(PG_NAME_MAX, `${PG_NAME_MAX} caractères au plus`)
      .regex(USER_NAME, 'lettres, chiffres, « _ », « - », « . », « $ » et « @ » seulement'),
  })
  .strict();
export type StoreServer = z.infer<typeof StoreServer>;

/** A password as typed; absent when the field is left empty (then the one kept, or PGPASSWORD / ~/.pgpass). */
export const StorePassword = z.string().min(1).max(1_024);

/** The saved choice: the local store, or a shared one (its password apart: `StoreSetup.passwordStored`). */
export const StoreChoice = z.discriminatedUnion('engine', [
  z.object({ engine: z.literal('sqlite') }).strict(),
  StoreServer.extend({ engine: z.literal('postgres') }).strict(),
]);
export type StoreChoice = z.infer<typeof StoreChoice>;

/** What the « Base de données » section of the settings shows. */
export const StoreSetup = z.object({
  /** The store this session runs on: its engine, and its file path or address (never with a password). */
  current: z.object({ engine: z.enum(['sqlite', 'postgres']), location: z.string() }),
  /** The store the app (desktop or browser mode) opens at its next start without `--db`. */
  saved: StoreChoice,
  /** Whether a password is kept (sealed by the system's keychain) for the saved shared store. */
  passwordStored: z.boolean(),
  /** Whether this system's keychain can keep a password: false in browser mode and on Linux without a secret service. */
  keychainAvailable: z.boolean(),
  /** Whether this session opened the saved choice at its start (started without `--db`): a new choice applies at the next. */
  appliedAtStart: z.boolean(),
  /**
   * What is wrong with the saved choice, in French: why the shared store could not be opened at this start (the session
   * then runs on the local store), or why the choice's file cannot be read; null when nothing is.
   */
  problem: z.string().nullable(),
});
export type StoreSetup = z.infer<typeof StoreSetup>;

/** Result of a connection test, in French. */
export const StoreConnectionTest = z.object({
  /** True when the store can be opened there: connected, and the database is empty or the application's. */
  ok: z.boolean(),
  /** The server's version (e.g. `15.18`) once connected, else null. */
  serverVersion: z.string().nullable(),
  /** What was found, or why it failed, for the user. */
  message: z.string(),
});
export type StoreConnectionTest = z.infer<typeof StoreConnectionTest>;

/** A connection test request: the server, and the password to try (else the one kept for it, or the environment's). */
export const StoreTestRequest = StoreServer.extend({ password: StorePassword.optional() }).strict();

/** Saving a choice: the local store, or a shared one with the password to keep (else the one kept for that server). */
export const StoreSaveRequest = z.discriminatedUnion('engine', [
  z.object({ engine: z.literal('sqlite') }).strict(),
  StoreServer.extend({ engine: z.literal('postgres'), password: StorePassword.optional() }).strict(),
]);
export type StoreSaveRequest = z.infer<typeof StoreSaveRequest>;
