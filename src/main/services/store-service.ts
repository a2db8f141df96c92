import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { StoreDiskEncryption, StoreInfo } from '../../shared/types/store';
import type { StoreRepository } from '../db/repositories/store-repository';
import { describeStore, storeEngine, type StoreAddress } from '../db/store-address';
import { diskEncryptionStatus, platformFamily, type DiskEncryptionStatus } from '../platform/disk-encryption';

/** What the « À propos » page and `atelier info` show about the store. */
export class StoreService {
  constructor(
    private readonly store: StoreRepository,
    private readonly address: StoreAddress,
    /** Tells whether the volume holding a folder is encrypted (replaced in tests). */
    private readonly probeEncryption: (folder: string) => Promise<DiskEncryptionStatus> = (folder) => diskEncryptionStatus(folder),
  ) {}

  /** Engine, location (never a password), size in bytes, schema version, engine version and row counts per table. */
  async info(): Promise<StoreInfo> {
    const migrations = await this.store.appliedMigrations();
    const engine = storeEngine(this.address);
    return {
      engine,
      location: describeStore(this.address),
      sizeBytes: engine === 'postgres' ? await this.store.postgresDatabaseBytes() : this.fileBytes(),
      schemaVersion: migrations[migrations.length - 1] ?? 'aucune',
      migrationCount: migrations.length,
      engineVersion: await this.store.engineVersion(),
      tables: await this.store.tableCounts(),
    };
  }

  private fileBytes(): number {
    try {
      return statSync(this.address).size;
    } catch {
      // In-memory or not yet flushed: size unknown, reported as 0.
      return 0;
    }
  }

  /**
   * Whether the disk holding the store's folder is encrypted by the system (the store itself is not: docs/privacy.md).
   * Asked again on each call; never throws (`unknown` with its reason).
   */
  async diskEncryption(): Promise<StoreDiskEncryption> {
    const platform = platformFamily();
    if (this.address === ':memory:') {
      return { state: 'unknown', method: null, detail: 'La base est en mémoire : elle n’est écrite sur aucun disque.', platform };
    }
    if (storeEngine(this.address) === 'postgres') {
      return { state: 'unknown', method: null, detail: 'La base est partagée sur un serveur PostgreSQL : son chiffrement relève de ce serveur.', platform };
    }
    return { ...(await this.probeEncryption(dirname(resolve(this.address)))), platform };
  }
}
