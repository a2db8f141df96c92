import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYS_DE_LA_LOIRE } from '../domain/demo/demo-geography';
import { generateExtractFile } from '../extracts/generate-extract';
import { PSEUDONYM_PREFIX, UserIdPseudonymiser } from '../extracts/pseudonymise';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/** A store of an earlier version kept operators' user ids in clear: `atelier db pseudonymise` converts it. */
describe('PrivacyService.pseudonymise', () => {
  let store: TempStore;
  let services: AppServices;

  beforeEach(async () => {
    store = new TempStore();
    services = await store.open({ now: () => new Date('2026-11-28T10:00:00Z') });
  });

  afterEach(async () => {
    await store.cleanup();
  });

  it('replaces every clear user id by its pseudonym, redacts the quarantine, takes decisions over, and leaves re-imports unchanged', async () => {
    // A store in the earlier way: user ids in clear.
    await store.sql()('store_privacy').update({ user_ids: 'clear' });
    const file = join(store.dir, 'extrait.csv');
    await generateExtractFile({ rows: 300, format: 'territory', seed: 6, out: file, region: PAYS_DE_LA_LOIRE, firstDay: '2026-09-01', days: 30 });
    const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
    const columns = (header as string).split(';').map((cell) => cell.replace(/"/g, ''));
    const bad = (lines[0] as string).split(';');
    bad[columns.indexOf('journey_id')] = '999999999';
    bad[columns.indexOf('operator_class')] = 'D';
    bad[columns.indexOf('operator_driver_id')] = 'clair-0001';
    const withBad = join(store.dir, 'avec-rejet.csv');
    writeFileSync(withBad, `${header}\n${lines.join('\n')}\n${bad.join(';')}\n`);
    expect((await services.runner.wait((await services.imports.importFiles([withBad]))[0]!))?.summary).toMatchObject({ rowsInserted: 300, rowsRejected: 1 });
    // The earlier importer kept quarantined lines as read: put the clear id back as it would have been stored.
    await store.sql()('rejected_rows').update({ raw: bad.join(';').replace(/"/g, '') });
    const clear = (await store.sql()('trips').whereNotNull('operator_driver_id').first('operator_id', 'operator_driver_id')) as { operator_id: number; operator_driver_id: string };
    expect(clear.operator_driver_id.startsWith(PSEUDONYM_PREFIX)).toBe(false);
    const person = `u:${clear.operator_id}:${clear.operator_driver_id}`;
    await services.reviews.decide({ subjects: [{ kind: 'person', key: person }], decision: 'confirmed', comment: 'comptes multiples' });

    const outcome = await services.privacy.pseudonymise();
    expect(outcome).toEqual({ trips: 300, rejectedLines: 1, decisions: 1 });
    const ids = (await store.sql()('trips').pluck('operator_driver_id')) as string[];
    expect(ids.every((id) => id.startsWith(PSEUDONYM_PREFIX))).toBe(true);
    expect(await store.sql()('store_privacy').first('user_ids')).toEqual({ user_ids: 'pseudonymised' });
    const raw = ((await store.sql()('rejected_rows').first('raw')) as { raw: string }).raw;
    expect(raw).not.toContain('clair-0001');
    expect(raw).toContain('[masqué]');
    // The decision stands under the person's pseudonymised key.
    const pseudonym = new UserIdPseudonymiser(Buffer.from(services.audit.pseudonymKey() ?? '', 'hex')).pseudonym(clear.operator_driver_id) as string;
    expect(ids).toContain(pseudonym);
    const current = (await store.sql()('review_current').where({ subject_kind: 'person', subject_key: `u:${clear.operator_id}:${pseudonym}` }).first('decision')) as { decision: string } | undefined;
    expect(current).toEqual({ decision: 'confirmed' });
    // Statistics and scans were rebuilt on the new keys.
    expect(await store.sql()('people_first').whereLike('person', '%clair%').first()).toBeUndefined();

    // An overlapping extract imported later finds its journeys unchanged (hashes recomputed), with the same pseudonyms.
    const overlapping = join(store.dir, 'recoupe.csv');
    writeFileSync(overlapping, `${header}\n${lines.join('\n')}\n`);
    expect((await services.runner.wait((await services.imports.importFiles([overlapping]))[0]!))?.summary).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 300 });

    // Again: nothing left to do.
    expect(await services.privacy.pseudonymise()).toEqual({ trips: 0, rejectedLines: 0, decisions: 0 });
    expect(await services.audit.verify()).toMatchObject({ intact: true });
  });
});
