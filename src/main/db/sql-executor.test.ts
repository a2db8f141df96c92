import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerConnection } from './worker-connection';

/** A query of `rows` numbered rows whose row `failAt` raises an error half-way through the read (malformed JSON). */
const failingRead = (rows: number, failAt: number): string =>
  `WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ${rows})
   SELECT CASE WHEN x = ${failAt} THEN json('pas du JSON') ELSE x END AS v FROM s`;

describe('SqliteExecutor.each', () => {
  let dir = '';
  let db: WorkerConnection;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-each-'));
    db = await WorkerConnection.open(join(dir, 'store.sqlite'));
  });

  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands every row over and answers their count', async () => {
    let sum = 0;
    const count = await db.each<{ v: number }>(failingRead(100_000, 0), [], (row) => {
      sum += row.v;
    });
    expect(count).toBe(100_000);
    expect(sum).toBe((100_000 * 100_001) / 2);
  });

  // node-sqlite3 announces the rows read before the error as a completed read, and reports the error afterwards.
  it.each([
    [10, 5],
    [100_000, 50_000],
    [100_000, 99_999],
  ])('fails instead of answering part of %i rows when row %i cannot be read', async (rows, failAt) => {
    let seen = 0;
    await expect(db.each(failingRead(rows, failAt), [], () => (seen += 1))).rejects.toThrow(/malformed JSON/);
    expect(seen).toBeLessThan(failAt);
  });

  it('fails with the error its row callback throws, after the rest of the read, and stays usable', async () => {
    let seen = 0;
    const read = db.each<{ v: number }>(failingRead(100_000, 0), [], (row) => {
      seen += 1;
      if (row.v === 500) throw new Error('ligne 500 refusée');
    });
    await expect(read).rejects.toThrow('ligne 500 refusée');
    expect(seen).toBe(500);
    expect(await db.each('SELECT 1 AS v', [], () => undefined)).toBe(1);
  });

  it('says once, before the first row, that the read runs on its own', async () => {
    const events: string[] = [];
    const count = await db.each(failingRead(3, 0), [], () => events.push('row'), () => events.push('started'));
    expect(count).toBe(3);
    expect(events).toEqual(['started', 'row', 'row', 'row']);
  });

  it('fails on a query that does not prepare, without saying it started, and stays usable', async () => {
    let started = false;
    await expect(db.each('SELECT v FROM nowhere', [], () => undefined, () => (started = true))).rejects.toThrow(/no such table/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(false);
    expect(await db.each('SELECT 1 AS v', [], () => undefined)).toBe(1);
  });
});
