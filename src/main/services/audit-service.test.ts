import { createHmac } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditVerification } from '../../shared/types/store';
import { openMigratedDatabase } from '../db/connection';
import { dropTrigger } from '../db/migrations/engine';
import {
  AuditLogRepository, entryContent, legacyEntryHash, SEAL_ACTION, STORE_ID_SETTING, type AuditRow,
} from '../db/repositories/audit-log-repository';
import { ReviewDecisionsRepository } from '../db/repositories/review-decisions-repository';
import { keyFilePath } from '../platform/store-key';
import { legacySeal } from '../testing/legacy-audit';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/**
 * The audit log against someone who can write the store (issue 16, item 6): a tampered real store (a SQLite file
 * in a temp dir, or a PostgreSQL database of its own), its key and anchor in a folder apart. Every change below is made as such a person would, through a second
 * connection, with the triggers that forbid it dropped first.
 */

let store: TempStore;
let services: AppServices;

beforeEach(async () => {
  store = new TempStore();
  services = await store.open();
});

afterEach(async () => {
  await store.cleanup();
});

async function verify(): Promise<AuditVerification> {
  return AuditVerification.parse(await services.audit.verify());
}

async function entries(): Promise<AuditRow[]> {
  return store.sql()('audit_log').orderBy('id');
}

/** Some history: imports recorded by services, a setting, and decisions (a revision included). */
async function someHistory(): Promise<void> {
  await services.audit.record({ action: 'extract.import', entity: 'import_batches', entityId: '1', before: null, after: { rowsInserted: 10 } });
  await services.settings.set('demo.defaultTrips', 500);
  await services.reviews.decide({ subjects: [{ kind: 'journey', key: 'TRAJET-1' }], decision: 'confirmed', comment: 'Anneau fermé' });
  await services.reviews.decide({ subjects: [{ kind: 'person', key: 'PERSONNE-9' }], decision: 'info_requested', comment: '' });
  await services.audit.record({ action: 'extract.import', entity: 'import_batches', entityId: '2', before: null, after: { rowsInserted: 20 } });
}

describe('audit log, intact', () => {
  it('verifies a new store’s keyed chain, its anchor, decisions and settings', async () => {
    expect(await verify()).toMatchObject({ entries: 0, intact: true, firstBroken: null, problems: [], anchoredEntryId: null });
    await someHistory();
    expect(await verify()).toEqual({
      entries: 5, intact: true, firstBrokenId: null, firstBroken: null, problems: [], keyedEntries: 5, legacyEntries: 0,
      decisionsChecked: 2, settingsChecked: 1, anchoredEntryId: 5, keyFile: keyFilePath(store.keyDir, services.audit.storeId),
    });
    // The store keeps only its id; the key is in a folder apart.
    expect(await store.sql()('settings').where({ key: STORE_ID_SETTING }).first()).toMatchObject({ value_json: JSON.stringify(services.audit.storeId) });
    expect((await entries()).every((row) => row.hash.startsWith('hmac:'))).toBe(true);
  });

  it('records every settings change with the old and the new value, who and when', async () => {
    await services.settings.set('demo.defaultTrips', 500);
    await services.settings.set('demo.defaultTrips', 800);
    await services.settings.set('demo.defaultTrips', 800);
    await services.settings.set('sync.watchFolder', '/partage/extraits');
    const rows = await entries();
    expect(rows.map((row) => [row.action, row.entity, row.entity_id, row.actor, row.before_json, row.after_json])).toEqual([
      ['settings.set', 'réglage', 'demo.defaultTrips', 'testeur', null, '500'],
      ['settings.set', 'réglage', 'demo.defaultTrips', 'testeur', '500', '800'],
      ['settings.set', 'réglage', 'sync.watchFolder', 'testeur', null, '"/partage/extraits"'],
    ]);
    expect((await verify()).intact).toBe(true);
  });

  it('records the check parameters saved in settings', async () => {
    await services.checks.saveParameters({ T04: { highSpeedKmh: 1_000, warnSpeedKmh: 1_000 } });
    const rows = await entries();
    expect(rows.map((row) => row.action)).toEqual(['settings.set', 'checks.parameters']);
    expect(rows[0]?.entity_id).toBe('checks.parameters');
    expect((await verify()).intact).toBe(true);
  });
});

describe('audit log, several instances on one store', () => {
  it('keeps one chain under many concurrent appends from two instances (settings, decisions, records), and verifies', async () => {
    const other = await store.open({ actor: 'agent-b' });
    const writes = [services, other].flatMap((instance, i) => [
      ...Array.from({ length: 40 }, (_, n) => instance.audit.record({ action: 'extract.import', entity: 'import_batches', entityId: `${i}-${n}`, before: null, after: { n } })),
      ...Array.from({ length: 5 }, (_, n) => instance.settings.set('demo.defaultTrips', 100 * (n + 1) + i)),
      ...Array.from({ length: 5 }, (_, n) => instance.reviews.decide({ subjects: [{ kind: 'journey', key: `TRAJET-${n}` }], decision: 'legitimate', comment: `${i}` })),
    ]);
    await Promise.all(writes);
    const rows = await entries();
    const settingsChanges = rows.filter((row) => row.action === 'settings.set').length;
    expect(rows).toHaveLength(80 + 10 + settingsChanges);
    // One chain: each entry follows the one before it, in id order, and no two share a predecessor.
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash, `entrée n° ${rows[i]?.id}`).toBe(rows[i - 1]?.hash);
    expect(new Set(rows.map((row) => row.prev_hash)).size).toBe(rows.length);
    // Each journey's decisions revise one another in the order they were recorded.
    const decisions = (await store.sql()('review_decisions').orderBy('id')) as Array<{ id: number; subject_key: string; previous_id: number | null }>;
    const latest = new Map<string, number>();
    for (const row of decisions) {
      expect(row.previous_id, row.subject_key).toBe(latest.get(row.subject_key) ?? null);
      latest.set(row.subject_key, row.id);
    }
    for (const instance of [services, other]) expect(await instance.audit.verify()).toMatchObject({ intact: true, entries: rows.length, decisionsChecked: 10, settingsChecked: 1 });
  });
});

describe('audit log, tampered', () => {
  it('detects an entry edited and the chain recomputed with plain SHA-256, as the first chain allowed', async () => {
    await someHistory();
    await dropTrigger(store.sql(), 'audit_log_no_update', 'audit_log');
    const rows = await entries();
    let previous = rows[0]!.hash;
    for (const row of rows.slice(1)) {
      const edited = { ...row, prev_hash: previous, after_json: row.id === 2 ? '1000' : row.after_json };
      const hash = legacyEntryHash(edited);
      await store.sql()('audit_log').where({ id: row.id }).update({ prev_hash: previous, after_json: edited.after_json, hash });
      previous = hash;
    }
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.firstBroken).toEqual({
      entryId: 2, at: rows[1]!.at, action: 'settings.set',
      reason: 'entrée à l’ancien format (SHA-256 sans clé) après le scellement du journal : écrite ou réécrite hors de l’application',
    });
  });

  it('detects an entry edited and the chain recomputed with an HMAC under another key', async () => {
    await someHistory();
    await dropTrigger(store.sql(), 'audit_log_no_update', 'audit_log');
    const guess = Buffer.alloc(32, 7);
    const rows = await entries();
    let previous = rows[1]!.hash;
    for (const row of rows.slice(2)) {
      const edited = { ...row, prev_hash: previous, after_json: row.id === 3 ? row.after_json!.replace('confirmed', 'legitimate') : row.after_json };
      const hash = `hmac:${createHmac('sha256', guess).update(JSON.stringify([previous, entryContent(edited)])).digest('hex')}`;
      await store.sql()('audit_log').where({ id: row.id }).update({ prev_hash: previous, after_json: edited.after_json, hash });
      previous = hash;
    }
    const result = await verify();
    expect(result.firstBroken).toMatchObject({ entryId: 3, action: 'review.decide', reason: 'empreinte HMAC fausse : entrée modifiée, ou chaîne recalculée sans la clé' });
  });

  it('detects the last entries deleted (the anchor outside the store is ahead of the table), even after a new entry', async () => {
    await someHistory();
    const rows = await entries();
    await dropTrigger(store.sql(), 'audit_log_no_delete', 'audit_log');
    await store.sql()('audit_log').where('id', '>=', 4).delete();
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.firstBroken).toMatchObject({ entryId: 4, at: rows[4]!.at, action: null });
    expect(result.firstBroken?.reason).toContain('entrées supprimées : l’ancre tenue hors de la base atteste l’entrée n° 5');
    expect(result.firstBroken?.reason).toContain('dernière entrée : n° 3');
    // The person's decision row now has no entry: named too.
    expect(result.problems.map((problem) => problem.reason)).toContainEqual(expect.stringContaining('décision n° 2 (personne PERSONNE-9) : aucune entrée de décision du journal ne l’inscrit'));

    // The next entry chains onto what is left, but does not move the anchor past the gap.
    await services.audit.record({ action: 'extract.import', entity: 'import_batches', entityId: '3', before: null, after: {} });
    const after = await verify();
    expect(after.intact).toBe(false);
    expect(after.firstBroken?.reason).toContain('l’ancre tenue hors de la base atteste l’entrée n° 5');
  });

  it('detects an entry deleted in the middle: the next one no longer follows its predecessor', async () => {
    await someHistory();
    await dropTrigger(store.sql(), 'audit_log_no_delete', 'audit_log');
    await store.sql()('audit_log').where({ id: 1 }).delete();
    const result = await verify();
    expect(result.firstBroken).toMatchObject({ entryId: 2, action: 'settings.set', reason: 'ne suit pas l’entrée qui la précède : une entrée a été supprimée, insérée ou réécrite avant elle' });
  });

  it('detects a decision changed in the table (confirmed → legitimate) and names the row', async () => {
    await someHistory();
    await dropTrigger(store.sql(), 'review_decisions_no_update', 'review_decisions');
    await store.sql()('review_decisions').where({ subject_key: 'TRAJET-1' }).update({ decision: 'legitimate' });
    // What the queue and the exclusions now read…
    expect(await store.sql()('review_current').where({ subject_key: 'TRAJET-1' }).first()).toMatchObject({ decision: 'legitimate' });
    // …is refused by the verification.
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.firstBroken).toMatchObject({ entryId: 3, action: 'review.decide' });
    expect(result.firstBroken?.reason).toBe(
      'décision n° 1 (trajet TRAJET-1) modifiée dans la table : décision « légitime » dans la table, « fraude confirmée » au journal (entrée n° 3)',
    );
  });

  it('detects a decision inserted in the table without its entry, and one deleted', async () => {
    await someHistory();
    const row = (await store.sql()('review_decisions').where({ id: 1 }).first()) as Record<string, unknown>;
    await store.sql()('review_decisions').insert({ ...row, id: 3, subject_key: 'TRAJET-2', decision: 'confirmed' });
    const result = await verify();
    expect(result.firstBroken?.reason).toBe('décision n° 3 (trajet TRAJET-2) modifiée dans la table : sujet « trajet TRAJET-2 » dans la table, « trajet TRAJET-1 » au journal (entrée n° 3)');

    await dropTrigger(store.sql(), 'review_decisions_no_delete', 'review_decisions');
    await store.sql()('review_decisions').whereIn('id', [2, 3]).delete();
    expect((await verify()).firstBroken?.reason).toBe('décision n° 2 (personne PERSONNE-9) inscrite au journal mais absente de la table');
  });

  it('detects a setting changed or added in the table outside the application', async () => {
    await someHistory();
    await store.sql()('settings').where({ key: 'demo.defaultTrips' }).update({ value_json: '2000000' });
    expect((await verify()).firstBroken).toMatchObject({
      entryId: 2, action: 'settings.set',
      reason: 'réglage « demo.defaultTrips » modifié dans la table : 2000000 dans la table, 500 au journal (entrée n° 2)',
    });
    await store.sql()('settings').where({ key: 'demo.defaultTrips' }).update({ value_json: '500' });
    await store.sql()('settings').insert({ key: 'sync.watchFolder', value_json: '"/tmp/piège"', updated_at: '2026-11-28T10:00:00Z' });
    expect((await verify()).firstBroken).toEqual({
      entryId: null, at: null, action: null, reason: 'réglage « sync.watchFolder » absent du journal : écrit hors de l’application (valeur "/tmp/piège")',
    });
  });

  it('says clearly that the key is missing, and refuses to extend a log it can no longer key', async () => {
    await someHistory();
    const keyFile = keyFilePath(store.keyDir, services.audit.storeId);
    rmSync(keyFile);
    const result = await verify();
    expect(result.intact).toBe(false);
    expect(result.firstBroken?.entryId).toBeNull();
    expect(result.firstBroken?.reason).toContain(`Clé du journal d’audit introuvable : ${keyFile}`);
    expect(result.firstBroken?.reason).toContain('Sans elle, le journal ne peut être ni vérifié ni prolongé.');

    // Reopened without its key: the store is readable, nothing audited can be written, no new key replaces it.
    await services.close();
    services = await store.open();
    expect((await verify()).firstBroken?.reason).toContain(`Clé du journal d’audit introuvable : ${keyFile}`);
    expect(services.audit.lockReason).toContain('Clé du journal d’audit introuvable');
    expect(services.audit.storeKey()).toBeNull();
    await expect(services.settings.set('demo.defaultTrips', 900)).rejects.toThrow('Clé du journal d’audit introuvable');
    await expect(services.reviews.decide({ subjects: [{ kind: 'journey', key: 'TRAJET-1' }], decision: 'legitimate', comment: '' })).rejects.toThrow('Clé du journal d’audit introuvable');
    expect(await store.count('review_decisions')).toBe(2);
    expect(await store.count('audit_log')).toBe(5);
    expect(existsSync(keyFile)).toBe(false);
  });
});

describe('audit log of an older store (plain SHA-256 chain)', () => {
  /** A store as the previous version left it: entries of the unkeyed chain, a decision, a setting, no store id. */
  async function olderStore(store: TempStore): Promise<void> {
    await store.ready();
    const db = await openMigratedDatabase(store.storeAddress);
    try {
      const log = new AuditLogRepository(db);
      log.useSeal(legacySeal);
      await log.append({ actor: 'ancien', action: 'demo.load', entity: 'import_batches', entityId: '1', before: null, after: { rowsInserted: 3 } }, '2026-10-01T08:00:00Z');
      await new ReviewDecisionsRepository(db, log).decide([{ kind: 'journey', key: 'TRAJET-7' }], 'confirmed', 'Ancien', 'ancien', '2026-10-02T08:00:00Z');
      await db('settings').insert({ key: 'demo.offerAnswered', value_json: 'true', updated_at: '2026-10-01T08:00:00Z' });
    } finally {
      await db.destroy();
    }
  }

  let older: TempStore;

  beforeEach(async () => {
    older = new TempStore();
    await olderStore(older);
  });

  afterEach(async () => {
    await older.cleanup();
  });

  it('is sealed once on opening: its entries still verify with their SHA-256, the seal entry keys them', async () => {
    const opened = await older.open();
    const rows: AuditRow[] = await older.sql()('audit_log').orderBy('id');
    expect(rows.map((row) => [row.action, row.hash.startsWith('hmac:')])).toEqual([['demo.load', false], ['review.decide', false], [SEAL_ACTION, true]]);
    expect(JSON.parse(rows[2]!.after_json!)).toEqual({
      storeId: opened.audit.storeId, legacyEntries: 2, legacyHead: rows[1]!.hash, settings: { 'demo.offerAnswered': 'true' },
    });
    expect(await opened.audit.verify()).toMatchObject({ intact: true, entries: 3, legacyEntries: 2, keyedEntries: 1, decisionsChecked: 1, settingsChecked: 1, anchoredEntryId: 3 });

    // Opened again: sealed already, nothing more.
    await opened.close();
    const again = await older.open();
    expect(await older.count('audit_log')).toBe(3);
    await again.settings.set('demo.offerAnswered', false);
    expect(await again.audit.verify()).toMatchObject({ intact: true, entries: 4 });
  });

  it('still detects an old entry edited and its SHA-256 chain recomputed, after the seal', async () => {
    const opened = await older.open();
    await dropTrigger(older.sql(), 'audit_log_no_update', 'audit_log');
    const rows: AuditRow[] = await older.sql()('audit_log').orderBy('id');
    const first = { ...rows[0]!, after_json: '{"rowsInserted":3000}' };
    const firstHash = legacyEntryHash(first);
    await older.sql()('audit_log').where({ id: 1 }).update({ after_json: first.after_json, hash: firstHash });
    const second = { ...rows[1]!, prev_hash: firstHash };
    await older.sql()('audit_log').where({ id: 2 }).update({ prev_hash: firstHash, hash: legacyEntryHash(second) });
    const result = await opened.audit.verify();
    expect(result.intact).toBe(false);
    expect(result.firstBroken).toMatchObject({ entryId: 3, action: SEAL_ACTION });
    expect(result.firstBroken?.reason).toContain('ne suit pas l’entrée qui la précède');
  });

  it('detects entries of the old format added to a store that has none (forged history)', async () => {
    const fresh = new TempStore();
    try {
      const opened = await fresh.open();
      const db = fresh.sql();
      const log = new AuditLogRepository(db);
      log.useSeal(legacySeal);
      await log.append({ actor: 'faussaire', action: 'review.decide', entity: 'trajet', entityId: 'X', before: null, after: {} }, '2026-01-01T00:00:00Z');
      expect((await opened.audit.verify()).firstBroken?.reason).toContain('aucune des 1 entrées n’est scellée par la clé de la base');
    } finally {
      await fresh.cleanup();
    }
  });

  it('gives the store an id, and a key only where none existed', async () => {
    const opened = await older.open();
    expect(opened.audit.storeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(opened.audit.storeKey()?.file).toBe(join(older.keyDir, `${opened.audit.storeId}.key`));
  });
});
