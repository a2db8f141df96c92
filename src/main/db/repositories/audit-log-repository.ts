import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { UserError } from '../../../shared/ipc/result';
import { knexEngine } from '../knex-executor';
import type { DecisionRow } from '../review-decision-rows';
import type { SqlEngine } from '../store-address';
import { ADVISORY_LOCKS, lockKnexTransaction } from '../advisory-locks';
import { privilegeRefusal } from '../pg-errors';

/** What a caller records; the repository adds the instant, the chain and the hash. */
export interface AuditEntryInput {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  /** Stored as JSON; `undefined` is stored as SQL NULL (nothing before: a setting set for the first time). */
  before: unknown;
  after: unknown;
}

/** A row of `audit_log`. */
export interface AuditRow {
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

/** The chain's head after an append: what the anchor outside the store records. */
export interface AuditHead {
  id: number;
  hash: string;
  at: string;
}

/** What the anchor outside the store vouches for: nothing yet, an entry, or nothing trustworthy. */
export type AnchoredEntry = { status: 'none' } | { status: 'ok'; id: number; hash: string } | { status: 'invalid' };

/**
 * What keys the chain, from outside the store (services/audit-seal.ts): the repository never sees the key.
 */
export interface AuditSeal {
  /** The keyed hash of an entry (`hmac:` + hex) over its predecessor's hash and its content; throws when locked. */
  entryHash(prevHash: string, content: string): string;
  /** The entry the anchor vouches for now. */
  anchored(): AnchoredEntry;
  /**
   * Records the new head outside the store, once the transaction that appended it has committed. `holds` is false
   * when the anchor no longer matched the table before the append (its entry deleted or replaced): it is then left
   * as it is, so that the verification keeps reporting it rather than the next entry hiding it.
   */
  anchor(head: AuditHead, holds: boolean): void;
}

/** Hash of the first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);
/** Prefix of the hashes of keyed entries; the entries of the first, plain SHA-256 chain have 64 hex digits. */
export const KEYED_HASH_PREFIX = 'hmac:';
/** Settings key of the store's random id (names its key outside the store); not a user setting, not audited. */
export const STORE_ID_SETTING = 'store.id';
/** Settings key of the check of the store's key (`StoreKey.check`): tells a workstation whether its key is this store's. */
export const KEY_CHECK_SETTING = 'store.keyCheck';
/** The settings that describe the store itself, written once and never by users: out of the settings and their audit. */
export const STORE_SETTINGS = [STORE_ID_SETTING, KEY_CHECK_SETTING];
/** Action of the entry that seals the entries of the plain SHA-256 chain (and the settings) of an older store. */
export const SEAL_ACTION = 'audit.seal';
/** Action and entity of a settings change. */
export const SETTINGS_ACTION = 'settings.set';
export const SETTINGS_ENTITY = 'réglage';

/** Which chain an entry belongs to, read from the form of its hash. */
export function chainOf(hash: string): 'legacy' | 'keyed' | 'unknown' {
  if (hash.startsWith(KEYED_HASH_PREFIX)) return 'keyed';
  return /^[0-9a-f]{64}$/.test(hash) ? 'legacy' : 'unknown';
}

/** Entries of the first chain: sha256 over the predecessor's hash and every field (no key: anyone can recompute it). */
export function legacyEntryHash(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const fields = [row.prev_hash, row.at, row.actor, row.action, row.entity, row.entity_id ?? '', row.before_json ?? '', row.after_json ?? ''];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The content a keyed hash covers, canonical: every field in a fixed order, NULL kept apart from the empty string. */
export function entryContent(row: Omit<AuditRow, 'id' | 'hash' | 'prev_hash'>): string {
  return JSON.stringify([row.at, row.actor, row.action, row.entity, row.entity_id, row.before_json, row.after_json]);
}

/** Until the service has opened the store's key, nothing may be appended. */
const UNOPENED: AuditSeal = {
  entryHash() {
    throw new Error('Journal d’audit non ouvert (AuditService.open)');
  },
  anchored: () => ({ status: 'none' }),
  anchor() {},
};

/** Everything the verification compares, read in one transaction (a consistent view). */
export interface AuditSnapshot {
  entries: AuditRow[];
  decisions: DecisionRow[];
  /** Stored settings (raw JSON text), the store id left out. */
  settings: Array<{ key: string; value_json: string }>;
}

/** Appends within a transaction; answers the new entry's id. */
export type AuditAppend = (entry: AuditEntryInput, at: string) => Promise<number>;

/**
 * Append-only audit log (triggers forbid UPDATE/DELETE); each entry carries the hash of the previous one, keyed
 * (HMAC-SHA-256) with a key kept outside the store. Entries of the first, unkeyed chain of older stores stay as they
 * were, sealed by one keyed `audit.seal` entry (docs/review.md, « Journal d’audit »).
 */
export class AuditLogRepository {
  private seal: AuditSeal = UNOPENED;
  private readonly engine: SqlEngine;

  constructor(private readonly db: Knex) {
    this.engine = knexEngine(db);
  }

  /** Keys the appends from now on (the service, once it has the store's key, or a seal that refuses them). */
  useSeal(seal: AuditSeal): void {
    this.seal = seal;
  }

  /** Appends an entry in its own transaction; returns its id. */
  append(entry: AuditEntryInput, at: string): Promise<number> {
    return this.transaction((_trx, append) => append(entry, at));
  }

  /**
   * Runs `work` in one transaction with an `append` that records entries in it, so that what they record and the
   * entries commit or roll back together (a decision and its entry); then anchors the new head outside the store.
   * Such transactions run one at a time on either engine (`ADVISORY_LOCKS.auditChain` on PostgreSQL, taken before `work`
   * reads anything): what `work` reads before appending (the decision it revises, a setting's value) is still so
   * when the entry is written.
   */
  async transaction<T>(work: (trx: Knex.Transaction, append: AuditAppend) => Promise<T>): Promise<T> {
    let head: AuditHead | null = null;
    let holds = true;
    const result = await this.db.transaction(async (trx) => {
      await lockKnexTransaction(trx, ADVISORY_LOCKS.auditChain);
      return work(trx, async (entry, at) => {
        if (head === null) holds = await this.anchorHolds(trx);
        head = await this.appendIn(trx, entry, at);
        return head.id;
      });
    });
    if (head) this.seal.anchor(head, holds);
    return result;
  }

  /**
   * Whether the anchor still matches the table: its entry is there with the same hash; or, without an anchor, no
   * keyed entry exists yet (the first keyed entry creates it).
   */
  private async anchorHolds(trx: Knex.Transaction): Promise<boolean> {
    const anchored = this.seal.anchored();
    if (anchored.status === 'invalid') return false;
    if (anchored.status === 'none') {
      const last: Pick<AuditRow, 'hash'> | undefined = await trx('audit_log').orderBy('id', 'desc').first('hash');
      return last === undefined || chainOf(last.hash) !== 'keyed';
    }
    // Anchored at the start (`GENESIS_HASH`, entry 0): the workstation keyed or joined the store before any entry.
    if (anchored.id === 0) return anchored.hash === GENESIS_HASH;
    const row: Pick<AuditRow, 'hash'> | undefined = await trx('audit_log').where({ id: anchored.id }).first('hash');
    return row?.hash === anchored.hash;
  }

  private async appendIn(trx: Knex.Transaction, entry: AuditEntryInput, at: string): Promise<AuditHead> {
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
    const hash = this.seal.entryHash(row.prev_hash, entryContent(row));
    const [inserted] = (await trx('audit_log').insert({ ...row, hash }).returning('id')) as Array<{ id: number }>;
    return { id: Number(inserted?.id), hash, at };
  }

  /** The store's id, created from `candidate` when it has none yet (two processes at once agree on one). */
  async ensureStoreId(candidate: string, at: string): Promise<string> {
    return this.ensureStoreSetting(STORE_ID_SETTING, candidate, at);
  }

  /**
   * The check of the store's key (`StoreKey.check`), `candidate` when it had none. The first workstation to key a
   * store writes it; the others compare theirs with it. Null when the store has none and this role may not write it
   * (a read-only role on a shared store keyed before the check existed).
   */
  async ensureKeyCheck(candidate: string, at: string): Promise<string | null> {
    try {
      return await this.ensureStoreSetting(KEY_CHECK_SETTING, candidate, at);
    } catch (error) {
      if (privilegeRefusal(error) !== null) return this.keyCheck();
      throw error;
    }
  }

  /** The check of the store's key, or null when none was written yet. */
  async keyCheck(): Promise<string | null> {
    const row = (await this.db('settings').where({ key: KEY_CHECK_SETTING }).first('value_json')) as { value_json: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.value_json) as string);
  }

  /** A setting of the store itself: its value, written as `candidate` when absent (the first writer wins). */
  private async ensureStoreSetting(key: string, candidate: string, at: string): Promise<string> {
    const read = async () => (await this.db('settings').where({ key }).first('value_json')) as { value_json: string } | undefined;
    let row = await read();
    if (!row) {
      await this.db('settings').insert({ key, value_json: JSON.stringify(candidate), updated_at: at }).onConflict('key').ignore();
      row = await read();
    }
    try {
      return JSON.parse(row?.value_json ?? 'null') as string;
    } catch {
      return String(row?.value_json);
    }
  }

  /** Number of keyed entries (none: the store was never sealed, or its keyed entries were removed). */
  async keyedEntries(): Promise<number> {
    const row = (await this.db('audit_log').where('hash', 'like', `${KEYED_HASH_PREFIX}%`).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Whether `sealLegacy` has something to seal (read without taking the write lock, checked again there). */
  async needsSeal(): Promise<boolean> {
    if ((await this.keyedEntries()) > 0) return false;
    const entries = (await this.db('audit_log').count({ n: '*' }).first()) as { n: number | string } | undefined;
    const settings = (await this.db('settings').whereNotIn('key', STORE_SETTINGS).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(entries?.n ?? 0) > 0 || Number(settings?.n ?? 0) > 0;
  }

  /**
   * Seals what an older store holds outside the keyed chain, once: when it has no keyed entry yet but has entries of
   * the first chain or settings, appends one keyed `audit.seal` entry recording how many entries that chain has, its
   * head, and every setting's value. Answers the entry's id, or null when there was nothing to seal.
   */
  async sealLegacy(storeId: string, actor: string, at: string): Promise<number | null> {
    return this.transaction(async (trx, append) => {
      const keyed = (await trx('audit_log').where('hash', 'like', `${KEYED_HASH_PREFIX}%`).count({ n: '*' }).first()) as { n: number | string };
      if (Number(keyed.n) > 0) return null;
      const counted = (await trx('audit_log').count({ n: '*' }).first()) as { n: number | string };
      const last: Pick<AuditRow, 'hash'> | undefined = await trx('audit_log').orderBy('id', 'desc').first('hash');
      const settings: Array<{ key: string; value_json: string }> = await trx('settings').whereNotIn('key', STORE_SETTINGS).orderBy('key').select('key', 'value_json');
      if (Number(counted.n) === 0 && settings.length === 0) return null;
      return append(
        {
          actor,
          action: SEAL_ACTION,
          entity: 'journal d’audit',
          entityId: storeId,
          before: null,
          after: {
            storeId,
            legacyEntries: Number(counted.n),
            legacyHead: last?.hash ?? GENESIS_HASH,
            settings: Object.fromEntries(settings.map((setting) => [setting.key, setting.value_json])),
          },
        },
        at,
      );
    });
  }

  /**
   * The log, the decisions and the settings, read in one transaction: one snapshot of the three on PostgreSQL too
   * (REPEATABLE READ: in READ COMMITTED each read would see what other instances committed meanwhile, a decision
   * without its entry).
   */
  snapshot(): Promise<AuditSnapshot> {
    return this.db.transaction(
      async (trx) => ({
        entries: (await trx('audit_log').orderBy('id', 'asc')) as AuditRow[],
        decisions: (await trx('review_decisions').orderBy('id', 'asc')) as DecisionRow[],
        settings: (await trx('settings').whereNotIn('key', STORE_SETTINGS).orderBy('key').select('key', 'value_json')) as Array<{ key: string; value_json: string }>,
      }),
      this.engine === 'postgres' ? { isolationLevel: 'repeatable read', readOnly: true } : undefined,
    );
  }

  /**
   * The PostgreSQL role this instance connects as (who acts, when nothing else names them), or null on SQLite, where
   * the store is a file and the system user is the only identity.
   */
  async storeRole(): Promise<string | null> {
    if (this.engine !== 'postgres') return null;
    const role = (await this.db.select(this.db.raw('current_user AS role')).first()) as { role: string } | undefined;
    return role?.role ?? null;
  }
}

/** The seal of a store whose key cannot be used: appends are refused with `message`, the journal stays readable. */
export function lockedSeal(message: string): AuditSeal {
  return {
    entryHash() {
      throw new UserError('conflict', message);
    },
    anchored: () => ({ status: 'none' }),
    anchor() {},
  };
}
