import { existsSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OPENDATA_COLUMNS } from '../domain/extracts/formats';
import { zipArchive } from '../testing/zip-archive';
import { csv, csvLine, descriptorsClosed, IDFM, importFails, importFile, importStore, newBatch, openDataRow, rawLine, type Row, run, territoryRow, trip, useImportStore, within, write } from '../testing/import-extract-harness';
import { ExtractFileError } from './extract-file-error';
import { ImportCancelled } from './import-extract';

/**
 * The importer run directly on files written by the tests, as files: line endings, quotes, encodings, empty files,
 * archives, cancel, and the real open-data samples (the lines themselves: import-extract.test.ts).
 */

useImportStore();

describe('importExtract — line endings, quotes and encodings', () => {
  it('reads CRLF line endings', async () => {
    const rows = [territoryRow(1), territoryRow(2, { operator_class: 'D' }), territoryRow(3)];
    const { summary, rejected } = await importFile(write('crlf.csv', csv(rows, { eol: '\r\n' })));
    expect(summary).toMatchObject({ rowsRead: 3, rowsInserted: 2, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 3, reason: 'classe de preuve inconnue', raw: rawLine(rows[1] as Row) }]);
    expect(await trip(48_000_003)).toMatchObject({ source_line: 4, operator_class: 'C' });
  });

  it('keeps line numbers right after cells holding line breaks', async () => {
    const rows = [
      territoryRow(1, { start_commune: 'Beauchamp\nVal-d’Oise' }),
      territoryRow(2, { incentive_0_name: 'ILE-DE-FRANCE\r\nMOBILITES\r\n(IDFM)' }),
      territoryRow(3, { operator_class: 'D' }),
      territoryRow(4),
    ];
    const { summary, rejected } = await importFile(write('sauts.csv', csv(rows, { eol: '\r\n' })));
    expect(summary).toMatchObject({ rowsRead: 4, rowsInserted: 3, rowsRejected: 1 });
    // Line 2 spans 2 lines, line 4 spans 3: the third journey starts on line 7.
    expect(rejected).toMatchObject([{ line: 7, field: 'operator_class', raw: rawLine(rows[2] as Row) }]);
    expect(await trip(48_000_002)).toMatchObject({ source_line: 4, op_incentive_0_name: 'ILE-DE-FRANCE\r\nMOBILITES\r\n(IDFM)' });
    expect(await trip(48_000_004)).toMatchObject({ source_line: 8 });
  });

  it('reads a UTF-8 file with a BOM', async () => {
    const { summary } = await importFile(write('bom.csv', `\uFEFF${csv([territoryRow(1)])}`));
    expect(summary).toMatchObject({ formats: ['territory'], rowsInserted: 1, ignoredColumns: [] });
    expect(await trip(48_000_001)).toMatchObject({ natural_key: 'j:48000001' });
  });

  it('converts Windows-1252 accents to UTF-8', async () => {
    const rows = [
      territoryRow(1, { start_insee: '91228', start_commune: 'Évry-Courcouronnes', start_aom: IDFM }),
      territoryRow(2, { start_insee: '91228', start_commune: 'Évry-Courcouronnes', start_departement: 'Val-d’Oise', operator_class: 'D' }),
    ];
    // Windows-1252 is Latin-1 plus typographic characters in 0x80–0x9F: the apostrophe ’ is 0x92.
    const bytes = Buffer.from(csv(rows).replace(/’/g, '\u0092'), 'latin1');
    expect(bytes.includes(Buffer.from([0xc9]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x92]))).toBe(true);
    const { summary, rejected } = await importFile(write('windows-1252.csv', bytes));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 1, rowsRejected: 1, encoding: 'windows-1252' });
    // The sync log says which encoding was decided.
    expect(await importStore().sql()('import_batches').where({ id: summary.batchId }).first('encoding')).toEqual({ encoding: 'windows-1252' });
    expect(rejected[0]?.raw).toBe(rawLine(rows[1] as Row));
    expect(rejected[0]?.raw).toContain(';Évry-Courcouronnes;Val-d’Oise;');
    expect(await importStore().sql()('aom_names_learned').where({ commune: '91228' }).first()).toMatchObject({ aom_name: IDFM });
  });

  it('refuses a UTF-8 file that turns into Windows-1252 far from where the encoding was chosen, naming both places', async () => {
    // The encoding is chosen on the first non-ASCII character (line 2); a Windows-1252 É comes more than 1 MiB later.
    const rows = Array.from({ length: 2_000 }, (_, i) => territoryRow(i + 1));
    const head = Buffer.from(csv(rows), 'utf8');
    expect(head.length).toBeGreaterThan(1024 * 1024);
    const tail = Buffer.from(`${csvLine(territoryRow(2_001, { start_commune: 'Évry' }))}\n`, 'latin1');
    const path = write('melange.csv', Buffer.concat([head, tail]));
    const batchId = await newBatch(path);
    const error = await run(path, batchId).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ExtractFileError);
    expect((error as Error).message).toMatch(
      /^melange\.csv : encodage mélangé, fichier refusé : lu en UTF-8 d’après « Î » écrit en UTF-8 ligne 2 \(octet n° 1\u202f459\), mais la ligne 2\u202f002 \(octet n° [\d\u202f]+\) contient l’octet 0xC9 \(« É » en Windows-1252\), qui n’est pas de l’UTF-8 — réenregistrez tout le fichier en UTF-8$/,
    );
    // The runner discards what the batch wrote before the failure (see import-job.test.ts).
    expect(await importStore().count('rejected_rows')).toBe(0);
    expect(await descriptorsClosed(path)).toBe(0);
  });

  it('refuses UTF-16, saying what to do', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv([territoryRow(1)]), 'utf16le')]);
    expect(await importFails(write('utf16.csv', bytes))).toBe('utf16.csv : encodage UTF-16 non pris en charge — enregistrez le fichier en UTF-8');
  });
});

describe('importExtract — empty files', () => {
  it('refuses an empty file', async () => {
    expect(await importFails(write('vide.csv', ''))).toBe('vide.csv : fichier vide');
  });

  it('refuses a file holding only a BOM and blank lines', async () => {
    expect(await importFails(write('blanc.csv', '\uFEFF\n\n'))).toBe('blanc.csv : fichier vide');
  });

  it('refuses a header alone, saying there is no data line', async () => {
    expect(await importFails(write('en-tete.csv', csv([])))).toBe('en-tete.csv : aucune ligne de données, seulement l’en-tête : rien à importer');
  });

  it('refuses a header without final line break, and ignores blank lines', async () => {
    const header = csv([]).trimEnd();
    expect(await importFails(write('en-tete-seul.csv', `${header}\n\n`))).toBe('en-tete-seul.csv : aucune ligne de données, seulement l’en-tête : rien à importer');
    expect(await importFails(write('en-tete-sans-fin.csv', header))).toBe('en-tete-sans-fin.csv : aucune ligne de données, seulement l’en-tête : rien à importer');
    const { summary } = await importFile(write('lignes-vides.csv', `${header}\n\n${csvLine(territoryRow(1))}\n\n`));
    expect(summary).toMatchObject({ rowsRead: 1, rowsInserted: 1 });
    expect(await trip(48_000_001)).toMatchObject({ source_line: 3 });
  });
});

describe('importExtract — archives', () => {
  it('reads a gzip-compressed CSV, whatever its name', async () => {
    const data = gzipSync(Buffer.from(csv([territoryRow(1), territoryRow(2, { operator_class: 'D' })])));
    const { summary, rejected } = await importFile(write('extrait.csv.gz', data));
    expect(summary).toMatchObject({ fileName: 'extrait.csv.gz', formats: ['territory'], rowsRead: 2, rowsInserted: 1, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ file_name: 'extrait.csv.gz', line: 3 }]);

    const renamed = await importFile(write('sans-extension.csv', gzipSync(Buffer.from(csv([territoryRow(3)])))));
    expect(renamed.summary).toMatchObject({ rowsInserted: 1 });
  });

  it('imports every CSV of a zip, naming the member in the quarantine', async () => {
    const territory = csv([territoryRow(1), territoryRow(2, { operator_class: 'D' })]);
    const openData = csv([openDataRow(1), openDataRow(2, { journey_distance: -5 })], { columns: OPENDATA_COLUMNS });
    const path = write('rpc-2025-03-14-territory.zip', zipArchive([
      { name: 'rpc-2025-03-14-territory.csv', data: Buffer.from(territory) },
      { name: 'LISEZMOI.txt', data: Buffer.from('rien') },
      { name: 'donnees/2023-01.csv', data: Buffer.from(openData), deflate: false },
    ]));
    const { summary, rejected } = await importFile(path);
    expect(summary).toMatchObject({ formats: ['territory', 'opendata'], rowsRead: 4, rowsInserted: 2, rowsRejected: 2, periodFrom: '2023-01-01', periodTo: '2024-04-16' });
    expect(rejected.map((r) => [r.file_name, r.line, r.reason])).toEqual([
      ['rpc-2025-03-14-territory.zip › rpc-2025-03-14-territory.csv', 3, 'classe de preuve inconnue'],
      ['rpc-2025-03-14-territory.zip › donnees/2023-01.csv', 3, 'distance négative'],
    ]);
    expect(await importStore().sql()('import_batches').where({ id: summary.batchId }).first()).toMatchObject({ format: 'territory+opendata' });
    expect(await trip(11_000_001)).toMatchObject({ start_com: '84007', start_at: '2022-12-31T23:00:00Z', has_incentive: 1, operator_id: null });
    expect(await descriptorsClosed(path)).toBe(0);
  });

  it('refuses a zip without CSV', async () => {
    const path = write('notes.zip', zipArchive([{ name: 'notes.txt', data: Buffer.from('bonjour') }]));
    expect(await importFails(path)).toBe('notes.zip : l’archive ne contient aucun fichier .csv');
  });

  it('refuses a truncated zip', async () => {
    const whole = zipArchive([
      { name: 'a.csv', data: Buffer.from(csv([territoryRow(1)])) },
      { name: 'b.csv', data: Buffer.from(csv([territoryRow(2)])) },
    ]);
    const message = await importFails(write('tronque.zip', whole.subarray(0, Math.floor(whole.length * 0.6))));
    expect(message).toMatch(/^tronque\.zip : archive zip illisible ou tronquée \(.+\)$/);
  });

  it('refuses a zip whose member is corrupted, without hanging', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => territoryRow(i + 1, { operator_passenger_id: `p-${(i * 7919) % 1009}` }));
    const path = write('abime.zip', zipArchive([{ name: 'abime.csv', data: Buffer.from(csv(rows)), corrupt: true }]));
    const message = await within(importFails(path), 20_000, 'import du zip abîmé');
    expect(message).toMatch(/^abime\.zip › abime\.csv : archive zip illisible ou tronquée \(.+\)$/);
  });

  it('refuses a zip bomb before inflating it, leaving the store unchanged', async () => {
    await importFile(write('avant.csv', csv([territoryRow(1)])));
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const path = write('bombe.zip', zipArchive([{ name: 'bombe.csv', data: zeros }]));
    const message = await importFails(path);
    expect(message).toMatch(/^bombe\.zip : archive refusée, bombe\.csv se décompresse \d+ fois sa taille \(bombe de décompression \?\)$/);
    expect(Number(/(\d+) fois/.exec(message)?.[1])).toBeGreaterThan(200);
    expect(await importStore().count('trips')).toBe(1);
  });

  it('refuses a zip bomb that lies about its size, while inflating it', async () => {
    const bomb = Buffer.concat([Buffer.from(csv([])), Buffer.alloc(50 * 1024 * 1024, 0x0a)]);
    const compressed = deflateRawSync(bomb).length;
    const path = write('menteuse.zip', zipArchive([{ name: 'menteuse.csv', data: bomb, declaredSize: compressed * 10 }]));
    const message = await within(importFails(path), 20_000, 'import de la bombe menteuse');
    expect(message).toMatch(/^menteuse\.zip › menteuse\.csv : /);
  });

  it('refuses a gzip bomb while inflating it', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(csv([])), Buffer.alloc(50 * 1024 * 1024, 0x0a)]));
    const message = await within(importFails(write('bombe.csv.gz', bomb)), 20_000, 'import de la bombe gzip');
    expect(message).toBe('bombe.csv.gz : archive refusée, elle se décompresse au-delà de 200 fois sa taille (bombe de décompression ?)');
  });

  it('refuses a truncated gzip file', async () => {
    const whole = gzipSync(Buffer.from(csv(Array.from({ length: 200 }, (_, i) => territoryRow(i + 1)))));
    const message = await within(importFails(write('tronque.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)))), 20_000, 'import du gzip tronqué');
    expect(message).toMatch(/^tronque\.csv\.gz : fichier gzip illisible ou tronqué \(.+\)$/);
  });
});

describe('importExtract — cancel', () => {
  it('stops while hashing when cancelled before it starts', async () => {
    const path = write('annule.csv', csv([territoryRow(1)]));
    const controller = new AbortController();
    controller.abort();
    const batchId = await newBatch(path);
    await expect(run(path, batchId, { signal: controller.signal })).rejects.toBeInstanceOf(ImportCancelled);
    expect(await importStore().count('trips')).toBe(0);
  });

  it('refuses a file that does not exist', async () => {
    const path = join(importStore().dir, 'absent.csv');
    const batchId = await newBatch(path);
    const error = await run(path, batchId).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ExtractFileError);
    expect((error as Error).message).toBe('absent.csv : fichier introuvable ou illisible');
  });
});

describe('importExtract — the real open-data samples', () => {
  const dir = resolvePath(__dirname, '../../../../shared/data/opendata');
  const head2022 = join(dir, '2022-01-head-5000.csv');
  const head2023 = join(dir, '2023-01-head-5.csv');
  const present = existsSync(head2022) && existsSync(head2023);
  if (!present) console.warn(`Échantillons réels absents (${dir}) : tests des données ouvertes réelles ignorés.`);

  it.skipIf(!present)('imports the 5,000 rows of January 2022 (29 columns) and the 5 rows of January 2023 (27 columns)', async () => {
    const lines2022 = readFileSync(head2022, 'utf8').split('\n').filter((line) => line !== '').length - 1;
    expect(lines2022).toBe(5_000);

    const first = await importFile(head2022);
    expect(first.summary).toMatchObject({
      fileName: '2022-01-head-5000.csv',
      formats: ['opendata2022'],
      rowsRead: 5_000,
      rowsInserted: 5_000,
      rowsRejected: 0,
      ignoredColumns: [],
      periodFrom: '2022-01-01',
      periodTo: '2022-01-02',
    });
    expect(first.rejected).toEqual([]);
    expect(await trip(5_492_402)).toMatchObject({
      source_line: 2,
      start_at: '2021-12-31T23:00:00Z',
      start_local: '2022-01-01 00:00:00',
      end_at: '2022-01-01T00:00:00Z',
      start_insee: '78361',
      end_insee: '95572',
      distance_m: 43_572,
      duration_s: 64 * 60,
      seats: 1,
      operator_class: 'C',
      has_incentive: 1,
      status: null,
      operator_id: null,
    });

    const second = await importFile(head2023);
    expect(second.summary).toMatchObject({ formats: ['opendata'], rowsRead: 5, rowsInserted: 5, rowsRejected: 0, periodFrom: '2023-01-01', periodTo: '2023-01-01' });
    expect(await trip(11_462_665)).toMatchObject({ start_com: '84007', start_epci: '248400251', end_insee: '84087', distance_m: 30_484, duration_s: 1_800 });
    expect(await importStore().count('trips')).toBe(5_005);
    // Codes outside the test resolver's few communes are kept and reported, never rejected.
    const unresolved = Object.values(first.summary.unresolvedCodes).reduce((sum, n) => sum + n, 0);
    expect(unresolved).toBeGreaterThan(0);
  });
});
