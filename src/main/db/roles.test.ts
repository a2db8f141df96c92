import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-store';
import { openMigratedDatabase } from './connection';
import { ROLE_TABLES, STORE_ROLES } from './roles';
import { StoreRepository } from './repositories/store-repository';

const dir = makeTempDir();

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the roles of a shared store', () => {
  it('give every table of the schema to exactly one role (a new table must be given one)', async () => {
    const db = await openMigratedDatabase(join(dir, 'atelier.sqlite'));
    try {
      const given = STORE_ROLES.flatMap((role) => [...ROLE_TABLES[role].write, ...ROLE_TABLES[role].append]);
      expect([...given].sort()).toEqual(await new StoreRepository(db).tableNames());
      expect(new Set(given).size).toBe(given.length);
    } finally {
      await db.destroy();
    }
  });
});
