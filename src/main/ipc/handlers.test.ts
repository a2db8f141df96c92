import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import { contract } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { settingDefaults } from '../../shared/types/settings';
import type { AppServices } from '../services/app-services';
import { migrationNames } from '../db/migrations';
import { TempStore } from '../testing/temp-store';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createHandlers } from './handlers';

let store: TempStore;
let services: AppServices;
let dispatch: Dispatch;

/** Calls a channel and returns its data, failing the test on an error answer. */
async function call<C extends Channel>(channel: C, req: unknown): Promise<unknown> {
  const result: Result<unknown> = await dispatch(channel, req);
  if (!result.ok) throw new Error(`${channel} : ${result.error.code} ${result.error.message}`);
  return contract[channel].res.parse(result.data);
}

beforeEach(async () => {
  store = new TempStore();
  services = await store.open();
  dispatch = createDispatcher(createHandlers(services, 'browser'), { checkResponses: true });
});

afterEach(async () => {
  await store.cleanup();
});

describe('createHandlers over real services', () => {
  it('maps every channel of the contract', () => {
    expect(Object.keys(createHandlers(services, 'electron')).sort()).toEqual([...CHANNELS].sort());
  });

  it('answers app:info with the run mode and data directory', async () => {
    expect(await call('app:info', {})).toEqual({ version: '0.0.0-test', mode: 'browser', dataDir: store.dir, timeZone: 'Europe/Paris' });
  });

  it('answers store:info for the store file, with only the shipped AOM table filled', async () => {
    const info = (await call('store:info', {})) as { location: string; schemaVersion: string; migrationCount: number; sizeBytes: number; tables: unknown[] };
    expect(info).toMatchObject({ engine: store.engine, location: store.storeAddress, schemaVersion: migrationNames.at(-1), migrationCount: migrationNames.length });
    expect(info.sizeBytes).toBeGreaterThan(0);
    const tables = info.tables as Array<{ name: string; rows: number }>;
    expect(tables.map((table) => table.name)).toEqual(['aom_communes', 'aom_names_learned', 'attestations', 'audit_log', 'campaign_persons', 'campaign_trip_blocks', 'check_flag_journeys', 'check_flag_persons', 'check_flags', 'check_runs', 'declaration_batches', 'declaration_rejected_rows', 'declared_trips', 'demo_labels', 'import_batches', 'import_staged_updates', 'jobs', 'map_area_month', 'map_contours', 'map_flow_month', 'map_month', 'map_pair_month', 'map_place', 'map_place_month', 'operators', 'people_first', 'rejected_rows', 'review_decisions', 'review_journey_checks', 'review_journeys', 'review_person_checks', 'review_person_journey_checks', 'review_person_journeys', 'review_persons', 'review_summary_dirty', 'settings', 'simulations', 'stats_com_month', 'stats_day', 'stats_flow_month', 'stats_hour_month', 'stats_newcomers_day', 'stats_op_month', 'stats_people_month', 'store_privacy', 'trips']);
    // Île-de-France (1,265 communes in COG 2026) and the demo communes of Pays de la Loire.
    expect(tables.find((table) => table.name === 'aom_communes')?.rows).toBeGreaterThan(1_200);
    // …and the store's own settings: its random id (it names the store's key, kept outside the store) and its key's check.
    expect(tables.find((table) => table.name === 'settings')?.rows).toBe(2);
    // …and how it keeps operators' user ids (pseudonymised: a new store).
    expect(tables.find((table) => table.name === 'store_privacy')?.rows).toBe(1);
    expect(tables.filter((table) => !['aom_communes', 'settings', 'store_privacy'].includes(table.name)).every((table) => table.rows === 0)).toBe(true);
  });

  it('answers store:disk-encryption for the store’s folder on this machine, in the contract’s shape', async () => {
    const status = (await call('store:disk-encryption', {})) as { state: string; detail: string; platform: string };
    expect(['encrypted', 'not_encrypted', 'unknown']).toContain(status.state);
    expect(status.detail).not.toBe('');
    expect(status.platform).toBe(process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'macos' : process.platform === 'linux' ? 'linux' : 'other');
  });

  it('stores a setting and lists it merged over the defaults, also after a restart', async () => {
    expect(await call('settings:list', {})).toEqual(settingDefaults);
    expect(await call('settings:set', { key: 'demo.offerAnswered', value: true })).toEqual({ ...settingDefaults, 'demo.offerAnswered': true });
    await services.close();
    services = await store.open();
    dispatch = createDispatcher(createHandlers(services, 'browser'), { checkResponses: true });
    expect(await call('settings:list', {})).toEqual({ ...settingDefaults, 'demo.offerAnswered': true });
  });

  it('falls back to the default for a stored setting that no longer fits its schema', async () => {
    await store.sql()('settings').insert({ key: 'demo.defaultTrips', value_json: '"beaucoup"', updated_at: '2026-11-28T10:00:00Z' });
    await store.sql()('settings').insert({ key: 'demo.offerAnswered', value_json: '{pas du json', updated_at: '2026-11-28T10:00:00Z' });
    expect(await call('settings:list', {})).toEqual(settingDefaults);
  });

  it('starts a demo job, lists it, cancels nothing once done, and verifies the audit log', async () => {
    const { jobId } = (await call('demo:start', { trips: 100, seed: 1 })) as { jobId: string };
    await services.runner.wait(jobId);
    expect(await call('jobs:list', { limit: 5 })).toMatchObject([{ id: jobId, status: 'done' }]);
    expect(await call('jobs:cancel', { jobId })).toBeNull();
    expect(await call('audit:verify', {})).toMatchObject({ entries: 1, intact: true, firstBrokenId: null, problems: [] });
  });
});
