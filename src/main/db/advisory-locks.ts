import type { Knex } from 'knex';
import { knexEngine } from './knex-executor';
import type { SqlExecutor } from './sql-executor';

/**
 * PostgreSQL advisory lock keys of the store, one per purpose, in one list so that no two purposes share a key
 * (SQLite needs none: its one writer at a time serialises all of them). Transaction locks (`pg_advisory_xact_lock`)
 * are released at COMMIT or ROLLBACK; the session locks (same file, job presence) when their connection closes —
 * also when its process dies.
 */
export const ADVISORY_LOCKS = {
  /** Appending to the audit log's hash chain (hence decisions and settings changes): one link at a time. */
  auditChain: 14_003_001,
  /** Storing a scan's run and flags. */
  checkRun: 14_003_002,
  /** Building campaign blocks (persons numbered once, no block built from a half-committed batch). */
  blockBuild: 14_004_001,
  /** Replacing a month of statistics and map aggregates. */
  aggregates: 14_005_001,
  /** Replacing contour levels. */
  contours: 14_006_001,
  /** Checking for running import batches and opening one, in one step. */
  openBatch: 14_008_001,
  /** Importing one file (second key: the content hash's first 32 bits), held for the whole import. */
  sameFile: 14_008_002,
  /** Replacing the AOM reference. */
  aomReplace: 14_008_003,
  /** A job running in some process (second key: from the job id), held for the job's life: its presence. */
  jobPresence: 14_009_001,
} as const;

/** Waits for the transaction lock `key` in `tx`'s transaction, on PostgreSQL (nothing to do on SQLite). */
export async function lockTransaction(tx: SqlExecutor, key: number): Promise<void> {
  if (tx.engine === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [key]);
}

/** `lockTransaction` for a knex transaction of the main thread's repositories. */
export async function lockKnexTransaction(trx: Knex.Transaction, key: number): Promise<void> {
  if (knexEngine(trx) === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(?)', [key]);
}

/** A 32-bit second key for a two-key advisory lock, from a text (job id, content hash). */
export function lockKeyOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}
