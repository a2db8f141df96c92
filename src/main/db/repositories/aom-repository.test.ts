import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AomCommune } from '../../domain/geo/aom';
import { demoAomRows } from '../../geo/demo-aom';
import { TempStore } from '../../testing/temp-store';
import { openMigratedDatabase } from '../connection';
import { AomRepository } from './aom-repository';

const T1 = '2026-11-28T12:00:00.000Z';
const T2 = '2026-11-29T12:00:00.000Z';

let store: TempStore;
let db: Knex;
let repository: AomRepository;

beforeEach(async () => {
  store = new TempStore();
  await store.ready();
  db = await openMigratedDatabase(store.storeAddress);
  // Start from an empty table: the migration seeds the shipped rows, tested separately below.
  await db('aom_communes').delete();
  repository = new AomRepository(db);
});

afterEach(async () => {
  await db.destroy();
  await store.cleanup();
});

async function stored(commune: string): Promise<{ aom: string; aom_name: string | null; source: string; updated_at: string } | undefined> {
  return db('aom_communes').where({ commune }).first();
}

describe('AomRepository on the migrated store', () => {
  it('round-trips rows, the map and the names', async () => {
    const summary = await repository.replaceFromSource('demo', demoAomRows(), T1);
    expect(summary).toEqual({ inserted: 24, replaced: 0, kept: 0 });
    expect(await repository.count()).toBe(24);
    expect(await repository.count('demo')).toBe(24);
    expect(await repository.count('cerema')).toBe(0);
    const map = await repository.loadMap();
    expect(map.get('44109')).toBe('244400404');
    expect(map.get('44195')).toBe('234400034');
    expect(await stored('44109')).toEqual({ commune: '44109', aom: '244400404', aom_name: 'Nantes Métropole', source: 'demo', updated_at: T1 });
    const names = await repository.loadNames();
    expect(names.get('234400034')).toBe('Région Pays de la Loire');
    expect(names.size).toBe(8);
  });

  it('lets a Cerema import replace demo rows of its communes and keep the others', async () => {
    await repository.replaceFromSource('demo', demoAomRows(), T1);
    const cerema: AomCommune[] = [
      { commune: '44109', aom: '244400404', aomName: 'Nantes Métropole (Cerema)' },
      { commune: '44195', aom: '200072734', aomName: 'CC Estuaire et Sillon' },
      { commune: '01053', aom: '200071751', aomName: 'Grand Bourg Agglomération' },
    ];
    expect(await repository.replaceFromSource('cerema', cerema, T2)).toEqual({ inserted: 1, replaced: 2, kept: 0 });
    expect(await stored('44195')).toMatchObject({ aom: '200072734', source: 'cerema', updated_at: T2 });
    expect(await stored('44162')).toMatchObject({ aom: '244400404', source: 'demo', updated_at: T1 });
    expect(await repository.count()).toBe(25);
    expect((await repository.loadNames()).get('244400404')).toBe('Nantes Métropole (Cerema)');

    // A newer Cerema file without 01053 replaces what it lists and deletes nothing.
    expect(await repository.replaceFromSource('cerema', [{ commune: '44109', aom: '244400404', aomName: 'Nantes Métropole' }], T2)).toEqual({
      inserted: 0, replaced: 1, kept: 0,
    });
    expect(await stored('01053')).toMatchObject({ aom: '200071751', source: 'cerema' });
    expect(await repository.count('cerema')).toBe(3);
  });

  it('never lets a lower-ranked source overwrite a higher one (demo < learned < cerema)', async () => {
    await repository.replaceFromSource('cerema', [{ commune: '44109', aom: '244400404', aomName: 'Nantes Métropole' }], T1);
    await repository.replaceFromSource('demo', [{ commune: '44162', aom: '244400404', aomName: null }], T1);
    expect(
      await repository.replaceFromSource('learned', [
        { commune: '44109', aom: '111111111', aomName: 'faux' },
        { commune: '44162', aom: '222222222', aomName: 'appris' },
      ], T2),
    ).toEqual({ inserted: 0, replaced: 1, kept: 1 });
    expect(await stored('44109')).toMatchObject({ aom: '244400404', source: 'cerema', updated_at: T1 });
    expect(await stored('44162')).toMatchObject({ aom: '222222222', source: 'learned' });
    expect(await repository.replaceFromSource('demo', [{ commune: '44162', aom: '333333333', aomName: null }], T2)).toEqual({
      inserted: 0, replaced: 0, kept: 1,
    });
    expect(await stored('44162')).toMatchObject({ aom: '222222222', source: 'learned' });
  });

  it('writes large files in several statements, last duplicate winning', async () => {
    const rows: AomCommune[] = Array.from({ length: 1_234 }, (_, i) => ({ commune: String(10_000 + i), aom: '200000000', aomName: null }));
    rows.push({ commune: '10000', aom: '299999999', aomName: 'dernier' });
    expect(await repository.replaceFromSource('cerema', rows, T1)).toEqual({ inserted: 1_234, replaced: 0, kept: 0 });
    expect(await repository.count('cerema')).toBe(1_234);
    expect((await repository.loadMap()).get('10000')).toBe('299999999');
  });

  it('writes nothing when one row fails (single transaction)', async () => {
    await repository.replaceFromSource('demo', demoAomRows(), T1);
    const rows: AomCommune[] = [
      { commune: '44109', aom: '999999999', aomName: null },
      ...Array.from({ length: 600 }, (_, i) => ({ commune: String(20_000 + i), aom: '200000000', aomName: null })),
      { commune: '30000', aom: null as unknown as string, aomName: null },
    ];
    // SQLite says « NOT NULL constraint failed », PostgreSQL « violates not-null constraint ».
    await expect(repository.replaceFromSource('cerema', rows, T2)).rejects.toThrow(/not[ -]null/i);
    expect(await repository.count()).toBe(24);
    expect(await stored('44109')).toMatchObject({ aom: '244400404', source: 'demo' });
  });

  it('accumulates learned AOM names and lists them most seen first', async () => {
    await repository.learnNames([
      { commune: '75056', aomName: 'Ile-De-France Mobilites', seen: 10 },
      { commune: '75056', aomName: 'IDFM', seen: 3 },
      { commune: '44109', aomName: ' Nantes Métropole ', seen: 2 },
      { commune: '44109', aomName: '', seen: 5 },
      { commune: '44109', aomName: 'zéro', seen: 0 },
    ]);
    await repository.learnNames([
      { commune: '75056', aomName: 'IDFM', seen: 9 },
      { commune: '75056', aomName: 'IDFM', seen: 1 },
    ]);
    expect(await repository.learnedNames('75056')).toEqual([
      { commune: '75056', aomName: 'IDFM', seen: 13 },
      { commune: '75056', aomName: 'Ile-De-France Mobilites', seen: 10 },
    ]);
    expect(await repository.learnedNames('44109')).toEqual([{ commune: '44109', aomName: 'Nantes Métropole', seen: 2 }]);
    expect(await repository.learnedNames('13055')).toEqual([]);
  });
});

describe('the shipped AOM rows of the migration', () => {
  it('cover the demo communes with the same AOM as demoAomRows', async () => {
    const fresh = new TempStore();
    await fresh.ready();
    const freshDb = await openMigratedDatabase(fresh.storeAddress);
    try {
      const map = await new AomRepository(freshDb).loadMap();
      for (const row of demoAomRows()) expect(map.get(row.commune)).toBe(row.aom);
    } finally {
      await freshDb.destroy();
      await fresh.cleanup();
    }
  });
});
