import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endCliRun, freshCliRun, type CliRun } from '../testing/cli-harness';
import { busiestIdentity, countFromExtract, pdfText, replaceDrawnText, TEST_ISSUER } from '../testing/attestation-fixtures';
import { runCli } from './run-cli';

/**
 * `atelier attestation create|verify|batch|issuer` on a store filled by `atelier generate` and `atelier import`:
 * the `--json` shapes of docs/attestations.md, figures equal to an independent count of the extract file, exit
 * codes of the verification (0 authentic, 1 not), and a batch writing its PDFs and workbook.
 */

let run: CliRun;
let db: string;
let extract: string;

const cli = async (...args: string[]): Promise<number> => {
  run.out.length = 0;
  run.err.length = 0;
  return runCli(args, run.context);
};

// One store for the file (generating and importing through the CLI is the slow part): 2,000 journeys of
// September–October 2026, its issuer set by the first test.
beforeAll(async () => {
  run = freshCliRun();
  db = join(run.dir, 'base.sqlite');
  extract = join(run.dir, 'extrait.csv');
  expect(await cli('generate', '--rows', '2000', '--format', 'territory', '--seed', '5', '--from', '2026-09-01', '--days', '61', '--out', extract)).toBe(0);
  expect(await cli('import', extract, '--db', db)).toBe(0);
});
afterAll(() => endCliRun(run));

describe('atelier attestation', () => {
  it('refuses without an issuer, with a person the store does not know, and with bad options (exit 1)', async () => {
    const out = join(run.dir, 'a.pdf');
    expect(await cli('attestation', 'create', '--db', db, '--person', 'abc', '--from', '2026-09-01', '--to', '2026-09-30', '--out', out)).toBe(1);
    expect(run.err.join('')).toMatch(/Émetteur des attestations non renseigné/);
    expect(await cli('attestation', 'issuer', '--db', db, '--name', 'Mairie', '--siret', '12345678901234')).toBe(1);
    expect(run.err.join('')).toMatch(/--siret : SIRET invalide/);
    expect(await cli('attestation', 'issuer', '--db', db, '--name', TEST_ISSUER.name, '--siret', TEST_ISSUER.siret)).toBe(0);
    expect(run.out.join('\n')).toBe(`Émetteur : ${TEST_ISSUER.name} (SIRET ${TEST_ISSUER.siret})`);
    expect(await cli('attestation', 'create', '--db', db, '--person', 'abc', '--from', '2026-09-01', '--to', '2026-09-30', '--out', out)).toBe(1);
    expect(run.err.join('')).toMatch(/Aucun trajet de cette personne dans la base/);
    expect(await cli('attestation', 'create', '--db', db, '--person', 'u:Inconnu:1', '--from', '2026-09-01', '--to', '2026-09-30', '--out', out)).toBe(1);
    expect(run.err.join('')).toMatch(/Opérateur inconnu dans la base : « Inconnu »/);
    expect(await cli('attestation', 'create', '--db', db, '--person', 'abc', '--from', '2026-09-30', '--to', '2026-09-01', '--out', out)).toBe(1);
    expect(run.err.join('')).toMatch(/--to : la date de début doit précéder la date de fin/);
    expect(await cli('attestation', 'batch', '--db', db, '--from', '2026-09-01', '--to', '2026-09-30', '--out', run.dir)).toBe(1);
    expect(run.err.join('')).toMatch(/--persons FICHIER.csv ou --campaign-simulation N/);
  });

  it('creates an attestation whose --json figures equal an independent count of the extract, then verifies it', async () => {
    const person = busiestIdentity(extract);
    const out = join(run.dir, 'attestation.pdf');
    expect(await cli('attestation', 'create', '--db', db, '--person', person, '--from', '2026-09-15', '--to', '2026-10-20', '--out', out, '--json')).toBe(0);
    const printed = JSON.parse(run.out.join('\n')) as {
      person: string; from: string; to: string; code: string; totals: Record<string, number>; months: Array<Record<string, number | string>>;
    };
    const expected = countFromExtract(extract, { identityKey: person }, { from: '2026-09-15', to: '2026-10-20' });
    const snake = (tally: typeof expected.totals): Record<string, number> => ({
      journeys_as_driver: tally.journeysAsDriver, journeys_as_passenger: tally.journeysAsPassenger, days: tally.days, distance_km: tally.distanceM / 1000,
      amount_paid_cents: tally.amountPaidCents, amount_received_cents: tally.amountReceivedCents, incentives_cents: tally.incentivesCents,
    });
    expect(Object.keys(printed)).toEqual(['person', 'from', 'to', 'code', 'totals', 'months']);
    expect(printed).toMatchObject({ person, from: '2026-09-15', to: '2026-10-20', totals: snake(expected.totals) });
    expect(printed.code).toMatch(/^[0-9a-f]{64}$/);
    expect(printed.months.map((month) => month.month)).toEqual(['2026-09', '2026-10']);
    for (const month of printed.months) expect(month).toEqual({ month: month.month, ...snake(expected.months.get(String(month.month)) ?? expected.totals) });
    expect(pdfText(out)).toContain(`Code de vérification : ${printed.code.slice(0, 4).toUpperCase()}-`);

    expect(await cli('attestation', 'verify', out, '--db', db, '--json')).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ authentic: true, problem: null, code: printed.code, attestation: { person, from: '2026-09-15', to: '2026-10-20', totals: snake(expected.totals) } });
    expect(await cli('attestation', 'verify', out, '--db', db)).toBe(0);
    expect(run.out[0]).toMatch(/^AUTHENTIQUE : Attestation authentique et inchangée/);

    const edited = join(run.dir, 'modifiee.pdf');
    const driver = String(expected.totals.journeysAsDriver);
    writeFileSync(edited, await replaceDrawnText(readFileSync(out), driver, `${driver}0`));
    expect(await cli('attestation', 'verify', edited, '--db', db)).toBe(1);
    expect(run.out[0]).toMatch(/^NON AUTHENTIQUE : Le contenu du PDF a été modifié/);
    expect(await cli('attestation', 'verify', '--code', '0123-4567-89AB-CDEF', '--db', db, '--json')).toBe(1);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ authentic: false, problem: 'unknown_code', attestation: null });
  });

  it('writes one PDF per person of a list and the summary workbook, with --json', async () => {
    const rows = readFileSync(extract, 'utf8').split('\n').slice(1, 40);
    const keys = [...new Set(rows.map((line) => line.split(';')[35]?.replace(/"/g, '') ?? '').filter(Boolean))].slice(0, 3);
    const list = join(run.dir, 'liste.csv');
    writeFileSync(list, `personne\n${keys.join('\n')}\n`);
    const folder = join(run.dir, 'attestations');
    expect(await cli('attestation', 'batch', '--db', db, '--persons', list, '--from', '2026-09-01', '--to', '2026-10-31', '--out', folder, '--json')).toBe(0);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ folder, persons: 3, issued: 3, skipped: 0, workbook: join(folder, 'synthese-attestations-2026-09-01_2026-10-31.xlsx') });
    expect(readdirSync(folder).sort()).toHaveLength(4);
    expect(readdirSync(folder).filter((name) => name.endsWith('.pdf'))).toHaveLength(3);
  });
});
