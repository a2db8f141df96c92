import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from './app-services';
import { TempStore } from '../testing/temp-store';

/**
 * The Cerema AOM file import as the Données page and `atelier aom import` run it: a job in the worker, the AOM
 * table replaced by rank, stored journeys re-derived, the audit log, and unreadable files refused whole.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
let store: TempStore;
let services: AppServices;

beforeEach(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
});

afterEach(async () => {
  await store.cleanup();
});

async function loadDemo(): Promise<void> {
  const done = await services.runner.wait(await services.demo.start({ trips: 600, seed: 4 }));
  expect(done?.status).toBe('done');
}

async function aomOfEnds(commune: string): Promise<string[]> {
  const starts = (await store.sql()('trips').where({ start_com: commune }).distinct('start_aom')) as Array<{ start_aom: string }>;
  const ends = (await store.sql()('trips').where({ end_com: commune }).distinct('end_aom')) as Array<{ end_aom: string }>;
  return [...new Set([...starts.map((row) => row.start_aom), ...ends.map((row) => row.end_aom)])].sort();
}

describe('AomService.importCerema', () => {
  it('replaces demo rows, re-derives stored journeys and records the import in the audit log', async () => {
    await loadDemo();
    // Savenay (44195) is covered by the Région in the demo table; the file gives it to its own AOM.
    expect(await aomOfEnds('44195')).toEqual(['234400034']);
    const file = join(store.dir, 'composition-communale-aom.csv');
    writeFileSync(
      file,
      '\uFEFFN° INSEE;Nom commune;N° SIREN AOM;Nom de l’AOM\n' +
        '44195;Savenay;200072734;CC Estuaire et Sillon\n' +
        '72181;Le Mans;247200132;Le Mans Métropole\n' +
        '44109;Nantes;24440040;SIREN tronqué\n',
    );

    const done = await services.runner.wait(await services.aoms.importCerema(file));

    expect(done).toMatchObject({ kind: 'aom.import', status: 'done', error: null });
    expect(done?.summary).toMatchObject({ communes: 2, inserted: 1, replaced: 1, kept: 0, rejectedCount: 1 });
    expect(Number(done?.summary?.tripsUpdated)).toBeGreaterThan(0);
    expect(await aomOfEnds('44195')).toEqual(['200072734']);
    // A commune absent from the file keeps its AOM.
    expect(await aomOfEnds('44109')).toEqual(['244400404']);
    const { sources } = await services.aoms.summary();
    expect(sources).toEqual([
      { source: 'cerema', communes: 2, aoms: 2, updatedAt: NOW.toISOString() },
      expect.objectContaining({ source: 'demo' }),
    ]);
    const audit = await store.sql()('audit_log').where({ action: 'aom.import' }).first();
    expect(JSON.parse(String(audit.after_json))).toMatchObject({ communes: 2, inserted: 1, replaced: 1 });
  });

  it('fails with the reader’s French message and leaves the table as it was', async () => {
    const before = await services.aoms.summary();
    const file = join(store.dir, 'aom.ods');
    writeFileSync(file, 'pas un classeur');
    const done = await services.runner.wait(await services.aoms.importCerema(file));
    expect(done?.status).toBe('failed');
    expect(done?.error).toContain('le format ODS (LibreOffice) n’est pas pris en charge');
    expect(await services.aoms.summary()).toEqual(before);
  });
});
