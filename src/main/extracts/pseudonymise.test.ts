import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYS_DE_LA_LOIRE } from '../domain/demo/demo-geography';
import type { AppServices } from '../services/app-services';
import { TempStore } from '../testing/temp-store';
import { generateExtractFile } from './generate-extract';
import { PSEUDONYM_PREFIX, UserIdPseudonymiser } from './pseudonymise';

describe('UserIdPseudonymiser', () => {
  const key = Buffer.alloc(32, 7);

  it('gives one id the same pseudonym under one key, another under another key, and keeps null and pseudonyms', () => {
    const one = new UserIdPseudonymiser(key);
    const pseudonym = one.pseudonym('p-8812');
    expect(pseudonym).toMatch(/^~[\w-]{22}$/);
    expect(new UserIdPseudonymiser(Buffer.from(key)).pseudonym('p-8812')).toBe(pseudonym);
    expect(one.pseudonym('p-8813')).not.toBe(pseudonym);
    expect(new UserIdPseudonymiser(Buffer.alloc(32, 8)).pseudonym('p-8812')).not.toBe(pseudonym);
    expect(one.pseudonym(null)).toBeNull();
    expect(one.pseudonym(pseudonym)).toBe(pseudonym);
    const trip = { operator_driver_id: 'd-1', operator_passenger_id: null };
    one.apply(trip);
    expect(trip).toEqual({ operator_driver_id: one.pseudonym('d-1'), operator_passenger_id: null });
  });
});

/**
 * Everything the store holds, as text: the SQLite file's bytes, or on PostgreSQL (whose files are the server's) every
 * row of every table of the store's database.
 */
async function storedText(store: TempStore): Promise<string> {
  const db = store.sql();
  if (store.engine === 'sqlite') {
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    return readFileSync(store.storeAddress).toString('latin1');
  }
  const tables = (await db('information_schema.tables').where({ table_schema: 'public', table_type: 'BASE TABLE' }).pluck('table_name')) as string[];
  const rows = await Promise.all(tables.map((table) => db(`${table} as t`).select(db.raw('CAST(t AS TEXT) AS row')) as Promise<Array<{ row: string }>>));
  return rows.flat().map((r) => r.row).join('\n');
}

describe('operators’ user ids at rest', () => {
  let store: TempStore;
  let services: AppServices;

  beforeEach(async () => {
    store = new TempStore();
    services = await store.open({ now: () => new Date('2026-11-28T10:00:00Z') });
  });

  afterEach(async () => {
    await store.cleanup();
  });

  it('stores no user id of an imported extract in clear, not even in a quarantined line, and keeps them equal', async () => {
    const file = join(store.dir, 'extrait.csv');
    await generateExtractFile({ rows: 400, format: 'territory', seed: 4, out: file, region: PAYS_DE_LA_LOIRE, firstDay: '2026-09-01', days: 30 });
    const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
    const columns = (header as string).split(';').map((cell) => cell.replace(/"/g, ''));
    const driverAt = columns.indexOf('operator_driver_id');
    const ids = lines.map((line) => line.split(';')[driverAt]?.replace(/"/g, '') ?? '');
    // One more line, rejected (a class D), whose user id must not be kept in the quarantine either.
    const bad = (lines[0] as string).split(';');
    bad[columns.indexOf('journey_id')] = '999999999';
    bad[columns.indexOf('operator_class')] = 'D';
    bad[driverAt] = 'secret-user-0001';
    const withBad = join(store.dir, 'avec-rejet.csv');
    writeFileSync(withBad, `${header}\n${lines.join('\n')}\n${bad.join(';')}\n`);

    const done = await services.runner.wait((await services.imports.importFiles([withBad]))[0]!);
    expect(done?.summary).toMatchObject({ rowsInserted: 400, rowsRejected: 1 });
    const stored = (await store.sql()('trips').orderBy('journey_id').pluck('operator_driver_id')) as string[];
    expect(stored.every((id) => id.startsWith(PSEUDONYM_PREFIX))).toBe(true);
    // The same user keeps one pseudonym: as many distinct drivers stored as in the file.
    expect(new Set(stored).size).toBe(new Set(ids).size);

    const bytes = await storedText(store);
    for (const id of [...new Set(ids)].slice(0, 50)) expect(bytes.includes(id), id).toBe(false);
    expect(bytes.includes('secret-user-0001')).toBe(false);
  });

  it('keeps storing user ids in clear in a store that held them so before (a user keeps one id within a store)', async () => {
    await store.sql()('store_privacy').update({ user_ids: 'clear' });
    const file = join(store.dir, 'extrait.csv');
    await generateExtractFile({ rows: 50, format: 'territory', seed: 4, out: file, region: PAYS_DE_LA_LOIRE, firstDay: '2026-09-01', days: 30 });
    await services.runner.wait((await services.imports.importFiles([file]))[0]!);
    const stored = (await store.sql()('trips').pluck('operator_driver_id')) as string[];
    expect(stored).toHaveLength(50);
    expect(stored.some((id) => id.startsWith(PSEUDONYM_PREFIX))).toBe(false);
  });
});
