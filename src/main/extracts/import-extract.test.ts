import { describe, expect, it } from 'vitest';
import { TripsRepository } from '../db/repositories/trips-repository';
import { DUMP_COLUMNS, TERRITORY_COLUMNS } from '../domain/extracts/formats';
import { operatorUuid } from '../domain/trips/operators';
import { csv, csvLine, descriptorsClosed, FRANCE, IDFM, IDFM_SIREN, importFails, importFile, importStore, newBatch, NOW, rawLine, type Row, run, territoryRow, trip, useImportStore, write } from '../testing/import-extract-harness';
import { TEST_STORE_ENGINE } from '../testing/pg-test-database';
import { ImportCancelled } from './import-extract';

/**
 * The importer run directly (as the job worker runs it) on extract files written by the tests: every line must end
 * up inserted, updated, unchanged or rejected with its line, field and reason, and a file that cannot be read must
 * fail with one French message and leave the store unchanged.
 */


useImportStore();

// ----- Tests ---------------------------------------------------------------------------------------------------

describe('importExtract — a clean territory export', () => {
  it('stores every line in the canonical units with its geography, operator and batch', async () => {
    const path = write('rpc-2025-03-14-territory.csv', csv([
      territoryRow(1),
      territoryRow(2, { start_datetime: '2024-01-15 07:50:00', end_datetime: '2024-01-15 08:10:00', status: 'fraud_error', cee_application: 1 }),
      territoryRow(3, { start_datetime: '2024-04-30 23:50:00', end_datetime: '2024-05-01 00:10:00', start_insee: '99138', start_commune: '', start_pays: 'Monaco' }),
    ]));
    const progress: string[] = [];
    const { summary, rejected } = await importFile(path, { onProgress: (step) => progress.push(step) });

    expect(summary).toMatchObject({
      fileName: 'rpc-2025-03-14-territory.csv',
      formats: ['territory'],
      rowsRead: 3,
      rowsInserted: 3,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsRejected: 0,
      periodFrom: '2024-01-15',
      periodTo: '2024-04-30',
      unresolvedCodes: {},
      ignoredColumns: [],
      duplicateOf: null,
    });
    expect(rejected).toEqual([]);
    expect(progress[0]).toBe('hash');
    expect(progress).toContain('import');

    const operator = await importStore().sql()('operators').where({ name: 'BlaBlaCar Daily' }).first();
    expect(operator.registry_uuid).toBe(operatorUuid('BlaBlaCar Daily'));
    expect(await trip(48_000_001)).toMatchObject({
      natural_key: 'j:48000001',
      batch_id: summary.batchId,
      source_line: 2,
      operator_id: operator.id,
      operator_class: 'C',
      status: 'ok',
      start_at: '2024-04-16T06:10:00Z',
      start_local: '2024-04-16 08:10:00',
      end_at: '2024-04-16T06:30:00Z',
      duration_s: 836,
      distance_m: 17_050,
      start_lat: 49.006,
      start_insee: '95051',
      start_com: '95051',
      start_epci: '200058485',
      // Île-de-France communes carry IDFM in the AOM table shipped with the store.
      start_aom: IDFM_SIREN,
      start_dep: '95',
      start_reg: '11',
      start_country: FRANCE,
      end_com: '95127',
      driver_revenue_cents: 220,
      passenger_contribution_cents: 0,
      seats: 1,
      cee_application: 0,
      op_incentive_0_cents: 170,
      op_incentive_1_cents: 50,
      op_incentive_2_cents: null,
    });
    expect(await trip(48_000_002)).toMatchObject({ status: 'fraud_error', start_at: '2024-01-15T06:50:00Z', cee_application: 1, source_line: 3 });
    expect(await trip(48_000_003)).toMatchObject({ start_insee: '99138', start_com: null, start_country: '99138', end_at: '2024-04-30T22:10:00Z' });

    // AOM names read in territory extracts are learned per commune.
    expect(await importStore().sql()('aom_names_learned').orderBy('commune')).toEqual([
      { commune: '95051', aom_name: IDFM, seen: 2 },
      { commune: '95127', aom_name: IDFM, seen: 3 },
      { commune: '99138', aom_name: IDFM, seen: 1 },
    ]);
    expect(await descriptorsClosed(path)).toBe(0);
  });
});

describe('importExtract — header and delimiter', () => {
  it('refuses a header no delimiter splits', async () => {
    const path = write('barres.csv', `${TERRITORY_COLUMNS.join('|')}\n1|2|3\n`);
    expect(await importFails(path)).toBe('barres.csv : en-tête illisible, aucun séparateur « ; », « , » ni tabulation');
  });

  it('rejects every line of a file whose header uses commas but whose lines use semicolons', async () => {
    const path = write('melange.csv', csv([territoryRow(1), territoryRow(2)], { header: TERRITORY_COLUMNS.join(',') }));
    const { summary, rejected } = await importFile(path);
    expect(summary).toMatchObject({ formats: ['territory'], rowsRead: 2, rowsInserted: 0, rowsRejected: 2 });
    expect(rejected.map((r) => [r.line, r.field, r.reason, r.detail])).toEqual([
      [2, null, 'ligne incomplète', '1 champs au lieu de 65'],
      [3, null, 'ligne incomplète', '1 champs au lieu de 65'],
    ]);
    expect(await importStore().count('trips')).toBe(0);
  });

  it('reads a territory export re-saved with commas (the delimiter comes from the header)', async () => {
    const path = write('virgules.csv', csv([territoryRow(1), territoryRow(2, { start_commune: 'Paris, 16e' })], { delimiter: ',' }));
    const { summary } = await importFile(path);
    expect(summary).toMatchObject({ formats: ['territory'], rowsRead: 2, rowsInserted: 2, rowsRejected: 0 });
    expect(await trip(48_000_002)).toMatchObject({ distance_m: 17_050, driver_revenue_cents: 220 });
  });

  it('refuses a file missing columns, naming them', async () => {
    const columns = TERRITORY_COLUMNS.filter((column) => column !== 'distance' && column !== 'operator_class');
    const path = write('incomplet.csv', csv([territoryRow(1)], { columns }));
    expect(await importFails(path)).toBe(
      'incomplet.csv : en-tête incomplet pour un export territoire (65 colonnes) : colonnes manquantes operator_class, distance',
    );
  });

  it('releases a large file refused at its header', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => territoryRow(i + 1));
    const path = write('gros-incomplet.csv', csv(rows, { columns: TERRITORY_COLUMNS.filter((column) => column !== 'status') }));
    expect(await importFails(path)).toBe('gros-incomplet.csv : en-tête incomplet pour un export territoire (65 colonnes) : colonnes manquantes status');
  });

  it('refuses a CSV that is not a registry extract', async () => {
    const path = write('contacts.csv', 'nom;prénom;ville\nDupont;Jean;Cergy\n');
    expect(await importFails(path)).toBe('contacts.csv : en-tête non reconnu : ce n’est pas un extrait du registre (3 colonnes, dont « nom », « prénom », « ville »)');
  });

  it('accepts extra columns anywhere, reports them and still reads each column by name', async () => {
    const columns = ['commentaire', ...TERRITORY_COLUMNS.slice(0, 13), 'zone', ...TERRITORY_COLUMNS.slice(13)];
    const path = write('colonnes-en-plus.csv', csv([territoryRow(1, { commentaire: 'vu', zone: 'Nord' }), territoryRow(2)], { columns }));
    const { summary } = await importFile(path);
    expect(summary).toMatchObject({ formats: ['territory'], rowsRead: 2, rowsInserted: 2, rowsRejected: 0, ignoredColumns: ['commentaire', 'zone'] });
    expect(await trip(48_000_001)).toMatchObject({ distance_m: 17_050, start_lat: 49.006, start_insee: '95051', driver_revenue_cents: 220 });
  });

  it('reads an operator export (no operator column) without creating an operator', async () => {
    const columns = TERRITORY_COLUMNS.filter((column) => column !== 'operator');
    const { summary } = await importFile(write('operateur.csv', csv([territoryRow(1)], { columns })));
    expect(summary).toMatchObject({ formats: ['operator'], rowsInserted: 1 });
    expect(await trip(48_000_001)).toMatchObject({ operator_id: null, natural_key: 'j:48000001' });
    expect(await importStore().count('operators')).toBe(0);
  });

  it('accepts lines ended by a delimiter when the header is too', async () => {
    const text = csv([territoryRow(1), territoryRow(2)]).replace(/\n/g, ';\n');
    const { summary } = await importFile(write('point-virgule-final.csv', text));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 2, rowsRejected: 0, ignoredColumns: [] });
  });

  it('accepts a header with two empty cells (columns left over by a spreadsheet)', async () => {
    const text = csv([territoryRow(1), territoryRow(2)]).replace(/\n/g, ';;\n');
    const { summary } = await importFile(write('deux-vides.csv', text));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 2, rowsRejected: 0, ignoredColumns: [] });
  });
});

describe('importExtract — rejected lines', () => {
  it('quarantines each bad line with its line, field, stable reason and raw text, and keeps the others', async () => {
    const rows = [
      territoryRow(1),
      territoryRow(2, { start_datetime: '2024-02-30 08:10:00' }),
      territoryRow(3, { end_datetime: '2024-04-16 25:00:00' }),
      territoryRow(4, { distance: -1.5 }),
      territoryRow(5, { distance: 1000.001 }),
      territoryRow(6, { operator_class: 'D' }),
      territoryRow(7, { start_insee: '97999', end_insee: '2A004' }),
      territoryRow(8, { driver_revenue: 'abc' }),
      territoryRow(9),
    ];
    const path = write('anomalies.csv', csv(rows));
    const { summary, rejected } = await importFile(path);

    expect(summary).toMatchObject({
      rowsRead: 9,
      rowsInserted: 3,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      rowsRejected: 6,
      unresolvedCodes: { '97999': 1, '2A004': 1 },
    });
    expect(rejected).toEqual([
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 3, field: 'start_datetime', reason: 'date invalide', detail: '« 2024-02-30 08:10:00 »', raw: rawLine(rows[1] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 4, field: 'end_datetime', reason: 'heure invalide', detail: '« 2024-04-16 25:00:00 »', raw: rawLine(rows[2] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 5, field: 'distance', reason: 'distance négative', detail: '(-1500 m)', raw: rawLine(rows[3] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 6, field: 'distance', reason: 'distance hors bornes', detail: '(1000001 m, maximum 1 000 km)', raw: rawLine(rows[4] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 7, field: 'operator_class', reason: 'classe de preuve inconnue', detail: '« D » (attendu A, B ou C)', raw: rawLine(rows[5] as Row) },
      { batch_id: summary.batchId, file_name: 'anomalies.csv', line: 9, field: 'driver_revenue', reason: 'nombre invalide', detail: '« abc »', raw: rawLine(rows[7] as Row) },
    ]);
    // A code that resolves nowhere is kept on the journey as published, not rejected.
    expect(await trip(48_000_007)).toMatchObject({ start_insee: '97999', start_com: null, end_insee: '2A004', end_com: null, source_line: 8 });
    expect((await importStore().sql()('trips').orderBy('journey_id').pluck('journey_id')).map(Number)).toEqual([48_000_001, 48_000_007, 48_000_009]);
  });

  it('rejects the second copy of a journey in the same file, naming the line of the first', async () => {
    const rows = [territoryRow(1), territoryRow(2), territoryRow(1, { status: 'fraud_error' }), territoryRow(3), territoryRow(2)];
    const { summary, rejected } = await importFile(write('doublons.csv', csv(rows)));
    expect(summary).toMatchObject({ rowsRead: 5, rowsInserted: 3, rowsRejected: 2 });
    expect(rejected.map((r) => [r.line, r.field, r.reason, r.detail, r.raw])).toEqual([
      [4, 'journey_id', 'trajet en double dans le fichier', 'déjà lu ligne 2', rawLine(rows[2] as Row)],
      [6, 'journey_id', 'trajet en double dans le fichier', 'déjà lu ligne 3', rawLine(rows[4] as Row)],
    ]);
    // The first copy is the one kept.
    expect(await trip(48_000_001)).toMatchObject({ status: 'ok', source_line: 2 });
  });

  it('does not count the codes of a rejected duplicate as unresolved', async () => {
    const rows = [territoryRow(1, { end_insee: '97999' }), territoryRow(1, { end_insee: '97999' })];
    const { summary } = await importFile(write('doublon-code.csv', csv(rows)));
    expect(summary).toMatchObject({ rowsInserted: 1, rowsRejected: 1, unresolvedCodes: { '97999': 1 } });
  });

  it('rejects a truncated last line as incomplete', async () => {
    const full = csv([territoryRow(1), territoryRow(2)]);
    const third = csvLine(territoryRow(3));
    const cut = third.split(';').slice(0, 30).join(';');
    const { summary, rejected } = await importFile(write('tronque.csv', `${full}${cut}`));
    expect(summary).toMatchObject({ rowsRead: 3, rowsInserted: 2, rowsRejected: 1 });
    // A line short of cells may have lost a delimiter: a cell up to three places before an identity column is masked.
    const kept = [...cut.replace(/"/g, '').split(';').slice(0, 29), '[masqué]'].join(';');
    expect(rejected).toMatchObject([{ line: 4, field: null, reason: 'ligne incomplète', detail: '30 champs au lieu de 65', raw: kept }]);
  });

  it('rejects a last line cut inside a quoted cell as an unclosed quote', async () => {
    const third = csvLine(territoryRow(3));
    const cut = third.slice(0, third.indexOf('"Beauchamp"') + 5);
    const { summary, rejected } = await importFile(write('guillemet.csv', `${csv([territoryRow(1)])}${cut}`));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 1, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 3, field: null, reason: 'guillemet non fermé' }]);
  });

  it('reports a malformed quote on its own line, deep in a file read in several chunks', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => territoryRow(i + 1));
    const lines = csv(rows).split('\n');
    lines[2_500] = (lines[2_500] ?? '').replace('"Beauchamp"', '"Beauchamp"x');
    const { summary, rejected } = await importFile(write('guillemet-mal-place.csv', lines.join('\n')));
    expect(summary).toMatchObject({ rowsRead: 3_000, rowsInserted: 2_999, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 2_501, field: null, reason: expect.stringMatching(/^CSV invalide \(.+\)$/) }]);
    expect(rejected[0]?.raw).toContain(String(48_002_500));
    expect(await trip(48_003_000)).toMatchObject({ source_line: 3_001 });
  });

  it('rejects a line with more cells than the header', async () => {
    const rows = [territoryRow(1), territoryRow(2)];
    const text = csv(rows).replace(`${csvLine(rows[1] as Row)}\n`, `${csvLine(rows[1] as Row)};"de trop"\n`);
    const { summary, rejected } = await importFile(write('trop-long.csv', text));
    expect(summary).toMatchObject({ rowsRead: 2, rowsInserted: 1, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 3, field: null, reason: 'ligne trop longue', detail: '66 champs au lieu de 65' }]);
  });
});

describe('importExtract — the regional dump', () => {
  it('reads the psql dump: commas, quotes only where needed, t/f booleans and raw statuses', async () => {
    const header = DUMP_COLUMNS.join(',');
    const line = (n: number, values: Record<string, string>): string => {
      const row: Record<string, string> = {
        journey_id: String(60_000_000 + n), operator_journey_id: `opj-${n}`, operator_class: 'B', acquisition_status: 'processed',
        fraud_status: 'passed', anomaly_status: 'passed', start_datetime: '2025-01-10 07:40:00', end_datetime: '2025-01-10 08:10:00',
        duration: '00:27:12', distance: '21.4', start_insee: '95051', end_insee: '95127', operator: 'Karos', driver_revenue: '1.5',
        passenger_contribution: '0.5', passenger_seats: '1', cee_application: 'f', start_commune: 'Beauchamp', ...values,
      };
      return DUMP_COLUMNS.map((column) => {
        const cell = row[column] ?? '';
        return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
      }).join(',');
    };
    const text = [header, line(1, {}), line(2, { fraud_status: 'failed', cee_application: 't', start_commune: 'Paris, 16e "Auteuil"' }), line(3, { anomaly_status: 'failed', operator_class: 'E' })].join('\n');
    const { summary, rejected } = await importFile(write('pdll2025.csv', `${text}\n`));
    expect(summary).toMatchObject({ formats: ['dump'], rowsRead: 3, rowsInserted: 2, rowsRejected: 1 });
    expect(rejected).toMatchObject([{ line: 4, field: 'operator_class', reason: 'classe de preuve inconnue' }]);
    expect(rejected[0]?.raw.split(',')).toHaveLength(66);
    expect(await trip(60_000_001)).toMatchObject({ status: 'ok', fraud_status: 'passed', cee_application: 0, distance_m: 21_400, start_at: '2025-01-10T06:40:00Z' });
    expect(await trip(60_000_002)).toMatchObject({ status: 'fraud_error', cee_application: 1 });
    expect(await importStore().sql()('operators').where({ name: 'Karos' }).first()).toMatchObject({ registry_uuid: operatorUuid('Karos') });
  });
});

describe('importExtract — files read before', () => {
  it('counts identical journeys of a newer extract as unchanged and changed ones as updated', async () => {
    const first = await importFile(write('semaine-1.csv', csv([territoryRow(1), territoryRow(2), territoryRow(3)])));
    expect(first.summary).toMatchObject({ rowsInserted: 3 });

    const second = await importFile(write('semaine-2.csv', csv([
      territoryRow(1),
      territoryRow(2, { status: 'fraud_error' }),
      territoryRow(3),
      territoryRow(4),
    ])));
    expect(second.summary).toMatchObject({ rowsRead: 4, rowsInserted: 1, rowsUpdated: 1, rowsUnchanged: 2, rowsRejected: 0, periodFrom: '2024-04-16', periodTo: '2024-04-16' });
    expect(await importStore().sql()('import_batches').where({ id: second.summary.batchId }).first()).toMatchObject({ rows_updated: 1, rows_unchanged: 2 });
    expect(await trip(48_000_002)).toMatchObject({ status: 'fraud_error', batch_id: second.summary.batchId });
    expect(await trip(48_000_001)).toMatchObject({ status: 'ok', batch_id: first.summary.batchId });

    const third = await importFile(write('semaine-3.csv', csv([territoryRow(3, { incentive_0_amount: '2.1', incentive_rpc_0_amount: '0.5' })])));
    expect(third.summary).toMatchObject({ rowsRead: 1, rowsInserted: 0, rowsUpdated: 1, rowsUnchanged: 0 });
    expect(await trip(48_000_003)).toMatchObject({ op_incentive_0_cents: 210, rpc_incentive_0_cents: 50, batch_id: third.summary.batchId });
    expect(await importStore().count('trips')).toBe(4);

    // The same journeys in another order, with other line endings: nothing changes, whatever their lines.
    const again = await importFile(write('semaine-2-et-3.csv', csv([
      territoryRow(4),
      territoryRow(3, { incentive_0_amount: '2.1', incentive_rpc_0_amount: '0.5' }),
      territoryRow(2, { status: 'fraud_error' }),
      territoryRow(1),
    ], { eol: '\r\n' })));
    expect(again.summary).toMatchObject({ rowsRead: 4, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 4 });
    expect(await trip(48_000_002)).toMatchObject({ status: 'fraud_error', batch_id: second.summary.batchId, source_line: 3 });
  });

  it('changes stored journeys only when the batch commits: a cancelled import leaves them as they were', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => territoryRow(i + 1));
    await importFile(write('mois-1.csv', csv(rows)));

    // The same month again, the first journey flagged as fraud: two write transactions (5,000 lines each at most).
    const path = write('mois-1-bis.csv', csv([territoryRow(1, { status: 'fraud_error' }), ...rows.slice(1), territoryRow(7_000)]));
    const batchId = await newBatch(path);
    const controller = new AbortController();
    const error = await run(path, batchId, {
      signal: controller.signal,
      onProgress: (step, current) => {
        if (step === 'import' && current > 0) controller.abort();
      },
    }).catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(ImportCancelled);
    expect(await importStore().count('import_staged_updates', { batch_id: batchId })).toBe(1);
    expect(await trip(48_000_001)).toMatchObject({ status: 'ok' });

    await new TripsRepository(importStore().sql()).discardBatch(batchId, 'cancelled', NOW.toISOString());
    expect(await importStore().count('import_staged_updates')).toBe(0);
    expect(await trip(48_000_001)).toMatchObject({ status: 'ok' });
    expect(await importStore().count('trips')).toBe(6_000);
    expect(await descriptorsClosed(path)).toBe(0);
  });

  it('does nothing when the very same file is imported again', async () => {
    const path = write('rpc-territory.csv', csv([territoryRow(1), territoryRow(2), territoryRow(3, { operator_class: 'D' })]));
    const first = await importFile(path);
    expect(first.summary).toMatchObject({ rowsRead: 3, rowsInserted: 2, rowsRejected: 1, duplicateOf: null });

    const again = await importFile(path);
    expect(again.summary).toMatchObject({
      duplicateOf: first.summary.batchId,
      formats: ['territory'],
      rowsRead: 3,
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsUnchanged: 3,
      rowsRejected: 0,
    });
    expect(again.rejected).toEqual([]);
    expect(await importStore().count('trips')).toBe(2);
    const batches = await importStore().sql()('import_batches').orderBy('id').select('content_hash', 'status', 'format');
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual({ ...batches[0] });
  });

  // PostgreSQL only: on SQLite the single writer and the batch rule (one running batch per store) serialise imports;
  // a shared server also needs two imports of one file that both got a batch (two machines) to take turns.
  it.skipIf(TEST_STORE_ENGINE !== 'postgres')('imports a file once when two imports of it run at the same time, each with its batch', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => territoryRow(i + 1, i % 1_000 === 0 ? { operator_class: 'D' } : {}));
    const path = write('rpc-territory.csv', csv(rows));
    const first = await newBatch(path);
    // A second batch beside it (`newBatch` would discard the first, which no job runs).
    const [{ id: second }] = (await importStore().sql()('import_batches')
      .insert({ job_id: null, source: path, format: 'à détecter', status: 'running', started_at: NOW.toISOString() })
      .returning('id')) as [{ id: number }];

    const summaries = await Promise.all([run(path, first), run(path, second)]);
    const [imported, duplicate] = summaries[0].duplicateOf === null ? summaries : [summaries[1], summaries[0]];
    expect(imported).toMatchObject({ duplicateOf: null, rowsRead: 12_000, rowsInserted: 11_988, rowsRejected: 12 });
    expect(duplicate).toMatchObject({ duplicateOf: imported.batchId, rowsRead: 12_000, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 12_000, rowsRejected: 0 });
    expect(await importStore().count('trips')).toBe(11_988);
    expect(await importStore().count('trips', { batch_id: duplicate.batchId })).toBe(0);
    expect(await importStore().count('rejected_rows')).toBe(12);
    expect(await importStore().sql()('import_batches').orderBy('id').pluck('status')).toEqual(['committed', 'committed']);
  });
});
