import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgServerAdmin } from '../db/pg-admin';
import { openOwnConnection, type OwnConnection } from '../db/store-connection';
import { copyStore, tableRows, tableShapes } from '../db/store-copy';
import { openDatabase, openMigratedDatabase } from '../db/connection';
import { endCliRun, freshCliRun, type CliRun } from '../testing/cli-harness';
import { engineMissing, TEST_PG_URL, testPgDatabase, type TestPgDatabase } from '../testing/pg-test-database';
import { runCli } from './run-cli';

let run: CliRun;

beforeEach(() => {
  run = freshCliRun();
});

afterEach(() => {
  endCliRun(run);
});

async function cli(...argv: string[]): Promise<number> {
  run.out.length = 0;
  run.err.length = 0;
  return runCli(argv, run.context);
}

/** Every row of every application table, each table's rows sorted, for comparing two stores value for value. */
async function dump(address: string): Promise<Record<string, string[]>> {
  const db: OwnConnection = await openOwnConnection(address);
  try {
    const tables: Record<string, string[]> = {};
    for (const shape of await tableShapes(db)) {
      tables[shape.name] = (await tableRows(db, shape))
        .map((row) => JSON.stringify(shape.columns.map((column) => (row[column] instanceof Uint8Array ? Buffer.from(row[column] as Uint8Array).toString('hex') : row[column]))))
        .sort();
    }
    return tables;
  } finally {
    await db.close();
  }
}

/** A store with journeys, statistics, flags, summaries and a decision: most tables hold rows. */
async function filledStore(file: string): Promise<void> {
  expect(await cli('demo', '--db', file, '--trips', '1500', '--seed', '5')).toBe(0);
  expect(await cli('review', '--db', file, '--limit', '1', '--json')).toBe(0);
  const [first] = (JSON.parse(run.out.join('\n')) as { journeys: Array<{ naturalKey: string }> }).journeys;
  expect(await cli('decide', '--db', file, '--journey', first?.naturalKey ?? '', '--decision', 'confirmed', '--comment', 'copie')).toBe(0);
}

describe('atelier db key', () => {
  it('hands the store key to another workstation: export, import with its log verified, then the log is whole there', async () => {
    const db = join(run.dir, 'partagée.sqlite');
    const elsewhere = join(run.dir, 'clés-poste-b');
    const handed = join(run.dir, 'clé.json');
    expect(await cli('demo', '--db', db, '--trips', '300', '--seed', '2')).toBe(0);
    expect(await cli('audit', 'verify', '--db', db, '--key-dir', elsewhere)).toBe(1);
    expect(run.out.join('\n')).toContain('atelier db key export --db BASE --out FICHIER, puis ici atelier db key import FICHIER --db BASE');

    expect(await cli('db', 'key', 'export', '--db', db, '--out', handed, '--json')).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ file: handed, storeId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string });
    expect(await cli('db', 'key', 'export', '--db', db, '--out', handed)).toBe(1);
    expect(run.err.at(-1)).toBe(`Erreur : Le fichier existe déjà : ${handed}. Choisissez un autre nom : une clé n’en remplace pas un autre.`);

    expect(await cli('db', 'key', 'import', handed, '--db', db, '--key-dir', elsewhere)).toBe(0);
    expect(run.out.join('\n')).toMatch(/^Clé installée : .*clés-poste-b\/[0-9a-f-]{36}\.key\.\nJournal d’audit intact avec cette clé : /);
    expect(await cli('audit', 'verify', '--db', db, '--key-dir', elsewhere)).toBe(0);
    expect(await cli('db', 'key', 'import', handed, '--db', db, '--key-dir', elsewhere)).toBe(1);
    expect(run.err.at(-1)).toContain('Erreur : Une clé de cette base est déjà sur ce poste');
    expect(await cli('db', 'key', 'envoyer', '--db', db)).toBe(1);
    expect(run.err.at(-1)).toBe('Erreur : Action inconnue : db key envoyer (attendu : pseudonymise, copy, init-roles, key export ou key import)');
  });
});

describe('atelier db copy between SQLite files', () => {
  it('copies every table value for value, refuses a target that is not new, and says so in French', async () => {
    const from = join(run.dir, 'source.sqlite');
    const to = join(run.dir, 'copie.sqlite');
    await filledStore(from);

    expect(await cli('db', 'copy', '--from', from, '--to', to, '--json')).toBe(0);
    const outcome = JSON.parse(run.out.join('\n')) as { tables: Array<{ table: string; rows: number; written: number }>; rows: number };
    const source = await dump(from);
    expect(await dump(to)).toEqual(source);
    expect(outcome.tables.find((table) => table.table === 'trips')).toEqual({ table: 'trips', rows: 1500, written: 1500 });
    expect(Object.values(source).filter((rows) => rows.length > 0).length).toBeGreaterThan(20);

    expect(await cli('db', 'copy', '--from', from, '--to', to)).toBe(1);
    expect(run.err.join('\n')).toContain('la base cible contient déjà des données (table trips)');
  });

  it('resumes a copy that stopped half-way and ends with the same rows', async () => {
    const from = join(run.dir, 'source.sqlite');
    const to = join(run.dir, 'copie.sqlite');
    await filledStore(from);
    // A copy cut off in the middle of `trips` (the connection lost after its second step of 500 journeys).
    await (await openMigratedDatabase(to)).destroy();
    const [source, target] = [await openOwnConnection(from), await openOwnConnection(to)];
    try {
      const cut = copyStore(source, target, from, (progress) => {
        if (progress.table === 'trips' && progress.written >= 1000) throw new Error('connexion perdue');
      }, 500);
      await expect(cut).rejects.toThrow('connexion perdue');
    } finally {
      await Promise.all([source.close(), target.close()]);
    }

    const resumed = await cli('db', 'copy', '--from', from, '--to', to, '--json');
    expect(run.err.filter((line) => line.startsWith('Erreur'))).toEqual([]);
    expect(resumed).toBe(0);
    const outcome = JSON.parse(run.out.join('\n')) as { tables: Array<{ table: string; written: number }>; written: number };
    expect(outcome.tables.find((table) => table.table === 'trips')?.written).toBe(500);
    expect(outcome.tables.find((table) => table.table === 'operators')?.written).toBe(0);
    expect(outcome.tables.find((table) => table.table === 'review_journeys')?.written).toBeGreaterThan(0);
    // Nothing is left of the copy's bookkeeping.
    expect((await dump(to)).store_copy_progress).toBeUndefined();
    expect(await dump(to)).toEqual(await dump(from));
  });
});

describe.skipIf(engineMissing('postgres'))('atelier db copy and init-roles with PostgreSQL', () => {
  let database: TestPgDatabase;

  beforeEach(async () => {
    database = testPgDatabase({ migrated: false });
    await database.create();
  });

  afterEach(async () => {
    await database.drop();
  });

  it('copies a SQLite store to PostgreSQL and back, value for value, with the ids the sequences give next', async () => {
    const from = join(run.dir, 'source.sqlite');
    const back = join(run.dir, 'retour.sqlite');
    await filledStore(from);

    expect(await cli('db', 'copy', '--from', from, '--to', database.address)).toBe(0);
    expect(run.out.join('\n')).toMatch(/^Base copiée de .*source\.sqlite vers postgres:\/\/postgres@127\.0\.0\.1:\d+\/atelier_t_\w+ : \d+ tables, [\d\u202f]+ lignes/);
    expect(await cli('db', 'copy', '--from', database.address, '--to', back)).toBe(0);
    const source = await dump(from);
    expect(await dump(database.address)).toEqual(source);
    expect(await dump(back)).toEqual(source);

    // The next import batch gets the id after the copied ones, not 1.
    const target = openDatabase(database.address);
    try {
      const [{ max }] = (await target('import_batches').max({ max: 'id' })) as [{ max: number }];
      const [{ id }] = (await target('import_batches').insert({ source: 'x', format: 'territory', status: 'failed', started_at: 'x' }).returning('id')) as [{ id: number }];
      expect(id).toBe(max + 1);
    } finally {
      await target.destroy();
    }
  });

  it('creates the three roles once, grants them, and a reader reads but is refused a decision with a French message', async () => {
    await PgServerAdmin.with(database.address, (admin) => admin.ensureLoginRole('agent_lecteur'));
    expect(await cli('demo', '--db', database.address, '--trips', '400', '--seed', '5')).toBe(0);
    expect(await cli('review', '--db', database.address, '--limit', '1', '--json')).toBe(0);
    const [flagged] = (JSON.parse(run.out.join('\n')) as { journeys: Array<{ naturalKey: string }> }).journeys;

    expect(await cli('db', 'init-roles', '--db', database.address, '--member', 'agent_lecteur:lecture', '--json')).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ members: [{ login: 'agent_lecteur', role: 'lecture' }] });
    expect(await cli('db', 'init-roles', '--db', database.address)).toBe(0);
    expect(run.out.join('\n')).toMatch(/atelier_lecture\s+mis à jour/);
    expect(await cli('db', 'init-roles', '--db', database.address, '--member', 'personne:lecture')).toBe(1);
    expect(run.err.join('\n')).toContain('rôle de connexion inconnu : personne');

    const reader = new URL(database.address);
    reader.username = 'agent_lecteur';
    expect(await cli('info', '--db', reader.toString(), '--json')).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ engine: 'postgres', engineVersion: expect.stringMatching(/^PostgreSQL \d+/) });
    expect(await cli('review', '--db', reader.toString(), '--limit', '1')).toBe(0);
    expect(await cli('decide', '--db', reader.toString(), '--journey', flagged?.naturalKey ?? '', '--decision', 'confirmed', '--comment', 'vu')).toBe(1);
    expect(run.err.join('\n')).toContain('La base partagée a refusé cette action : votre rôle n’en a pas le droit (table review_decisions)');
  });

  it('names a refused connection in French without the password', async () => {
    const url = new URL(TEST_PG_URL ?? '');
    url.pathname = '/base_absente';
    url.password = 'secret';
    expect(await cli('info', '--db', url.toString())).toBe(1);
    expect(run.err.join('\n')).toContain('cette base n’existe pas sur le serveur');
    expect(run.err.join('\n')).not.toContain('secret');
  });
});
