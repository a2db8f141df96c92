import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRead } from './sql-executor';
import { WorkerConnection } from './worker-connection';

/** A query of `rows` numbered rows whose row `failAt` raises an error half-way through the read (malformed JSON). */
const failingRead = (rows: number, failAt: number): string =>
  `WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ${rows})
   SELECT CASE WHEN x = ${failAt} THEN json('pas du JSON') ELSE x END AS v FROM s`;

describe('SqliteExecutor.all', () => {
  let dir = '';
  let db: WorkerConnection;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-all-'));
    db = await WorkerConnection.open(join(dir, 'store.sqlite'));
  });

  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every row', async () => {
    const rows = await db.all<{ v: number }>(failingRead(100_000, 0));
    expect(rows).toHaveLength(100_000);
    expect(rows.reduce((sum, row) => sum + row.v, 0)).toBe((100_000 * 100_001) / 2);
  });

  it.each([
    [10, 5],
    [100_000, 50_000],
    [100_000, 99_999],
  ])('fails instead of answering part of %i rows when row %i cannot be read', async (rows, failAt) => {
    await expect(db.all(failingRead(rows, failAt))).rejects.toThrow(/malformed JSON/);
  });

  it('says it started before it answers, once the statement is prepared', async () => {
    const events: string[] = [];
    const rows = db.all(failingRead(3, 0), [], () => events.push('started')).then((answered) => events.push(`rows ${answered.length}`));
    await rows;
    expect(events).toEqual(['started', 'rows 3']);
  });

  it('fails on a query that does not prepare, without saying it started, and stays usable', async () => {
    let started = false;
    await expect(db.all('SELECT v FROM nowhere', [], () => (started = true))).rejects.toThrow(/no such table/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(false);
    expect(await db.all('SELECT 1 AS v')).toEqual([{ v: 1 }]);
  });

  it('startRead: settles `started` for a read that cannot start, whose error comes with its result', async () => {
    const failed = startRead((started) => db.all('SELECT v FROM nowhere', [], started));
    await failed.started;
    await expect(failed.result).rejects.toThrow(/no such table/);
    const read = startRead((started) => db.all<{ v: number }>(failingRead(5, 0), [], started));
    await read.started;
    expect((await read.result).map((row) => row.v)).toEqual([1, 2, 3, 4, 5]);
  });
});
