import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttestationRecord } from '../../shared/types/attestations';
import { attestationCode } from '../attestations/attestation-code';
import { dropTrigger } from '../db/migrations/engine';
import { contentOfRow, type AttestationRow } from '../db/repositories/attestation-repository';
import { formatCents, formatDecimal } from '../../shared/util/format';
import { PAYS_DE_LA_LOIRE } from '../domain/demo/demo-geography';
import { generateExtractFile } from '../extracts/generate-extract';
import { busiestIdentity, countFromExtract, pdfText, replaceDrawnText, TEST_ISSUER, type CsvPerson } from '../testing/attestation-fixtures';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/**
 * Attestations on a real store: a generated territory extract imported through the job worker; figures checked
 * against an independent count of the extract file; PDFs read back with pdftotext; verification of issued, edited
 * and forged PDFs and codes; the register, its audit entries and its export; batches from a list and a simulation.
 */

const NOW = new Date('2026-12-07T10:00:00Z');
const PERIOD = { from: '2026-09-10', to: '2026-10-25' };
let store: TempStore;
let services: AppServices;
let extract: string;
let identity: string;

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  extract = join(store.dir, 'extrait.csv');
  await generateExtractFile({ rows: 3_000, format: 'territory', seed: 21, out: extract, region: PAYS_DE_LA_LOIRE, firstDay: '2026-09-01', days: 61 });
  const done = await services.runner.wait((await services.imports.importFiles([extract]))[0] as string);
  expect(done?.summary).toMatchObject({ rowsInserted: 3_000, rowsRejected: 0 });
  identity = busiestIdentity(extract);
  await services.settings.set('attestations.issuerName', TEST_ISSUER.name);
  await services.settings.set('attestations.issuerSiret', TEST_ISSUER.siret);
});

afterAll(async () => {
  await store.cleanup();
});

/** The figures of an issued attestation against the independent count of the extract. */
function expectSameAsExtract(record: AttestationRecord, person: CsvPerson): void {
  const expected = countFromExtract(extract, person, PERIOD);
  expect(record.figures.totals).toEqual(expected.totals);
  expect(record.figures.months.map((month) => month.month)).toEqual(['2026-09', '2026-10']);
  for (const month of record.figures.months) {
    const { month: key, ...tally } = month;
    expect(tally, key).toEqual(expected.months.get(key) ?? { journeysAsDriver: 0, journeysAsPassenger: 0, days: 0, distanceM: 0, amountPaidCents: 0, amountReceivedCents: 0, incentivesCents: 0 });
  }
}

describe('issuing an attestation', () => {
  it('refuses to issue until the issuer is set, then counts as the extract does and prints it in the PDF', async () => {
    const fresh = new TempStore();
    try {
      const empty = await fresh.open();
      await expect(empty.attestations.create({ person: { kind: 'identity', identityKey: 'x' }, ...PERIOD })).rejects.toThrow(/Émetteur des attestations non renseigné/);
    } finally {
      await fresh.cleanup();
    }

    const { attestation, file } = await services.attestations.create({ person: { kind: 'identity', identityKey: identity }, ...PERIOD });
    expectSameAsExtract(attestation, { identityKey: identity });
    const totals = attestation.figures.totals;
    expect(totals.journeysAsDriver + totals.journeysAsPassenger).toBeGreaterThan(5);
    expect(attestation).toMatchObject({ number: 1, actor: 'testeur', person: identity, issuer: TEST_ISSUER, issuedAt: NOW.toISOString(), batchJobId: null, file });
    expect(attestation.code).toMatch(/^[0-9a-f]{64}$/);
    expect(file).toBe(join(store.dir, 'exports', `attestation-${identity.slice(0, 16)}-${PERIOD.from}_${PERIOD.to}-${attestation.shortCode}.pdf`));

    const text = pdfText(file);
    for (const expected of [
      'Attestation de covoiturage', TEST_ISSUER.name, 'SIRET : 234 400 034 00026', `Clé d’identité : ${identity}`, 'du 10 septembre 2026 au 25 octobre 2026 inclus',
      `Code de vérification : ${attestation.shortCode}`, 'septembre 2026', 'octobre 2026', 'Signature et cachet', 'article 441-7 du code pénal',
      `Trajets effectués comme conducteur ${totals.journeysAsDriver}`, `Trajets effectués comme passager ${totals.journeysAsPassenger}`, `Jours de covoiturage ${totals.days}`,
      `Distance parcourue en covoiturage ${formatDecimal(totals.distanceM / 1000).replace(/\s/g, ' ')} km`,
      `Montant reçu comme conducteur ${formatCents(totals.amountReceivedCents).replace(/\s/g, ' ')}`,
      `Incitations reçues (campagnes du registre) ${formatCents(totals.incentivesCents).replace(/\s/g, ' ')}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The full code is in the document's properties, as pdfinfo shows them.
    const document = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(document.getKeywords()).toContain(`code:${attestation.code}`);
    expect(document.getSubject()).toContain(attestation.code);

    // The register entry and its audit entry.
    const audit = (await store.sql()('audit_log').where({ action: 'attestation.issue' }).select('entity_id', 'actor', 'after_json')) as Array<{ entity_id: string; actor: string; after_json: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: attestation.id, actor: 'testeur' });
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ code: attestation.code, person: identity, from: PERIOD.from, to: PERIOD.to });
    expect((await services.audit.verify()).intact).toBe(true);
  });

  it('finds an operator’s user by the user id in clear, which the store keeps pseudonymised', async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(extract, 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const sample = rows.find((row) => row.start_date && row.start_date >= PERIOD.from && row.start_date <= PERIOD.to && row.status === 'ok') as Record<string, string>;
    const operator = (await services.exports.operators()).find((entry) => entry.name === sample.operator);
    const { attestation, file } = await services.attestations.create({ person: { kind: 'operator', operatorId: operator?.id ?? 0, userId: sample.operator_driver_id ?? '' }, ...PERIOD });
    expectSameAsExtract(attestation, { operator: sample.operator ?? '', userId: sample.operator_driver_id ?? '' });
    expect(attestation.person).toMatch(new RegExp(`^u:${operator?.id}:~`));
    expect(attestation.person).not.toContain(sample.operator_driver_id);
    // The PDF names the user as the user gave it; the register does not keep it.
    expect(pdfText(file)).toContain(`Identifiant utilisateur chez l’opérateur : ${sample.operator_driver_id}`);
    await expect(services.attestations.create({ person: { kind: 'operator', operatorId: operator?.id ?? 0, userId: 'inconnu-0000' }, ...PERIOD })).rejects.toThrow(/Aucun trajet de cette personne/);
  });

  it('leaves out journeys an investigator confirmed as fraud', async () => {
    const before = await services.attestations.create({ person: { kind: 'identity', identityKey: identity }, ...PERIOD });
    const [journey] = (await store.sql()('trips')
      .where({ driver_identity_key: identity, status: 'ok' })
      .whereBetween('start_local', [`${PERIOD.from} 00:00:00`, `${PERIOD.to} 23:59:59`])
      .pluck('natural_key')) as string[];
    await services.reviews.decide({ subjects: [{ kind: 'journey', key: journey as string }], decision: 'confirmed', comment: 'trajet fictif' });
    const after = await services.attestations.create({ person: { kind: 'identity', identityKey: identity }, ...PERIOD });
    expect(after.attestation.figures.totals.journeysAsDriver).toBe(before.attestation.figures.totals.journeysAsDriver - 1);
    await services.reviews.decide({ subjects: [{ kind: 'journey', key: journey as string }], decision: 'legitimate', comment: 'vérifié' });
  });
});

describe('verifying an attestation', () => {
  let issued: { attestation: AttestationRecord; file: string };
  let other: { attestation: AttestationRecord; file: string };

  beforeAll(async () => {
    issued = await services.attestations.create({ person: { kind: 'identity', identityKey: identity }, ...PERIOD });
    other = await services.attestations.create({ person: { kind: 'identity', identityKey: identity }, from: '2026-09-01', to: '2026-09-30' });
  });

  it('says an issued PDF is authentic, by its file and by its printed or full code', async () => {
    const verdict = await services.attestations.verifyFile(issued.file);
    expect(verdict).toMatchObject({ authentic: true, problem: null, code: issued.attestation.code, attestation: { id: issued.attestation.id } });
    expect(verdict.message).toMatch(/^Attestation authentique et inchangée : n° \d+, émise le 07\/12\/2026 par Région Pays de la Loire/);
    expect(await services.attestations.verifyCode(issued.attestation.shortCode.toLowerCase())).toMatchObject({ authentic: true, attestation: { id: issued.attestation.id } });
    expect(await services.attestations.verifyCode(issued.attestation.code, { kind: 'identity', identityKey: identity })).toMatchObject({ authentic: true });
  });

  it('fails a PDF whose figure was changed in its content stream, or drawn over', async () => {
    const bytes = readFileSync(issued.file);
    const journeys = String(issued.attestation.figures.totals.journeysAsDriver);
    const edited = join(store.dir, 'modifiee.pdf');
    writeFileSync(edited, await replaceDrawnText(bytes, journeys, String(Number(journeys) + 10)));
    expect(pdfText(edited)).toContain(`Trajets effectués comme conducteur ${Number(journeys) + 10}`);
    const verdict = await services.attestations.verifyFile(edited);
    expect(verdict).toMatchObject({ authentic: false, problem: 'content_altered', attestation: { id: issued.attestation.id } });
    expect(verdict.message).toMatch(/Le contenu du PDF a été modifié après l’émission/);

    const document = await PDFDocument.load(bytes, { updateMetadata: false });
    const page = document.getPage(0);
    page.drawRectangle({ x: 450, y: 500, width: 90, height: 14, color: rgb(1, 1, 1) });
    page.drawText('999', { x: 500, y: 503, size: 10, font: await document.embedFont(StandardFonts.HelveticaBold) });
    const overdrawn = join(store.dir, 'surchargee.pdf');
    writeFileSync(overdrawn, await document.save({ useObjectStreams: false }));
    expect(await services.attestations.verifyFile(overdrawn)).toMatchObject({ authentic: false, problem: 'content_altered' });
  });

  it('fails a PDF whose code was edited in its properties, or carries the code of another attestation', async () => {
    const bytes = readFileSync(issued.file);
    const raw = Buffer.from(bytes).toString('latin1');
    // One digit of the custom property changed by hand in the file (same length: the file stays readable).
    const code = issued.attestation.code;
    const changed = `${code.slice(0, 10)}${code[10] === '0' ? '1' : '0'}${code.slice(11)}`;
    const oneProperty = raw.replace(`/AtelierAttestationCode (${code})`, `/AtelierAttestationCode (${changed})`);
    expect(oneProperty).not.toBe(raw);
    writeFileSync(join(store.dir, 'propriete.pdf'), Buffer.from(oneProperty, 'latin1'));
    expect(await services.attestations.verifyFile(join(store.dir, 'propriete.pdf'))).toMatchObject({ authentic: false, problem: 'content_altered' });

    // Every property rewritten with an unknown code, then with the code of another attestation of the register.
    const document = await PDFDocument.load(bytes, { updateMetadata: false });
    const withCode = async (target: string): Promise<string> => {
      document.setKeywords(['attestation de covoiturage', `code:${target}`]);
      document.setSubject(`Attestation de covoiturage — code de vérification ${target}`);
      const path = join(store.dir, `code-${target.slice(0, 6)}.pdf`);
      const saved = Buffer.from(await document.save({ useObjectStreams: false })).toString('latin1').replace(`/AtelierAttestationCode (${code})`, `/AtelierAttestationCode (${target})`);
      writeFileSync(path, Buffer.from(saved, 'latin1'));
      return path;
    };
    const unknown = await services.attestations.verifyFile(await withCode(changed));
    expect(unknown).toMatchObject({ authentic: false, problem: 'unknown_code', attestation: null });
    expect(unknown.message).toMatch(/Code inconnu du registre/);
    expect(await services.attestations.verifyFile(await withCode(other.attestation.code))).toMatchObject({ authentic: false, problem: 'content_altered', attestation: { id: other.attestation.id } });
  });

  it('fails an unknown or unreadable code, a copied code, a file that is no attestation, and a register entry rewritten', async () => {
    expect(await services.attestations.verifyCode('0000-0000-0000-0000')).toMatchObject({ authentic: false, problem: 'unknown_code' });
    expect(await services.attestations.verifyCode('pas un code')).toMatchObject({ authentic: false, problem: 'invalid_code' });
    const copied = await services.attestations.verifyCode(issued.attestation.shortCode, { kind: 'identity', identityKey: 'f'.repeat(64) });
    expect(copied).toMatchObject({ authentic: false, problem: 'other_person' });
    expect(copied.message).toMatch(/code copié/);

    const plain = await PDFDocument.create();
    plain.addPage();
    writeFileSync(join(store.dir, 'autre.pdf'), await plain.save());
    expect(await services.attestations.verifyFile(join(store.dir, 'autre.pdf'))).toMatchObject({ authentic: false, problem: 'no_code' });
    writeFileSync(join(store.dir, 'texte.pdf'), 'pas un PDF');
    expect(await services.attestations.verifyFile(join(store.dir, 'texte.pdf'))).toMatchObject({ authentic: false, problem: 'unreadable' });

    // Someone with the file rewrites a figure in the register, even with the code recomputed: the audit log tells.
    const sql = store.sql();
    await dropTrigger(sql, 'attestations_no_update', 'attestations');
    const row = (await sql('attestations').where({ id: issued.attestation.id }).first('figures_json')) as { figures_json: string };
    const figures = JSON.parse(row.figures_json) as AttestationRecord['figures'];
    figures.totals.journeysAsDriver += 10;
    await sql('attestations').where({ id: issued.attestation.id }).update({ figures_json: JSON.stringify(figures) });
    expect(await services.attestations.verifyFile(issued.file)).toMatchObject({ authentic: false, problem: 'register_altered' });
    const altered = (await sql('attestations').where({ id: issued.attestation.id }).first()) as AttestationRow;
    await sql('attestations').where({ id: issued.attestation.id }).update({ code: attestationCode(contentOfRow(altered)) });
    expect(await services.attestations.verifyCode(attestationCode(contentOfRow(altered)))).toMatchObject({ authentic: false, problem: 'register_altered' });
  });
});

describe('the register', () => {
  it('lists, filters, counts and exports the attestations issued', async () => {
    const all = await services.attestations.register({}, 0, 50);
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.rows.map((row) => row.number)).toEqual([...all.rows.map((row) => row.number)].sort((a, b) => b - a));
    expect((await services.attestations.register({ person: identity }, 0, 50)).rows.every((row) => row.person === identity)).toBe(true);
    const first = all.rows.at(-1) as AttestationRecord;
    expect((await services.attestations.register({ code: first.shortCode.slice(0, 9) }, 0, 50)).rows.map((row) => row.id)).toContain(first.id);
    expect((await services.attestations.register({ issuedFrom: '2026-12-08' }, 0, 50)).total).toBe(0);
    expect((await services.attestations.register({ issuedFrom: '2026-12-07', issuedTo: '2026-12-07', source: 'single' }, 0, 50)).total).toBe(all.total);
    expect(await services.attestations.count()).toBe(all.total);
    expect(await services.attestations.count({ from: '2026-12-01', to: '2026-12-31' })).toBe(all.total);

    const exported = await services.attestations.exportRegister({ person: identity });
    expect(exported.rows).toBeGreaterThan(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported.path);
    const sheet = workbook.getWorksheet('Attestations');
    expect(sheet?.rowCount).toBe(exported.rows + 2);
    expect(sheet?.getRow(1).getCell(4).value).toBe('Personne');
  });
});

describe('batches', () => {
  it('issues one PDF per person of a list with a summary workbook, and says who got none and why', async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(extract, 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    const keys = [...new Set(rows.map((row) => row.driver_identity_key ?? ''))].filter(Boolean).slice(0, 4);
    const list = join(store.dir, 'salaries.csv');
    writeFileSync(list, ['service;personne', ...keys.map((key) => `RH;${key}`), `doublon;${keys[0]}`, `inconnu;${'9'.repeat(64)}`, 'x;u:Inconnu:42', '=HYPERLIEN("x");'].join('\n'));
    const folder = join(store.dir, 'lot');
    const { jobId } = await services.attestations.batch({ source: { kind: 'csv', path: list }, ...PERIOD }, folder);
    const done = await services.runner.wait(jobId);
    expect(done).toMatchObject({ status: 'done', kind: 'attestation.batch', summary: { folder, persons: 8, issued: 4, skipped: 4 } });
    const pdfs = readdirSync(folder).filter((name) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(4);
    expect(readdirSync(folder).filter((name) => name.startsWith('.'))).toEqual([]);
    const verdict = await services.attestations.verifyFile(join(folder, pdfs[0] as string));
    expect(verdict).toMatchObject({ authentic: true, attestation: { batchJobId: jobId } });
    expect((await services.attestations.register({ source: 'batch' }, 0, 50)).total).toBe(4);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, `synthese-attestations-${PERIOD.from}_${PERIOD.to}.xlsx`));
    expect(workbook.getWorksheet('Attestations')?.rowCount).toBe(4 + 2);
    const skipped = workbook.getWorksheet('Sans attestation');
    const reasons = Array.from({ length: (skipped?.rowCount ?? 1) - 1 }, (_, i) => String(skipped?.getRow(i + 2).getCell(3).value));
    expect(reasons).toEqual(expect.arrayContaining(['en double (ligne 2)', 'personne inconnue de la base (aucun trajet, quelle que soit la date)', 'Opérateur inconnu dans la base : « Inconnu »', 'aucune personne sur la ligne']));
    // A formula typed in the list stays text in the workbook.
    const persons = Array.from({ length: (skipped?.rowCount ?? 1) - 1 }, (_, i) => skipped?.getRow(i + 2).getCell(2).value);
    expect(persons).toContain('\'=HYPERLIEN("x")');
  });

  it('issues one per driver a saved simulation paid on the period, as many as the simulation counts', async () => {
    const template = JSON.parse(readFileSync(join(__dirname, '../../../resources/campaigns/1.json'), 'utf8')) as Record<string, unknown>;
    const definition = { ...template, id: 'essai_pdl', name: 'Essai Pays de la Loire', status: 'campaign', territory: { reg: ['52'] }, window: { from: '2026-09-01', to: '2026-10-31' }, budget_cents: null };
    const simulation = await services.campaigns.simulate({ definition, from: '2026-09-01', to: '2026-10-31', includeFlagged: false });
    expect((await services.runner.wait(simulation.jobId))?.status).toBe('done');
    const result = await services.campaigns.result(simulation.simulationId);
    expect(result.drivers.paid).toBeGreaterThan(0);

    const folder = join(store.dir, 'lot-campagne');
    const { jobId } = await services.attestations.batch({ source: { kind: 'simulation', simulationId: simulation.simulationId }, from: '2026-09-01', to: '2026-10-31' }, folder);
    const done = await services.runner.wait(jobId);
    expect(done).toMatchObject({ status: 'done', summary: { issued: result.drivers.paid, skipped: 0 } });
    expect(readdirSync(folder).filter((name) => name.endsWith('.pdf'))).toHaveLength(result.drivers.paid);
    await expect(services.attestations.batch({ source: { kind: 'simulation', simulationId: simulation.simulationId }, from: '2027-01-01', to: '2027-01-31' })).rejects.toThrow(/ne recoupe pas/);
  });

  it('keeps nothing of a cancelled batch: no file, no register entry', async () => {
    const keys = Papa.parse<Record<string, string>>(readFileSync(extract, 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true }).data.map((row) => row.passenger_identity_key);
    const list = join(store.dir, 'annule.csv');
    writeFileSync(list, ['personne', ...new Set(keys)].join('\n'));
    const before = await services.attestations.count();
    const folder = join(store.dir, 'lot-annule');
    const { jobId } = await services.attestations.batch({ source: { kind: 'csv', path: list }, ...PERIOD }, folder);
    await new Promise<void>((resolve) => {
      const stop = services.bus.subscribe((event, payload) => {
        if (event === 'job:progress' && (payload as { jobId: string; step: string; current: number }).step === 'issue' && (payload as { current: number }).current > 0) {
          stop();
          resolve();
        }
      });
    });
    await services.jobs.cancel(jobId);
    expect((await services.runner.wait(jobId)) ?? { status: 'cancelled' }).toMatchObject({ status: 'cancelled' });
    expect(await services.attestations.count()).toBe(before);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  });
});
