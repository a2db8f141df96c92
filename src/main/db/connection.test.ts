import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-store';
import { openMigratedDatabase } from './connection';
import { WorkerConnection } from './worker-connection';

let dir: string;

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the main connection’s transactions', () => {
  it('take the write lock at BEGIN: a worker committing between their read and their write waits instead of failing them', async () => {
    const file = join(dir, 'atelier.sqlite');
    const db = await openMigratedDatabase(file);
    const worker = await WorkerConnection.open(file);
    try {
      let workerWrite: Promise<number> | null = null;
      await db.transaction(async (trx) => {
        // A read first: with a plain BEGIN this pins a snapshot that the worker's commit would make stale.
        expect(await trx('settings').where({ key: 'b' }).select('key')).toEqual([]);
        workerWrite = worker.run("INSERT INTO settings (key, value_json, updated_at) VALUES ('b', '2', 'x')");
        // Gives the worker every chance to commit now, as it would without the lock held.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await trx('settings').insert({ key: 'a', value_json: '1', updated_at: 'x' });
      });
      expect(await workerWrite).toBe(1);
      expect((await db('settings').whereIn('key', ['a', 'b']).orderBy('key').select('key')).map((row: { key: string }) => row.key)).toEqual(['a', 'b']);
    } finally {
      await worker.close();
      await db.destroy();
    }
  });
});
