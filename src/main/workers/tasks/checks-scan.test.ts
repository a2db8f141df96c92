import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanScope } from '../../../shared/types/reviews';
import { SCAN_BYTES_PER_JOURNEY } from '../../checks/scan-memory';
import { monthScopes, readWindow } from '../../checks/scan-scope';
import { countScanTrips, scanDayRange } from '../../db/scan-source';
import { withStoreConnection } from '../../db/store-connection';
import { TempStore } from '../../testing/temp-store';
import { scanInParts, type ChecksScanParams } from './checks-scan';
import type { TaskContext } from './task-context';

/**
 * A scan too large for its worker's heap (docs/checks.md « Mémoire »), on a small store given a small heap: it is
 * cut into calendar months, and keeps what the months scanned one by one find, each flag once.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
let store: TempStore;

const params = (scope: ScanScope): ChecksScanParams => ({ storeAddress: store.storeAddress, scope, overrides: {}, generatedAt: NOW.toISOString(), trigger: 'manual' });
const context: TaskContext = { progress: () => undefined, sendBatch: () => Promise.resolve(), signal: new AbortController().signal };

/** The flags a run stored, as `check id + its journeys`, in the order stored. */
async function runFlags(runId: number): Promise<string[]> {
  const rows = (await store.sql()('check_flags').where({ run_id: runId }).orderBy('id').select('check_id', 'journey_keys_json')) as Array<{ check_id: string; journey_keys_json: string }>;
  return rows.map((row) => `${row.check_id} ${(JSON.parse(row.journey_keys_json) as string[]).sort().join(' ')}`);
}

beforeAll(async () => {
  store = new TempStore();
  const services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 3_000, seed: 5, patterns: 1 })))?.status).toBe('done');
  await services.close();
}, 120_000);

afterAll(async () => {
  await store.cleanup();
});

describe('scanInParts', () => {
  it('scans month by month what does not fit at once, each flag kept once, as the months scanned one by one find them', async () => {
    await withStoreConnection(store.storeAddress, async (db) => {
      const days = await scanDayRange(db);
      expect(days).not.toBeNull();
      const months = monthScopes({}, days ?? { from: '', to: '' });
      expect(months.length).toBeGreaterThanOrEqual(3);
      const all = await countScanTrips(db, null);
      let largest = 0;
      for (const month of months) largest = Math.max(largest, await countScanTrips(db, readWindow(month)));
      // Room for the largest month and its history, not for the whole store.
      const heap = largest * SCAN_BYTES_PER_JOURNEY;
      expect(all * SCAN_BYTES_PER_JOURNEY).toBeGreaterThan(heap);

      const cut = await scanInParts(db, params({}), context, heap);
      expect(cut.trips).toBe(all);
      expect(cut.inScope).toBe(all);
      const cutFlags = await runFlags(cut.runId);
      expect(new Set(cutFlags).size).toBe(cutFlags.length);
      expect(cutFlags.length).toBe(cut.flags);

      // The months one by one, each scan at once: their flags, those two months share counted once.
      const expected: string[] = [];
      for (const month of months) {
        const single = await scanInParts(db, params(month), context, Number.POSITIVE_INFINITY);
        for (const flag of await runFlags(single.runId)) if (!expected.includes(flag)) expected.push(flag);
      }
      expect(cutFlags.filter((flag) => flag.includes(' '))).toEqual(expected);
      expect(expected.length).toBeGreaterThan(100);

      // The same scan given room for everything reads the store at once.
      const atOnce = await scanInParts(db, params({}), context, Number.POSITIVE_INFINITY);
      expect(atOnce.trips).toBe(all);
    });
  }, 180_000);

  it('refuses in French, before reading, a scan whose months do not fit either', async () => {
    await withStoreConnection(store.storeAddress, async (db) => {
      const runs = await store.count('check_runs');
      await expect(scanInParts(db, params({}), context, 1_000 * SCAN_BYTES_PER_JOURNEY)).rejects.toThrow(
        /^Analyse impossible sur ce poste, même mois par mois : les .* trajets à lire pour un mois .*Analysez un territoire plus petit\.$/u,
      );
      expect(await store.count('check_runs')).toBe(runs);
    });
  });
});
