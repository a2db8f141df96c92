import { statSync } from 'node:fs';
import type { StoreInfo } from '../../shared/types/store';
import type { StoreRepository } from '../db/repositories/store-repository';

/** What the home page and `atelier info` show about the local store. */
export class StoreService {
  constructor(
    private readonly store: StoreRepository,
    private readonly filePath: string,
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
}
