import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { openMigratedDatabase, openProgressDatabase } from '../connection';
import { TempStore } from '../../testing/temp-store';
import { JobsRepository } from './jobs-repository';

// The progress connection exists for SQLite files only (a PostgreSQL pool serves progress saves without waiting).
describe('JobsRepository — progress saves on a SQLite store held by a long write', () => {
  let store: TempStore;
  let db: Knex;
  let progressDb: Knex;
  /** A second connection, as a worker's, holding the write lock while a test wants it held. */
  let writer: Knex;

  beforeEach(async () => {
    store = new TempStore('sqlite');
    db = await openMigratedDatabase(store.storeAddress);
    progressDb = openProgressDatabase(store.storeAddress) as Knex;
    writer = store.sql();
  });

  afterEach(async () => {
    await progressDb.destroy();
    await db.destroy();
    await store.cleanup();
  });

  it('skips a save while another connection writes, without holding the main connection’s reads behind it', async () => {
    const jobs = new JobsRepository(db, progressDb);
    await jobs.insert({ id: 'job-1', kind: 'checks.scan', params: {}, startedAt: '2026-12-08T10:00:00.000Z', ownerPid: process.pid });

    let released = false;
    let release = (): void => undefined;
    const lockHeld = new Promise<void>((resolve) => (release = resolve));
    let lockTaken = (): void => undefined;
    const taken = new Promise<void>((resolve) => (lockTaken = resolve));
    const longWrite = writer.transaction(async (trx) => {
      await trx('settings').insert({ key: 'test.lock', value_json: '1', updated_at: '2026-12-08T10:00:00.000Z' });
      lockTaken();
      // Held until the main connection's read answered, or 10 s at most: a read stuck behind the save fails the test.
      await Promise.race([lockHeld, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      released = true;
    });
    await Promise.race([taken, longWrite]);

    const saved = jobs.updateProgress('job-1', 'detect', 10, 100);
    const rows = await db('jobs').where({ id: 'job-1' }).select('step');
    const answeredWhileHeld = !released;
    expect(await saved).toBe(false);
    release();
    await longWrite;

    expect(answeredWhileHeld).toBe(true);
    expect(rows).toEqual([{ step: null }]);
    // Once the write committed, the next save lands.
    expect(await jobs.updateProgress('job-1', 'detect', 20, 100)).toBe(true);
    expect(await db('jobs').where({ id: 'job-1' }).first('step', 'current', 'total')).toEqual({ step: 'detect', current: 20, total: 100 });
  });

  it('has no progress connection for an in-memory store or a PostgreSQL address', () => {
    expect(openProgressDatabase(':memory:')).toBeNull();
    expect(openProgressDatabase('postgres://atelier@127.0.0.1:5432/atelier')).toBeNull();
  });
});
