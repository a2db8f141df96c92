import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-store';
import { migrateToLatest, openDatabase, openMigratedDatabase } from './connection';
import { migrationNames, migrationSource } from './migrations';
import { StoreRepository } from './repositories/store-repository';

const APP_TABLES = ['aom_communes', 'aom_names_learned', 'attestations', 'audit_log', 'campaign_persons', 'campaign_trip_blocks', 'check_flag_journeys', 'check_flag_persons', 'check_flags', 'check_runs', 'declaration_batches', 'declaration_rejected_rows', 'declared_trips', 'demo_labels', 'import_batches', 'import_staged_updates', 'jobs', 'map_area_month', 'map_contours', 'map_flow_month', 'map_month', 'map_pair_month', 'map_place', 'map_place_month', 'operators', 'people_first', 'rejected_rows', 'review_decisions', 'review_journey_checks', 'review_journeys', 'review_person_checks', 'review_person_journey_checks', 'review_person_journeys', 'review_persons', 'review_summary_dirty', 'settings', 'simulations', 'stats_com_month', 'stats_day', 'stats_flow_month', 'stats_hour_month', 'stats_newcomers_day', 'stats_op_month', 'stats_people_month', 'store_privacy', 'trips'];

let dir: string;
let storeAddress: string;
const opened: Knex[] = [];

/** Opens (and migrates) the test store; the connection is closed after the test. */
async function open(): Promise<Knex> {
  const db = await openMigratedDatabase(storeAddress);
  opened.push(db);
  return db;
}

async function tableNames(db: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> = await db('sqlite_master')
    .where({ type: 'table' })
    .whereNot('name', 'like', 'sqlite_%')
    .whereNot('name', 'like', 'knex_%')
    .orderBy('name')
    .select('name');
  return rows.map((row) => row.name);
}

beforeEach(() => {
  dir = makeTempDir();
  storeAddress = join(dir, 'store', 'atelier.sqlite');
});

afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('create every table of a fresh store (and its missing directory) and record each migration', async () => {
    const db = await open();
    expect(await tableNames(db)).toEqual(APP_TABLES);
    expect(await new StoreRepository(db).appliedMigrations()).toEqual(migrationNames);
    expect(migrationNames).toEqual(['202611281200_foundation', '202611281210_trips', '202611281300_sync', '202611291000_stats', '202611291100_simulations', '202611291200_checks', '202611291300_reviews', '202612061500_campaign_blocks', '202612061510_review_summaries', '202612062300_committed_trips', '202612062310_user_id_privacy', '202612071000_map_contours', '202612071010_map_aggregates', '202612071100_attestations', '202612071200_declared_trips', '202612071300_review_queue_groups', '202612071400_people_first_by_journey']);
  });

  it('are a no-op the second time, in the same process and after reopening the file', async () => {
    const db = await open();
    await db('settings').insert({ key: 'demo.offerAnswered', value_json: 'true', updated_at: '2026-11-28T10:00:00Z' });
    const schemaBefore = await new StoreRepository(db).schemaSql();

    await migrateToLatest(db);
    const rows: Array<{ name: string; batch: number }> = await db('knex_migrations').orderBy('id').select('name', 'batch');
    expect(rows).toEqual(migrationNames.map((name) => ({ name, batch: 1 })));
    await db.destroy();
    opened.splice(opened.indexOf(db), 1);

    const reopened = await open();
    expect(await new StoreRepository(reopened).appliedMigrations()).toEqual(migrationNames);
    expect(await new StoreRepository(reopened).schemaSql()).toEqual(schemaBefore);
    expect(await reopened('settings').select('key', 'value_json')).toEqual([{ key: 'demo.offerAnswered', value_json: 'true' }]);
  });

  it('match the committed schema snapshot', async () => {
    const db = await open();
    const sql = await new StoreRepository(db).schemaSql();
    await expect(sql.join(';\n')).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });

  it('can all be rolled back (down), leaving no application table, then applied again', async () => {
    const db = await open();
    await db.migrate.rollback({ migrationSource }, true);
    expect(await tableNames(db)).toEqual([]);
    await migrateToLatest(db);
    expect(await tableNames(db)).toEqual(APP_TABLES);
  });

  it('refuse loudly a store that recorded a migration this build does not know', async () => {
    const db = await open();
    await db('knex_migrations').insert({ name: '209901010000_future', batch: 2, migration_time: new Date().toISOString() });
    await db.destroy();
    opened.splice(opened.indexOf(db), 1);

    await expect(openMigratedDatabase(storeAddress)).rejects.toThrow(/209901010000_future/);

    // The refused store is left as it was.
    const raw = openDatabase(storeAddress);
    opened.push(raw);
    expect(await new StoreRepository(raw).appliedMigrations()).toEqual([...migrationNames, '209901010000_future']);
  });
});

describe('connection', () => {
  it('sets WAL, foreign keys and the busy timeout on the connection', async () => {
    const db = await open();
    expect(await db.raw('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await db.raw('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await db.raw('PRAGMA busy_timeout')).toEqual([{ timeout: 30000 }]);
  });

  it('enforces foreign keys: a trip cannot point to a missing import batch', async () => {
    const db = await open();
    await expect(
      db('trips').insert({ natural_key: 'j:1', start_at: '2026-11-02T07:10:00Z', start_local: '2026-11-02 08:10:00', batch_id: 999 }),
    ).rejects.toThrow(/FOREIGN KEY constraint failed/);
  });

  it('keep the user ids of a store that already held them in clear in clear, and pseudonymise those of any other', async () => {
    const db = await open();
    expect(await db('store_privacy').select('user_ids')).toEqual([{ user_ids: 'pseudonymised' }]);
    // Back to the store as the version before that migration left it (later migrations do not touch user ids).
    await db.migrate.down({ migrationSource, name: '202612062310_user_id_privacy' });
    await db('import_batches').insert({ id: 1, source: 'a.csv', format: 'territory', status: 'committed', started_at: '2026-11-02T07:00:00Z' });
    await db('trips').insert({ natural_key: 'j:1', start_at: '2026-11-02T07:10:00Z', start_local: '2026-11-02 08:10:00', batch_id: 1, operator_driver_id: 'd-1' });
    await migrateToLatest(db);
    expect(await db('store_privacy').select('user_ids')).toEqual([{ user_ids: 'clear' }]);
  });
});
