import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anchorFilePath } from '../../platform/audit-anchor';
import { createStoreKey, type StoreKey } from '../../platform/store-key';
import { keyedEntryHash, keyedSeal } from '../../services/audit-seal';
import { legacySeal } from '../../testing/legacy-audit';
import { TempStore } from '../../testing/temp-store';
import { openMigratedDatabase } from '../connection';
import { dropTrigger } from '../migrations/engine';
import { AuditLogRepository, entryContent, GENESIS_HASH, SEAL_ACTION, STORE_ID_SETTING, type AuditEntryInput, type AuditRow } from './audit-log-repository';

const NOW = new Date('2026-11-28T10:00:00Z');

let store: TempStore;
let keyDir: string;
let db: Knex;
let log: AuditLogRepository;
let key: StoreKey;
let warnings: string[];

function entry(n: number): AuditEntryInput {
  return { actor: 'testeur', action: 'demo.load', entity: 'import_batches', entityId: String(n), before: null, after: { rowsInserted: n } };
}

async function appendMany(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 1; n <= count; n += 1) ids.push(await log.append(entry(n), `2026-11-28T10:0${n}:00Z`));
  return ids;
}

function anchor(): { entryId: number; hash: string } {
  return JSON.parse(readFileSync(anchorFilePath(keyDir, key.storeId), 'utf8')) as { entryId: number; hash: string };
}

beforeEach(async () => {
  store = new TempStore();
  keyDir = store.keyDir;
  await store.ready();
  db = await openMigratedDatabase(store.storeAddress);
  log = new AuditLogRepository(db);
  key = createStoreKey(keyDir, randomUUID(), NOW);
  warnings = [];
  log.useSeal(keyedSeal(key, keyDir, (message) => warnings.push(message)));
});

afterEach(async () => {
  await db.destroy();
  await store.cleanup();
});

describe('AuditLogRepository', () => {
  it('refuses to append before the service has opened the store key', async () => {
    const unopened = new AuditLogRepository(db);
    await expect(unopened.append(entry(1), NOW.toISOString())).rejects.toThrow('Journal d’audit non ouvert');
    expect(await db('audit_log').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('chains each entry to the previous one with an HMAC keyed outside the store, and anchors the head', async () => {
    const ids = await appendMany(4);
    expect(ids).toEqual([1, 2, 3, 4]);

    const rows: AuditRow[] = await db('audit_log').orderBy('id');
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    const chainKey = key.derive('audit-chain');
    for (const row of rows) {
      expect(row.hash).toMatch(/^hmac:[0-9a-f]{64}$/);
      expect(row.hash).toBe(keyedEntryHash(chainKey, row.prev_hash, entryContent(row)));
    }
    expect(rows[2]).toMatchObject({ actor: 'testeur', entity_id: '3', before_json: 'null', after_json: '{"rowsInserted":3}' });
    expect(anchor()).toMatchObject({ entryId: 4, hash: rows[3]?.hash });
    expect(warnings).toEqual([]);
  });

  it('keeps one chain when appends are issued concurrently', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(entry(i + 1), '2026-11-28T10:00:00Z')));
    const rows: AuditRow[] = await db('audit_log').orderBy('id');
    expect(new Set(rows.map((row) => row.prev_hash)).size).toBe(20);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(anchor().entryId).toBe(20);
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    await appendMany(2);
    await expect(db('audit_log').where({ id: 1 }).update({ actor: 'intrus' })).rejects.toThrow('audit_log est en ajout seul');
    await expect(db('audit_log').where({ id: 2 }).delete()).rejects.toThrow('audit_log est en ajout seul');
    await expect(db('audit_log').delete()).rejects.toThrow('audit_log est en ajout seul');
    expect(await db('audit_log').where({ actor: 'testeur' }).count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('anchors only what committed: a transaction rolled back leaves the anchor where it was', async () => {
    await appendMany(2);
    await expect(
      log.transaction(async (_trx, append) => {
        await append(entry(3), NOW.toISOString());
        throw new Error('annulé');
      }),
    ).rejects.toThrow('annulé');
    expect(await db('audit_log').count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(anchor().entryId).toBe(2);
  });

  it('leaves the anchor as evidence when its entry was deleted, instead of moving it past the gap', async () => {
    await appendMany(3);
    await dropTrigger(db, 'audit_log_no_delete', 'audit_log');
    await db('audit_log').where({ id: 3 }).delete();
    await log.append(entry(4), NOW.toISOString());
    expect(anchor().entryId).toBe(3);
    expect(warnings).toEqual([expect.stringContaining('Ancre du journal d’audit laissée en place')]);
  });

  it('gives the store one id, the same for every caller', async () => {
    const [first, second] = await Promise.all([log.ensureStoreId(randomUUID(), NOW.toISOString()), log.ensureStoreId(randomUUID(), NOW.toISOString())]);
    expect(first).toBe(second);
    expect(await log.ensureStoreId(randomUUID(), NOW.toISOString())).toBe(first);
    expect(await db('settings').where({ key: STORE_ID_SETTING }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('seals the entries of the plain SHA-256 chain and the settings of an older store once, with one keyed entry', async () => {
    log.useSeal(legacySeal);
    await appendMany(3);
    await db('settings').insert({ key: 'demo.offerAnswered', value_json: 'true', updated_at: NOW.toISOString() });
    const legacyHead = ((await db('audit_log').where({ id: 3 }).first('hash')) as { hash: string }).hash;
    expect(legacyHead).toMatch(/^[0-9a-f]{64}$/);

    log.useSeal(keyedSeal(key, keyDir, (message) => warnings.push(message)));
    expect(await log.sealLegacy(key.storeId, 'testeur', NOW.toISOString())).toBe(4);
    expect(await log.sealLegacy(key.storeId, 'testeur', NOW.toISOString())).toBeNull();
    const seal = (await db('audit_log').where({ id: 4 }).first()) as AuditRow;
    expect(seal).toMatchObject({ action: SEAL_ACTION, entity_id: key.storeId, prev_hash: legacyHead });
    expect(JSON.parse(seal.after_json ?? 'null')).toEqual({ storeId: key.storeId, legacyEntries: 3, legacyHead, settings: { 'demo.offerAnswered': 'true' } });
    expect(anchor().entryId).toBe(4);
  });

  it('seals nothing in a new, empty store', async () => {
    expect(await log.sealLegacy(key.storeId, 'testeur', NOW.toISOString())).toBeNull();
    expect(await db('audit_log').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
