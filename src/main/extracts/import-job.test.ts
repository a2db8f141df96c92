import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/types/jobs';
import { OPENDATA_COLUMNS, TERRITORY_COLUMNS } from '../domain/extracts/formats';
import type { EventBus } from '../events/event-bus';
import type { AppServices } from '../services/app-services';
import { csv, csvLine, territoryRow } from '../testing/import-extract-harness';
import { TempStore } from '../testing/temp-store';

/**
 * Imports through the application, as the Données page and the CLI run them: one job per file in the job worker
 * (started from sources), with the real geography resolver, the sync log, the audit log, cancel and recovery.
 */

const NOW = new Date('2026-11-28T10:00:00Z');

let store: TempStore;
let services: AppServices;

beforeEach(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
});

afterEach(async () => {
  await store.cleanup();
});

function write(name: string, content: string): string {
  const path = join(store.dir, name);
  writeFileSync(path, content);
  return path;
}

/** A territory export of `rows` journeys written line by line; every 1,000th is class D (rejected). */
async function writeLargeExtract(name: string, rows: number): Promise<string> {
  const path = join(store.dir, name);
  const out = createWriteStream(path);
  out.write(`${TERRITORY_COLUMNS.map((column) => `"${column}"`).join(';')}\n`);
  const template = csvLine(territoryRow(0));
  const idCell = String(48_000_000);
  for (let n = 1; n <= rows; n += 1) {
    let line = template.replace(idCell, String(48_000_000 + n));
    if (n % 1_000 === 0) line = line.replace(';"C";', ';"D";');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

/** Resolves with the first progress event that satisfies `predicate` (subscribe before starting the job). */
function progressWhere(bus: EventBus, predicate: (progress: JobProgress) => boolean): Promise<JobProgress> {
  return new Promise((resolve) => {
    const unsubscribe = bus.subscribe((event, payload) => {
      if (event === 'job:progress' && predicate(payload as JobProgress)) {
        unsubscribe();
        resolve(payload as JobProgress);
      }
    });
  });
}

function count(table: string, where: Record<string, unknown> = {}): Promise<number> {
  return store.count(table, where);
}

describe('imports.importFiles — through the job worker', () => {
  it('imports each file in its own job, with the real geography, the sync log, the quarantine and the audit log', async () => {
    const changed: string[][] = [];
    services.bus.subscribe((event, payload) => {
      if (event === 'data:changed') changed.push([...(payload as { tables: string[] }).tables]);
    });
    const territory = write('rpc-2025-03-14-territory.csv', csv([
      territoryRow(1),
      territoryRow(2, { end_insee: '97999', end_commune: 'Inconnue' }),
      territoryRow(3, { operator_class: 'D' }),
      territoryRow(4, { start_insee: '75116', start_commune: 'Paris 16e Arrondissement' }),
    ]));
    const openData = write('2023-01.csv', csv([
      {
        journey_id: 11_462_665, trip_id: '58d5e186-7ddb-4b57-8b5b-462833f4c10e', journey_start_datetime: '2023-01-01T00:00:00+01:00',
        journey_start_date: '2023-01-01', journey_start_time: '00:00:00', journey_start_lon: 4.841, journey_start_lat: 43.942,
        journey_start_insee: '84007', journey_start_department: '84', journey_start_town: 'Avignon', journey_start_country: 'France',
        journey_end_datetime: '2023-01-01T00:30:00+01:00', journey_end_date: '2023-01-01', journey_end_time: '00:30:00',
        journey_end_lon: 4.802, journey_end_lat: 44.132, journey_end_insee: '84087', journey_end_department: '84', journey_end_town: 'Orange',
        journey_end_country: 'France', passenger_seats: 1, operator_class: 'C', journey_distance: 30_484, journey_duration: 30, has_incentive: 'OUI',
      },
    ], { columns: OPENDATA_COLUMNS }));

    const [first, second] = await services.imports.importFiles([territory, openData]);
    const doneFirst = await services.runner.wait(first ?? '');
    const doneSecond = await services.runner.wait(second ?? '');

    expect(doneFirst).toMatchObject({ kind: 'extract.import', status: 'done', error: null });
    expect(doneFirst?.summary).toMatchObject({
      fileName: 'rpc-2025-03-14-territory.csv',
      formats: ['territory'],
      rowsRead: 4,
      rowsInserted: 3,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsRejected: 1,
      unresolvedCodes: { '97999': 1 },
      duplicateOf: null,
    });
    expect(doneSecond?.summary).toMatchObject({ formats: ['opendata'], rowsRead: 1, rowsInserted: 1, rowsRejected: 0 });
    expect(changed).toHaveLength(2);
    expect(changed[0]).toContain('trips');

    const log = await services.imports.syncLog();
    expect(log.map((entry) => [entry.fileName, entry.status, entry.format, entry.rowsRead, entry.rowsInserted, entry.rowsRejected])).toEqual([
      ['2023-01.csv', 'committed', 'opendata', 1, 1, 0],
      ['rpc-2025-03-14-territory.csv', 'committed', 'territory', 4, 3, 1],
    ]);
    expect(log[1]).toMatchObject({
      source: territory,
      periodFrom: '2024-04-16',
      periodTo: '2024-04-16',
      unresolvedCodes: { '97999': 1 },
      rowsUpdated: 0,
      rowsUnchanged: 0,
      endedAt: expect.any(String),
      error: null,
    });
    expect(log[1]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await services.imports.importedFiles()).toEqual(new Map([[territory, log[1]?.fileSize], [openData, log[0]?.fileSize]]));

    // The real resolver: arrondissements to their commune, AOM from the shipped table, unknown codes kept.
    const rows: Array<Record<string, unknown>> = await store.sql()('trips').orderBy('journey_id');
    expect(rows.map((row) => [row.journey_id, row.start_com, row.start_epci, row.start_aom, row.start_dep, row.start_reg, row.end_com])).toEqual([
      [11_462_665, '84007', '248400251', null, '84', '93', '84087'],
      [48_000_001, '95051', '200058485', '217500016', '95', '11', '95127'],
      [48_000_002, '95051', '200058485', '217500016', '95', '11', null],
      [48_000_004, '75056', '200054781', '217500016', '75', '11', '95127'],
    ]);
    expect(rows[2]).toMatchObject({ end_insee: '97999', end_country: null });

    const quarantine = await services.imports.rejected({ batchId: log[1]?.id }, 0, 10);
    expect(quarantine).toEqual({
      total: 1,
      rows: [expect.objectContaining({ fileName: 'rpc-2025-03-14-territory.csv', line: 4, field: 'operator_class', reason: 'classe de preuve inconnue' })],
    });
    expect(await services.imports.rejectedReasons()).toEqual([{ reason: 'classe de preuve inconnue', count: 1 }]);

    const coverage = await services.imports.coverage();
    expect(coverage).toMatchObject({ periodFrom: '2023-01-01', periodTo: '2024-04-16', journeys: 4, operators: 1, byStatus: { ok: 3, inconnu: 1 } });

    const audit: Array<{ action: string; entity_id: string; after_json: string }> = await store.sql()('audit_log').orderBy('id');
    expect(audit.map((entry) => [entry.action, entry.entity_id])).toEqual([
      ['extract.import', String(log[1]?.id)],
      ['extract.import', String(log[0]?.id)],
    ]);
    expect(JSON.parse(audit[0]?.after_json ?? 'null')).toMatchObject({ file: territory, formats: ['territory'], rowsRead: 4, rowsInserted: 3, rowsRejected: 1 });
    expect(await services.audit.verify()).toMatchObject({ entries: 2, intact: true });
  });

  it('commits a second import of the same file, queued behind the first, as a no-op', async () => {
    const path = write('semaine.csv', csv([territoryRow(1), territoryRow(2)]));
    const [firstId, againId] = await services.imports.importFiles([path, path]);
    const first = await services.runner.wait(firstId ?? '');
    const again = await services.runner.wait(againId ?? '');
    expect(again).toMatchObject({ status: 'done', summary: { duplicateOf: first?.summary?.batchId, formats: ['territory'], rowsRead: 2, rowsInserted: 0, rowsUnchanged: 2 } });
    expect((await services.imports.syncLog()).map((entry) => [entry.status, entry.format, entry.rowsInserted, entry.rowsUnchanged])).toEqual([
      ['committed', 'territory', 0, 2],
      ['committed', 'territory', 2, 0],
    ]);
    expect(await count('trips')).toBe(2);
  });

  it('fails the job with the file’s French message and keeps nothing of it', async () => {
    const path = write('incomplet.csv', csv([territoryRow(1)], { columns: TERRITORY_COLUMNS.filter((column) => column !== 'distance') }));
    const [jobId] = await services.imports.importFiles([path]);
    const done = await services.runner.wait(jobId ?? '');
    expect(done).toMatchObject({
      status: 'failed',
      summary: null,
      error: 'incomplet.csv : en-tête incomplet pour un export territoire (65 colonnes) : colonnes manquantes distance',
    });
    expect((await services.imports.syncLog()).map((entry) => [entry.source, entry.status, entry.error])).toEqual([
      [path, 'failed', 'incomplet.csv : en-tête incomplet pour un export territoire (65 colonnes) : colonnes manquantes distance'],
    ]);
    expect(await count('trips')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });

  it('keeps what an import wrote only when it finishes: a file failing half-way is undone', async () => {
    // Valid UTF-8 for the first MiB, then a Windows-1252 byte (line 2,502): the first chunks are written before it fails.
    const rows = Array.from({ length: 2_500 }, (_, i) => territoryRow(i + 1, i === 0 ? { operator_class: 'D' } : {}));
    const head = Buffer.from(csv(rows), 'utf8');
    const path = join(store.dir, 'melange.csv');
    writeFileSync(path, Buffer.concat([head, Buffer.from(`${csvLine(territoryRow(2_501, { start_commune: 'Évry' }))}\n`, 'latin1')]));

    const done = await services.runner.wait((await services.imports.importFiles([path]))[0] ?? '');
    expect(done).toMatchObject({ status: 'failed', error: expect.stringMatching(/^melange\.csv : encodage mélangé, fichier refusé : lu en UTF-8 .+, mais la ligne 2\u202f502 /) });
    expect(await count('trips')).toBe(0);
    expect(await count('rejected_rows')).toBe(0);
    expect((await services.imports.syncLog())[0]).toMatchObject({ status: 'failed' });
  });
});

describe('imports.importFiles — two instances of the application on one store', () => {
  it('imports a file given to both at the same time once: the second waits for the first, then finds it imported', async () => {
    const path = await writeLargeExtract('les-deux.csv', 20_000);
    const other = await store.open({ now: () => NOW });
    const waited: string[] = [];
    for (const bus of [services.bus, other.bus]) {
      bus.subscribe((event, payload) => {
        if (event === 'job:progress' && (payload as JobProgress).step === 'waitingForImport') waited.push((payload as JobProgress).jobId);
      });
    }
    const [[jobA], [jobB]] = await Promise.all([services.imports.importFiles([path]), other.imports.importFiles([path])]);
    const ended = await Promise.all([services.runner.wait(jobA ?? ''), other.runner.wait(jobB ?? '')]);

    expect(ended.map((job) => job?.status)).toEqual(['done', 'done']);
    const [imported, duplicate] = ended[0]?.summary?.duplicateOf === null ? ended : [ended[1], ended[0]];
    expect(imported?.summary).toMatchObject({ duplicateOf: null, rowsRead: 20_000, rowsInserted: 19_980, rowsRejected: 20 });
    expect(duplicate?.summary).toMatchObject({ duplicateOf: imported?.summary?.batchId, rowsInserted: 0, rowsUnchanged: 20_000, rowsRejected: 0 });
    expect(waited).toContain(duplicate?.jobId);
    expect(await count('trips')).toBe(19_980);
    expect(await count('rejected_rows')).toBe(20);
    expect((await services.imports.syncLog()).map((batch) => batch.status)).toEqual(['committed', 'committed']);
  });
});

describe('imports.importFiles — cancel', () => {
  it('stops a large import after its first progress and undoes its journeys and rejected lines', async () => {
    const path = await writeLargeExtract('grand-export.csv', 200_000);
    const moving = progressWhere(services.bus, (p) => p.step === 'import' && p.current > 0);
    const [jobId] = await services.imports.importFiles([path]);
    const seen = await moving;
    expect(seen.jobId).toBe(jobId);
    expect(seen.total).toBeGreaterThan(seen.current);
    // The first chunks are written (class D lines included) before the cancel.
    expect(await count('trips')).toBeGreaterThan(0);
    expect(await count('rejected_rows')).toBeGreaterThan(0);

    await services.jobs.cancel(jobId ?? '');

    expect(await services.runner.wait(jobId ?? '')).toBeNull();
    expect((await services.jobs.list())[0]).toMatchObject({ id: jobId, status: 'cancelled', summary: null, error: null });
    expect(await count('trips')).toBe(0);
    expect(await count('rejected_rows')).toBe(0);
    expect(await count('import_staged_updates')).toBe(0);
    expect(await count('audit_log')).toBe(0);
    const [batch] = await services.imports.syncLog();
    expect(batch).toMatchObject({ source: path, status: 'cancelled', endedAt: NOW.toISOString() });
    expect(await count('rejected_rows', { batch_id: batch?.id })).toBe(0);
  });
});

describe('imports.importFiles — recovery after the application was killed', () => {
  it('discards the half-written batch at restart, and the same import then completes', async () => {
    // Journey 1 was imported before; the killed import had staged a new version of it.
    const earlier = await services.runner.wait((await services.imports.importFiles([write('avant.csv', csv([territoryRow(1)]))]))[0] ?? '');
    expect(earlier?.status).toBe('done');

    const rows = [territoryRow(1, { status: 'fraud_error' }), ...Array.from({ length: 9 }, (_, i) => territoryRow(i + 2)), territoryRow(11, { operator_class: 'D' })];
    const path = write('coupe.csv', csv(rows));

    // What the killed process left: its job running, its batch running, part of the rows written.
    const db = store.sql();
    await db('jobs').insert({
      id: 'import-tue', kind: 'extract.import', status: 'running', params_json: JSON.stringify({ filePath: path }),
      started_at: '2026-11-28T09:00:00Z', current: 4, total: 11, step: 'import', owner_pid: 2_147_483_646,
    });
    const [{ id: batchId }] = (await db('import_batches')
      .insert({ job_id: 'import-tue', source: path, format: 'à détecter', status: 'running', started_at: '2026-11-28T09:00:00Z' })
      .returning('id')) as [{ id: number }];
    for (const n of [2, 3, 4]) {
      await db('trips').insert({ natural_key: `j:${48_000_000 + n}`, journey_id: 48_000_000 + n, start_at: '2024-04-16T06:10:00Z', start_local: '2024-04-16 08:10:00', batch_id: batchId, source_line: n + 1 });
    }
    await db('import_staged_updates').insert({ batch_id: batchId, natural_key: 'j:48000001', row_json: JSON.stringify({ status: 'fraud_error' }) });
    await db('rejected_rows').insert({ batch_id: batchId, file_name: 'coupe.csv', line: 12, field: 'operator_class', reason: 'classe de preuve inconnue', raw: 'x' });
    await services.close();

    services = await store.open({ now: () => NOW });

    expect((await services.jobs.list()).find((job) => job.id === 'import-tue')).toMatchObject({ status: 'interrupted', endedAt: NOW.toISOString() });
    expect(await services.imports.syncLog()).toMatchObject([{ id: Number(batchId), status: 'failed', endedAt: NOW.toISOString() }, { status: 'committed' }]);
    expect(await count('trips', { batch_id: batchId })).toBe(0);
    expect(await count('import_staged_updates')).toBe(0);
    expect(await count('rejected_rows')).toBe(0);
    expect(await store.sql()('trips').where({ journey_id: 48_000_001 }).first()).toMatchObject({ status: 'ok', batch_id: earlier?.summary?.batchId });

    const rerun = await services.runner.wait((await services.imports.importFiles([path]))[0] ?? '');
    expect(rerun).toMatchObject({
      status: 'done',
      summary: { duplicateOf: null, rowsRead: 11, rowsInserted: 9, rowsUpdated: 1, rowsUnchanged: 0, rowsRejected: 1 },
    });
    expect(await count('trips')).toBe(10);
    expect(await store.sql()('trips').where({ journey_id: 48_000_001 }).first()).toMatchObject({ status: 'fraud_error', batch_id: rerun?.summary?.batchId });
    expect(await count('rejected_rows', { batch_id: rerun?.summary?.batchId })).toBe(1);
  });
});
