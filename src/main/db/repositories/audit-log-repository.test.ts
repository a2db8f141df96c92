import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/temp-store';
import { openMigratedDatabase } from '../connection';
import { AuditLogRepository, GENESIS_HASH, type AuditEntryInput } from './audit-log-repository';

let dir: string;
let db: Knex;
let log: AuditLogRepository;

function entry(n: number): AuditEntryInput {
  return { actor: 'testeur', action: 'demo.load', entity: 'import_batches', entityId: String(n), before: null, after: { rowsInserted: n } };
}

async function appendMany(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 1; n <= count; n += 1) ids.push(await log.append(entry(n), `2026-11-28T10:0${n}:00Z`));
  return ids;
}

beforeEach(async () => {
  dir = makeTempDir();
  db = await openMigratedDatabase(join(dir, 'atelier.sqlite'));
  log = new AuditLogRepository(db);
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('AuditLogRepository', () => {
  it('verifies an empty log as intact', async () => {
    expect(await log.verify()).toEqual({ entries: 0, firstBrokenId: null });
  });

  it('chains each entry to the previous one and verifies the chain intact', async () => {
    const ids = await appendMany(4);
    expect(ids).toEqual([1, 2, 3, 4]);

    const rows: Array<{ id: number; prev_hash: string; hash: string; actor: string; entity_id: string; after_json: string; before_json: string }> =
      await db('audit_log').orderBy('id');
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    for (const row of rows) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(rows.map((row) => row.hash)).size).toBe(4);
    expect(rows[2]).toMatchObject({ actor: 'testeur', entity_id: '3', before_json: 'null', after_json: '{"rowsInserted":3}' });

    expect(await log.verify()).toEqual({ entries: 4, firstBrokenId: null });
  });

  it('keeps one chain when appends are issued concurrently', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(entry(i + 1), '2026-11-28T10:00:00Z')));
    const rows: Array<{ prev_hash: string }> = await db('audit_log').select('prev_hash');
    expect(new Set(rows.map((row) => row.prev_hash)).size).toBe(20);
    expect(await log.verify()).toEqual({ entries: 20, firstBrokenId: null });
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    await appendMany(2);
    await expect(db('audit_log').where({ id: 1 }).update({ actor: 'intrus' })).rejects.toThrow('audit_log est en ajout seul');
    await expect(db('audit_log').where({ id: 2 }).delete()).rejects.toThrow('audit_log est en ajout seul');
    await expect(db('audit_log').delete()).rejects.toThrow('audit_log est en ajout seul');
    expect(await db('audit_log').where({ actor: 'testeur' }).count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(await log.verify()).toEqual({ entries: 2, firstBrokenId: null });
  });

  it('reports the first tampered entry once the trigger is bypassed', async () => {
    await appendMany(5);
    await db.raw('DROP TRIGGER audit_log_no_update');
    await db('audit_log').where({ id: 3 }).update({ after_json: '{"rowsInserted":3000}' });
    expect(await log.verify()).toEqual({ entries: 5, firstBrokenId: 3 });
  });

  it('reports the entry following a deleted one (its predecessor link no longer holds)', async () => {
    await appendMany(4);
    await db.raw('DROP TRIGGER audit_log_no_delete');
    await db('audit_log').where({ id: 2 }).delete();
    expect(await log.verify()).toEqual({ entries: 3, firstBrokenId: 3 });
  });
});
