import { z } from 'zod';

/** Row count of one table of the local store. */
export const TableCount = z.object({ name: z.string(), rows: z.number().int().nonnegative() });

/** What the « À propos » page and `atelier info` show about the store. */
export const StoreInfo = z.object({
  /** `sqlite`: a file on this computer; `postgres`: a shared PostgreSQL database. */
  engine: z.enum(['sqlite', 'postgres']),
  /** Where the store is: the SQLite file's path, or the PostgreSQL address without its password. */
  location: z.string(),
  /** Size of the store, in bytes: the SQLite file (WAL not included), or the PostgreSQL database. */
  sizeBytes: z.number().int().nonnegative(),
  /** Name of the last applied migration, e.g. `202611281200_foundation`. */
  schemaVersion: z.string(),
  /** Number of applied migrations. */
  migrationCount: z.number().int().nonnegative(),
  /** The engine and its version: `SQLite 3.52.0`, `PostgreSQL 15.18`. */
  engineVersion: z.string(),
  /** Row counts of the application tables, by table name (internal knex tables left out). */
  tables: z.array(TableCount),
});
export type StoreInfo = z.infer<typeof StoreInfo>;

/**
 * Whether the volume holding the store is encrypted by the system (BitLocker, FileVault, LUKS): the application does
 * not encrypt the store itself (docs/privacy.md, « Chiffrement au repos : celui du disque »).
 */
export const StoreDiskEncryption = z.object({
  /** `unknown` when the system's tools could not tell (missing, refused, timed out, network or memory filesystem). */
  state: z.enum(['encrypted', 'not_encrypted', 'unknown']),
  /** What encrypts the volume (`LUKS`, `dm-crypt`, `FileVault`, `BitLocker`…) when `encrypted`, else null. */
  method: z.string().nullable(),
  /** What was found, or why it could not be told, in French. */
  detail: z.string(),
  /** The system of the computer holding the store, for the page to say how to turn encryption on. */
  platform: z.enum(['linux', 'macos', 'windows', 'other']),
});
export type StoreDiskEncryption = z.infer<typeof StoreDiskEncryption>;

/** Where and how the application runs. */
export const AppInfo = z.object({
  version: z.string(),
  /** `electron` in the desktop window, `browser` through the loopback bridge. */
  mode: z.enum(['electron', 'browser']),
  /** Directory holding the store and the produced files. */
  dataDir: z.string(),
  /** IANA time zone every local date of the UI is shown in. */
  timeZone: z.literal('Europe/Paris'),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** One problem the audit verification found, in French. */
export const AuditProblem = z.object({
  /**
   * The entry in question: the first whose hash or link does not hold, the entry that records a decision or setting
   * the table no longer matches, or the first missing one when the last entries were deleted. Null when no entry can
   * be named (key missing, a row that no entry records).
   */
  entryId: z.number().int().nullable(),
  /** Its instant (ISO UTC), when known. */
  at: z.string().nullable(),
  /** Its action (`review.decide`, `settings.set`…), when known. */
  action: z.string().nullable(),
  /** What does not hold, in French, naming the row of the table when the problem is there. */
  reason: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;

/**
 * Result of verifying the audit log: its keyed hash chain, its head against the anchor kept outside the store, and
 * the review decisions and settings of the tables against their last entries (docs/review.md, « Journal d’audit »).
 */
export const AuditVerification = z.object({
  /** Entries checked. */
  entries: z.number().int().nonnegative(),
  /** True when nothing below was found. */
  intact: z.boolean(),
  /** Id of the first entry in question, or null (intact, or no entry can be named). */
  firstBrokenId: z.number().int().nullable(),
  /** The first problem (chain, then anchor, then decisions, then settings), or null when intact. */
  firstBroken: AuditProblem.nullable(),
  /** Every problem found (at most 100; the chain is not followed past its first break). */
  problems: z.array(AuditProblem),
  /** Entries keyed with the store's key (HMAC-SHA-256). */
  keyedEntries: z.number().int().nonnegative(),
  /** Entries of the first, plain SHA-256 chain of an older store, sealed by a keyed `audit.seal` entry. */
  legacyEntries: z.number().int().nonnegative(),
  /** Review decisions and settings compared with their entries. */
  decisionsChecked: z.number().int().nonnegative(),
  settingsChecked: z.number().int().nonnegative(),
  /** The last entry the anchor outside the store vouches for, or null when it has none yet. */
  anchoredEntryId: z.number().int().nullable(),
  /** The key file (outside the store: back it up with the store), or null when the store has no id yet. */
  keyFile: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

/** The store's key on this workstation (outside the store): where it is, and why it cannot be used, if so. */
export const StoreKeyState = z.object({
  /** The store's random id, which names its key file. */
  storeId: z.string(),
  /** Where the key is, or would be, on this workstation; null when the store's id is unreadable. */
  keyFile: z.string().nullable(),
  /** Why the key cannot be used here (the audit log is then locked: no decision, setting or import), or null. */
  problem: z.string().nullable(),
});
export type StoreKeyState = z.infer<typeof StoreKeyState>;

/** A key exported by another workstation on the same shared store (`audit:key-export` there), by its path here. */
export const KeyImportRequest = z.object({ path: z.string().trim().min(1).max(4_096) }).strict();
export type KeyImportRequest = z.infer<typeof KeyImportRequest>;
