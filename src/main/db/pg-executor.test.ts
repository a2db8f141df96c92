import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMissing, testPgDatabase, type TestPgDatabase } from '../testing/pg-test-database';
import { PgConnection, toPostgresPlaceholders } from './pg-executor';

describe('toPostgresPlaceholders', () => {
  it('numbers plain placeholders in order and keeps numbered ones', () => {
    expect(toPostgresPlaceholders('SELECT a FROM t WHERE b = ? AND c IN (?, ?)')).toBe('SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)');
    expect(toPostgresPlaceholders('INSERT INTO t SELECT ?1, value FROM x(?2) WHERE y = ?1')).toBe('INSERT INTO t SELECT $1, value FROM x($2) WHERE y = $1');
  });

  it('leaves question marks inside string literals, quoted identifiers and comments alone', () => {
    expect(toPostgresPlaceholders(`SELECT '?', 'it''s ?', "col?" FROM t -- why?\nWHERE a = ?`)).toBe(`SELECT '?', 'it''s ?', "col?" FROM t -- why?\nWHERE a = $1`);
  });
});

describe.skipIf(engineMissing('postgres'))('PgConnection on a real server', () => {
  let database: TestPgDatabase;
  let db: PgConnection;

  beforeAll(async () => {
    database = testPgDatabase({ migrated: false });
    await database.create();
    db = await PgConnection.open(database.address);
    await db.exec('CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, amount NUMERIC)');
  });

  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('runs statements with SQLite-style placeholders, answers changed rows, and reads counts and sums as numbers', async () => {
    expect(await db.run('INSERT INTO t (id, name, amount) VALUES (?, ?, ?), (?, ?, ?)', [1, 'a', 1.5, 2, undefined, 2])).toBe(2);
    expect(await db.all('SELECT COUNT(*) AS n, SUM(id) AS s, SUM(amount) AS m FROM t')).toEqual([{ n: 2, s: 3, m: 3.5 }]);
    expect(await db.all('SELECT name FROM t WHERE id = ?', [2])).toEqual([{ name: null }]);
  });

  it('says it started before it answers', async () => {
    const events: string[] = [];
    await db.all<{ g: number }>('SELECT g FROM generate_series(1, 3) AS g', [], () => events.push('started')).then((rows) => events.push(`rows ${rows.length}`));
    expect(events).toEqual(['started', 'rows 3']);
  });

  it('rolls a failed transaction back entirely', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (id) VALUES (?)', [99_999]);
        await tx.run('INSERT INTO t (id) VALUES (?)', [99_999]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.all('SELECT id FROM t WHERE id = ?', [99_999])).toEqual([]);
  });
});
