import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMissing, STORE_ENGINES, testPgDatabase, type TestPgDatabase } from '../testing/pg-test-database';
import { insertRows } from './multi-row-insert';
import { copyLine, copyValue } from './pg-copy';
import { openOwnConnection, type OwnConnection } from './store-connection';

/** Text values COPY's text format would misread unescaped, and values that must come back exactly as they went. */
const HOSTILE_TEXTS = [
  'tab\there',
  'line\nfeed',
  'carriage\rreturn\r\n',
  'back\\slash',
  '\\N',
  '\\.',
  '\\',
  'ends with backslash\\',
  '\\t not a tab',
  '',
  ' spaces ',
  '"quotes" and \'apostrophes\'',
  'Île-de-France Mobilités — « € » 🚗',
  ';,|',
];

describe('copyValue', () => {
  it('escapes what COPY text reads as separators or escapes, and spells null, numbers and booleans', () => {
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('')).toBe('');
    expect(copyValue(-12.5)).toBe('-12.5');
    expect(copyValue(0.1)).toBe('0.1');
    expect(copyValue(Number.NaN)).toBe('\\N');
    expect(copyValue(true)).toBe('1');
    expect(copyValue(false)).toBe('0');
    expect(copyLine(['a\tb', null, 3])).toBe('a\\tb\t\\N\t3\n');
  });
});

describe.each(STORE_ENGINES)('insertRows (%s)', (engine) => {
  let database: TestPgDatabase | null = null;
  let db: OwnConnection;

  beforeAll(async () => {
    if (engineMissing(engine)) return;
    database = engine === 'postgres' ? testPgDatabase({ migrated: false }) : null;
    await database?.create();
    db = await openOwnConnection(database?.address ?? ':memory:');
    await db.exec('CREATE TABLE t (id BIGINT PRIMARY KEY, label TEXT, amount DOUBLE PRECISION)');
  });

  afterAll(async () => {
    if (engineMissing(engine)) return;
    await db.close();
    await database?.drop();
  });

  it.skipIf(engineMissing(engine))('stores hostile texts, nulls and numbers exactly, in the caller’s transaction', async () => {
    const rows = [
      ...HOSTILE_TEXTS.map((label, i) => [i + 1, label, i % 2 === 0 ? null : i / 7]),
      [100, null, -0.1],
      [101, 'big', 2 ** 53 - 1],
      [102, 'bool', true],
    ];
    await db.transaction((tx) => insertRows(tx, 't', ['id', 'label', 'amount'], rows, 1));
    const stored = await db.all<{ id: number; label: string | null; amount: number | null }>('SELECT id, label, amount FROM t ORDER BY id');
    expect(stored.map((row) => [row.id, row.label, row.amount])).toEqual(rows.map(([id, label, amount]) => [id, label, amount === true ? 1 : amount]));
  });

  it.skipIf(engineMissing(engine))('writes nothing when a row is refused', async () => {
    const before = await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM t');
    await expect(db.transaction((tx) => insertRows(tx, 't', ['id', 'label'], [[900, 'new'], [1, 'taken']]))).rejects.toThrow();
    expect(await db.all('SELECT COUNT(*) AS n FROM t')).toEqual(before);
  });
});
