import { z } from 'zod';

/** Row count of one table of the local store. */
export const TableCount = z.object({ name: z.string(), rows: z.number().int().nonnegative() });

/** What the home page shows about the local store. */
export const StoreInfo = z.object({
  /** Absolute path of the SQLite file. */
  filePath: z.string(),
  /** Size of the database file on disk, in bytes (WAL not included). */
  sizeBytes: z.number().int().nonnegative(),
  /** Name of the last applied migration, e.g. `202611281200_foundation`. */
  schemaVersion: z.string(),
  /** Number of applied migrations. */
  migrationCount: z.number().int().nonnegative(),
  /** Version of the embedded SQLite library. */
  sqliteVersion: z.string(),
  /** Row counts of the application tables, by table name (internal knex tables left out). */
  tables: z.array(TableCount),
});
export type StoreInfo = z.infer<typeof StoreInfo>;

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

/** Result of re-computing the hash chain of the audit log. */
export const AuditVerification = z.object({
  /** Entries checked. */
  entries: z.number().int().nonnegative(),
  /** True when every entry's hash matches its content and its predecessor. */
  intact: z.boolean(),
  /** Id of the first entry whose hash does not match, or null. */
  firstBrokenId: z.number().int().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
