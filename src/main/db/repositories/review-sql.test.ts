import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_CATALOGUE } from '../../domain/checks';
import { TempStore } from '../../testing/temp-store';
import { knexExecutor } from '../knex-executor';
import type { SqlExecutor } from '../sql-executor';
import { CHECK_BIT_SQL, checkBit, hiddenBits, viewSql } from './review-sql';

/**
 * The queue's masks of check codes (docs/review.md, « File de revue »): one bit per code of the catalogue, the same
 * in SQL as in TypeScript (on the test's engine: PostgreSQL shifts 64-bit integers only when told), and a view's
 * group, severity and count computed from them as the queue defines them.
 */

let store: TempStore;
let db: SqlExecutor;

beforeAll(async () => {
  store = new TempStore();
  await store.ready();
  db = knexExecutor(store.sql());
});

afterAll(async () => {
  await store.cleanup();
});

describe('masks of check codes', () => {
  it('give every check of the catalogue a bit of its own, below 2^53, the same in SQL', async () => {
    const codes = [...new Set(CHECK_CATALOGUE.map((check) => check.code))];
    const bits = codes.map(checkBit);
    expect(new Set(bits).size).toBe(codes.length);
    for (const bit of bits) expect(bit).toBeLessThan(52);
    expect(checkBit('T04@1')).toBe(checkBit('T04'));
    const ids = [...CHECK_CATALOGUE.map((check) => check.id), 'G07@1', 'Z01@1', 'T99@1'];
    const rows = await db.all<{ id: string; mask: number }>(
      `SELECT id, ${CHECK_BIT_SQL('id', db.engine)} AS mask FROM (${ids.map(() => 'SELECT CAST(? AS TEXT) AS id').join(' UNION ALL ')}) c`,
      ids,
    );
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) expect(row.mask, row.id).toBe(2 ** checkBit(row.id));
    expect(hiddenBits(['T10', 'G04', 'T10'])).toEqual({ bits: [checkBit('T10'), checkBit('G04')], mask: 2 ** checkBit('T10') + 2 ** checkBit('G04') });
  });

  it('rank a subject in its group under a view: shown flags of its own first, hidden codes left out', async () => {
    const mask = (...codes: string[]): number => codes.reduce((sum, code) => sum + 2 ** checkBit(code), 0);
    // A journey with T04 high and T10 info of its own, and T11 high restating the registry.
    const subject = { own_1: mask('T04', 'T10'), own_2: mask('T04'), own_3: mask('T04'), own_n1: 2, own_n2: 1, own_n3: 1, reg_1: mask('T11'), reg_2: mask('T11'), reg_3: mask('T11'), reg_n1: 1, reg_n2: 1, reg_n3: 1 };
    const columns = Object.keys(subject);
    const view = async (rank: 1 | 2 | 3, hidden: string[]): Promise<unknown> => {
      const sql = viewSql('s', { rank, hidden });
      const [row] = await db.all<Record<string, number>>(
        `SELECT CASE WHEN ${sql.shown} THEN 1 ELSE 0 END AS shown, ${sql.group} AS grp, ${sql.severity} AS severity, ${sql.count} AS count
         FROM (SELECT ${columns.map((column) => `CAST(? AS BIGINT) AS ${column}`).join(', ')}) s`,
        columns.map((column) => subject[column as keyof typeof subject]),
      );
      return row;
    };
    expect(await view(1, [])).toEqual({ shown: 1, grp: 0, severity: 3, count: 2 });
    expect(await view(1, ['T04'])).toEqual({ shown: 1, grp: 0, severity: 1, count: 1 });
    expect(await view(2, ['T04'])).toEqual({ shown: 1, grp: 1, severity: 3, count: 1 });
    expect(await view(1, ['T04', 'T10'])).toEqual({ shown: 1, grp: 1, severity: 3, count: 1 });
    expect((await view(1, ['T04', 'T10', 'T11']) as { grp: number }).grp).toBe(2);
  });
});
