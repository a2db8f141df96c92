import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { StoreDiskEncryption, StoreInfo } from '../../shared/types/store';
import type { StoreRepository } from '../db/repositories/store-repository';
import { diskEncryptionStatus, platformFamily, type DiskEncryptionStatus } from '../platform/disk-encryption';

/** What the home page and `atelier info` show about the local store. */
export class StoreService {
  constructor(
    private readonly store: StoreRepository,
    private readonly filePath: string,
    /** Tells whether the volume holding a folder is encrypted (replaced in tests). */
    private readonly probeEncryption: (folder: string) => Promise<DiskEncryptionStatus> = (folder) => diskEncryptionStatus(folder),
  ) {}

  /** Path, size in bytes, schema version, SQLite version and row counts per table. */
  async info(): Promise<StoreInfo> {
    const migrations = await this.store.appliedMigrations();
    let sizeBytes = 0;
    try {
      sizeBytes = statSync(this.filePath).size;
    } catch {
      // In-memory or not yet flushed: size unknown, reported as 0.
    }
    return {
      filePath: this.filePath,
      sizeBytes,
      schemaVersion: migrations[migrations.length - 1] ?? 'aucune',
      migrationCount: migrations.length,
      sqliteVersion: await this.store.sqliteVersion(),
      tables: await this.store.tableCounts(),
    };
  }

  /**
   * Whether the disk holding the store's folder is encrypted by the system (the store itself is not: docs/privacy.md).
   * Asked again on each call; never throws (`unknown` with its reason).
   */
  async diskEncryption(): Promise<StoreDiskEncryption> {
    const platform = platformFamily();
    if (this.filePath === ':memory:') {
      return { state: 'unknown', method: null, detail: 'La base est en mémoire : elle n’est écrite sur aucun disque.', platform };
    }
    return { ...(await this.probeEncryption(dirname(resolve(this.filePath)))), platform };
  }
}
