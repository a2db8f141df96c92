import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** What a caller records; the repository adds the instant, the chain and the hash. */
export interface AuditEntryInput {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** Hash of the first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256 over the predecessor's hash and every field, in a fixed order with explicit separators. */
function entryHash(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const fields = [row.prev_hash, row.at, row.actor, row.action, row.entity, row.entity_id ?? '', row.before_json ?? '', row.after_json ?? ''];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Append-only audit log; each entry carries the hash of the previous one (triggers forbid UPDATE/DELETE). */
export class AuditLogRepository {
  constructor(private readonly db: Knex) {}

  /** Appends an entry inside a transaction so two appends cannot share a predecessor. Returns its id. */
  async append(entry: AuditEntryInput, at: string): Promise<number> {
    return this.db.transaction((trx) => AuditLogRepository.appendIn(trx, entry, at));
  }

  /**
   * Appends an entry within the caller's transaction, so that what it records and the entry commit or roll back
   * together (a decision and its audit entry). Returns its id.
   */
  static async appendIn(trx: Knex.Transaction, entry: AuditEntryInput, at: string): Promise<number> {
    const last: Pick<AuditRow, 'hash'> | undefined = await trx('audit_log').orderBy('id', 'desc').first('hash');
    const row = {
      at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    const [id] = await trx('audit_log').insert({ ...row, hash: entryHash(row) });
    return Number(id);
  }

  /** Walks the chain in id order; returns the number of entries and the first whose hash does not hold. */
  async verify(): Promise<{ entries: number; firstBrokenId: number | null }> {
    const rows: AuditRow[] = await this.db('audit_log').orderBy('id', 'asc');
    let previous = GENESIS_HASH;
    for (const row of rows) {
      if (row.prev_hash !== previous || entryHash(row) !== row.hash) return { entries: rows.length, firstBrokenId: row.id };
      previous = row.hash;
    }
    return { entries: rows.length, firstBrokenId: null };
  }
}
