import { openMigratedDatabase } from '../db/connection';
import { PgConnection } from '../db/pg-executor';
import { initRoles, type RolesOutcome, type StoreRole } from '../db/roles';
import { StoreAdminError } from '../db/store-admin-error';
import { copyStore, type CopyProgress, type TableCopied } from '../db/store-copy';
import { describeStore, storeEngine, type StoreAddress } from '../db/store-address';
import { openOwnConnection } from '../db/store-connection';

/**
 * Administration of stores as a whole, outside the application's services (which run on one store): moving a store
 * between engines, and the roles of a shared PostgreSQL store. Used by `atelier db copy` and `atelier db init-roles`.
 */

export { StoreAdminError };

/** Brings a store to this build's schema (creating a SQLite file when missing) and closes it again. */
async function migrate(address: StoreAddress): Promise<void> {
  const db = await openMigratedDatabase(address);
  await db.destroy();
}

/**
 * Copies the store at `from` into the store at `to` (SQLite file or PostgreSQL database, either way), both brought
 * to this build's schema first: every table, resumable (running it again after an interruption continues the same
 * copy), row counts checked at the end (see `copyStore`). The target must be new.
 */
export async function copyStoreBetween(from: StoreAddress, to: StoreAddress, onProgress: (progress: CopyProgress) => void): Promise<TableCopied[]> {
  if (describeStore(from) === describeStore(to)) throw new StoreAdminError('la source et la cible sont la même base');
  await migrate(from);
  await migrate(to);
  const source = await openOwnConnection(from);
  try {
    const target = await openOwnConnection(to);
    try {
      return await copyStore(source, target, describeStore(from), onProgress);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/**
 * Creates or updates the group roles of a shared PostgreSQL store (lecture, instruction, import: `db/roles.ts`) and
 * makes the given login roles members; run by the database's owner, after `atelier db copy` or any migration.
 */
export async function initStoreRoles(address: StoreAddress, prefix: string, members: ReadonlyArray<{ login: string; role: StoreRole }>): Promise<RolesOutcome> {
  if (storeEngine(address) !== 'postgres') throw new StoreAdminError('les rôles concernent une base PostgreSQL partagée (--db postgres://…)');
  await migrate(address);
  const connection = await PgConnection.open(address);
  try {
    return await initRoles(connection.client, prefix, members);
  } finally {
    await connection.close();
  }
}
