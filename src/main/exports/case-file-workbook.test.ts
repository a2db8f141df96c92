import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evidenceText, writeOperatorCaseFile } from './case-file-workbook';
import type { CaseCheck, CaseFileJourney, OperatorCaseFileInput } from './case-file-types';
import { INJECTIONS, interrupted, rowsOf, tempDir } from './test-fixtures';

/**
 * The operator's case file written to a temporary folder and read back with exceljs: sheets, French labels, values
 * and formats, totals formulas with their cached values, formula injection, identity keys, cancellation.
 */

/** Identity keys as the registry has them (SHA-256 hex digests). */
const KEY_A = createHash('sha256').update('personne A').digest('hex');
const KEY_B = createHash('sha256').update('personne B').digest('hex').toUpperCase();

const speed: CaseCheck = { checkId: 'T04@1', label: 'Vitesse', severity: 'high', evidence: { speedKmh: 182.4, thresholdKmh: 130 } };
const night: CaseCheck = { checkId: 'T10@1', label: 'Trajet de nuit', severity: 'info', evidence: { localHour: 23 } };
/** Evidence holding identity keys under person-like names, harmless names, nested objects and in the text. */
const multiAccount: CaseCheck = {
  checkId: 'H09@1',
  label: 'Multi-comptes',
  severity: 'warning',
  evidence: {
    kind: 'key_with_many_users',
    account: KEY_A,
    persons: [KEY_A, KEY_B],
    identityKeys: [KEY_B],
    aliases: [`key:${KEY_A} (3)`],
    degrees: [`${KEY_B}:4`, 'u:3:abc:2'],
    nested: { personKey: KEY_A, note: `vu avec ${KEY_B}`, ratio: 0.3333 },
    operatorUserIds: ['user-1', 'user-2'],
    sameIdentityKey: true,
  },
};
const cluster: CaseCheck = { checkId: 'G01@1', label: 'Identité reconstituée', severity: 'warning', evidence: { identityKeys: 2, overlapping: false, missing: null } };

function journey(overrides: Partial<CaseFileJourney> = {}): CaseFileJourney {
  return {
    journeyId: '123456789',
    operatorJourneyId: 'op-journey-1',
    operatorTripId: 'op-trip-1',
    startLocal: '2024-03-01 08:12:44',
    endLocal: '2024-03-01 08:30:14',
    startInsee: '44109',
    endInsee: '44162',
    startCommune: 'Nantes',
    endCommune: 'Saint-Herblain',
    distanceM: 23_456,
    durationS: 1050,
    seats: 2,
    status: 'ok',
    operatorDriverId: 'driver-1',
    operatorPassengerId: 'passenger-1',
    rpcIncentiveCents: 150,
    operatorIncentiveCents: 75,
    checks: [speed],
    decision: null,
    ...overrides,
  };
}

const JOURNEYS: CaseFileJourney[] = [
  journey({
    checks: [speed, night, { ...speed, severity: 'warning', evidence: { speedKmh: 115, thresholdKmh: 110 } }],
    decision: { decision: 'confirmed', comment: 'Vitesse impossible, confirmé', author: 'inspectrice', decidedAt: '2026-07-01T08:30:00Z' },
  }),
  journey({
    journeyId: '2',
    operatorJourneyId: 'op-journey-2',
    status: 'fraud_error',
    endLocal: null,
    distanceM: null,
    durationS: null,
    seats: null,
    rpcIncentiveCents: 0,
    operatorIncentiveCents: 10,
    checks: [multiAccount, cluster],
    decision: { decision: 'info_requested', comment: `Même personne que ${KEY_A} ?`, author: 'inspectrice', decidedAt: '2026-01-15T09:00:00Z' },
  }),
  journey({ journeyId: '3', operatorJourneyId: 'op-journey-3', status: 'pending', rpcIncentiveCents: 200, operatorIncentiveCents: 0, checks: [night] }),
];

const NOW = '2026-11-28T10:00:00Z';

function input(journeys: OperatorCaseFileInput['journeys'], overrides: Partial<OperatorCaseFileInput> = {}): OperatorCaseFileInput {
  return { operatorName: 'Klaxit', generatedAt: NOW, period: { from: '2024-03-01', to: '2024-03-31' }, author: 'Cellule fraude', journeys, ...overrides };
}

async function written(journeys: OperatorCaseFileInput['journeys'], overrides: Partial<OperatorCaseFileInput> = {}): Promise<ExcelJS.Workbook> {
  const file = join(tempDir(), 'dossier.xlsx');
  await writeOperatorCaseFile(file, input(journeys, overrides));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`feuille absente : ${name}`);
  return found;
}

/** Every cell of every sheet as text (formulas with their cached value). */
function allTexts(workbook: ExcelJS.Workbook): string[] {
  const texts: string[] = [];
  workbook.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => texts.push(typeof cell.value === 'object' ? JSON.stringify(cell.value) : String(cell.value)))));
  return texts;
}

/** The row of « Synthèse » whose first cell is `label`. */
function summaryRow(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found ??= row;
  });
  if (!found) throw new Error(`ligne absente : ${label}`);
  return found;
}

/** 1-based column of `header` in row 1. */
function col(ws: ExcelJS.Worksheet, header: string): number {
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`colonne absente : ${header}`);
  return index + 1;
}

describe('writeOperatorCaseFile', () => {
  it('writes « Synthèse », « Trajets » and « Preuves » and answers what it wrote', async () => {
    const dir = tempDir();
    const file = join(dir, 'dossier.xlsx');
    expect(await writeOperatorCaseFile(file, input(rowsOf(JOURNEYS)))).toEqual({ journeys: 3, evidenceRows: 6 });
    // No spool and no partial file left behind.
    expect(readdirSync(dir)).toEqual(['dossier.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Synthèse', 'Trajets', 'Preuves']);
  });

  it('sums up the file in « Synthèse »: scope, Paris time, journeys per check, severity and decision, incentives at risk', async () => {
    const summary = sheet(await written(JOURNEYS), 'Synthèse');
    const text = allTexts({ eachSheet: (f: (ws: ExcelJS.Worksheet) => void) => f(summary) } as ExcelJS.Workbook).join('\n');
    expect(text).toContain('Dossier de contrôle des trajets signalés — Klaxit');
    expect(text).toContain('du 01/03/2024 au 31/03/2024');
    // 10:00 UTC is 11:00 in Paris in November.
    expect(text).toContain('28/11/2026 11:00 (heure de Paris) par Atelier Covoiturage, Cellule fraude');
    expect(text).toContain('Réponse de l’opérateur');
    expect(summaryRow(summary, 'Trajets signalés').getCell(2).value).toBe(3);
    expect(summaryRow(summary, 'Lignes de preuves').getCell(2).value).toBe(6);

    // Per check: a journey counts once per check, with its highest severity for that check.
    const t04 = summaryRow(summary, 'T04@1');
    expect((t04.values as unknown[]).slice(1)).toEqual(['T04@1', 'Vitesse', 1, 2.25, 1, 0, 0]);
    expect((summaryRow(summary, 'T10@1').values as unknown[]).slice(1)).toEqual(['T10@1', 'Trajet de nuit', 2, 4.25, 0, 0, 2]);
    const checksTotal = summaryRow(summary, 'Total des signalements');
    // Checks are listed by id: G01@1 comes first.
    expect(checksTotal.getCell(3).formula).toBe(`SUM(C${summaryRow(summary, 'G01@1').number}:C${checksTotal.number - 1})`);
    expect(checksTotal.getCell(3).result).toBe(5);
    expect(checksTotal.getCell(4).result).toBe(6.7);
    expect(checksTotal.getCell(4).numFmt).toBe('#,##0.00 "€"');

    expect((summaryRow(summary, 'élevée').values as unknown[]).slice(3)).toEqual([1, 2.25]);
    expect((summaryRow(summary, 'à vérifier').values as unknown[]).slice(3)).toEqual([1, 0.1]);
    expect((summaryRow(summary, 'info').values as unknown[]).slice(3)).toEqual([1, 2]);
    expect((summaryRow(summary, 'fraude confirmée').values as unknown[]).slice(3)).toEqual([1, 2.25]);
    expect((summaryRow(summary, 'information demandée à l’opérateur').values as unknown[]).slice(3)).toEqual([1, 0.1]);
    expect((summaryRow(summary, 'sans décision').values as unknown[]).slice(3)).toEqual([1, 2]);
    const partitions: ExcelJS.Row[] = [];
    summary.eachRow((row) => {
      if (row.getCell(1).value === 'Total') partitions.push(row);
    });
    expect(partitions.map((row) => [row.getCell(3).result, row.getCell(4).result])).toEqual([[3, 4.35], [3, 4.35]]);

    expect(summaryRow(summary, 'Incitations du registre').getCell(4).value).toBe(3.5);
    expect(summaryRow(summary, 'Incitations de l’opérateur').getCell(4).value).toBe(0.85);
    const atRisk = summaryRow(summary, 'Incitations en jeu').getCell(4);
    expect(atRisk.formula).toMatch(/^SUM\(D\d+:D\d+\)$/);
    expect(atRisk.result).toBe(4.35);
  });

  it('writes one « Trajets » row per journey with typed, formatted cells, French labels and totals', async () => {
    const trips = sheet(await written(rowsOf(JOURNEYS)), 'Trajets');
    expect(trips.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 1 });
    expect(trips.autoFilter).toBe('A1:X4');
    expect(trips.getCell(1, 1).font?.bold).toBe(true);
    expect(trips.getColumn(col(trips, 'Contrôles')).width).toBe(40);
    const cell = (row: number, header: string): ExcelJS.Cell => trips.getCell(row, col(trips, header));

    expect(cell(2, 'Identifiant registre').value).toBe('123456789');
    expect(cell(2, 'Identifiant trajet opérateur').value).toBe('op-journey-1');
    // Paris wall-clock time whatever the reader's zone: exceljs reads Excel dates as UTC fields.
    expect(cell(2, 'Début (heure de Paris)').value).toEqual(new Date('2024-03-01T08:12:44Z'));
    expect(cell(2, 'Début (heure de Paris)').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(cell(2, 'Fin (heure de Paris)').value).toEqual(new Date('2024-03-01T08:30:14Z'));
    expect(cell(2, 'Départ : commune').value).toBe('Nantes');
    expect(cell(2, 'Arrivée : code INSEE').value).toBe('44162');
    expect(cell(2, 'Distance (km)').value).toBe(23.456);
    expect(cell(2, 'Distance (km)').numFmt).toBe('#,##0.0');
    expect(cell(2, 'Durée (min)').value).toBe(17.5);
    expect(cell(2, 'Places passager').value).toBe(2);
    expect(cell(2, 'Statut du registre').value).toBe('valide (ok)');
    expect(cell(3, 'Statut du registre').value).toBe('fraude signalée (fraud_error)');
    expect(cell(4, 'Statut du registre').value).toBe('en attente (pending)');
    expect(cell(2, 'Identifiant conducteur (opérateur)').value).toBe('driver-1');
    expect(cell(2, 'Identifiant passager (opérateur)').value).toBe('passenger-1');
    expect(cell(2, 'Incitations du registre (€)').value).toBe(1.5);
    expect(cell(2, 'Incitations de l’opérateur (€)').value).toBe(0.75);
    expect(cell(2, 'Incitations en jeu (€)').value).toBe(2.25);
    expect(cell(2, 'Incitations en jeu (€)').numFmt).toBe('#,##0.00 "€"');
    expect(cell(2, 'Contrôles').value).toBe('T04@1 Vitesse ; T10@1 Trajet de nuit');
    expect(cell(2, 'Gravité la plus haute').value).toBe('élevée');
    expect(cell(3, 'Gravité la plus haute').value).toBe('à vérifier');
    expect(cell(4, 'Gravité la plus haute').value).toBe('info');
    expect(cell(2, 'Décision').value).toBe('fraude confirmée');
    expect(cell(2, 'Commentaire de la décision').value).toBe('Vitesse impossible, confirmé');
    // 08:30 UTC is 10:30 in Paris in July.
    expect(cell(2, 'Date de la décision (heure de Paris)').value).toEqual(new Date('2026-07-01T10:30:00Z'));
    expect(cell(3, 'Décision').value).toBe('information demandée à l’opérateur');
    expect(cell(4, 'Décision').value).toBeNull();
    expect(cell(2, 'Réponse de l’opérateur').value).toBeNull();
    // Unknown values stay empty, not zero.
    expect(cell(3, 'Fin (heure de Paris)').value).toBeNull();
    expect(cell(3, 'Distance (km)').value).toBeNull();
    expect(cell(3, 'Places passager').value).toBeNull();

    expect(cell(5, 'Identifiant registre').value).toBe('Total');
    for (const [header, total] of [['Incitations du registre (€)', 3.5], ['Incitations de l’opérateur (€)', 0.85], ['Incitations en jeu (€)', 4.35]] as const) {
      const letter = trips.getColumn(col(trips, header)).letter;
      expect(cell(5, header).formula).toBe(`SUM(${letter}2:${letter}4)`);
      expect(cell(5, header).result).toBe(total);
    }
  });

  it('writes one « Preuves » row per journey × check, evidence in words, without person identifiers', async () => {
    const evidence = sheet(await written(JOURNEYS), 'Preuves');
    expect(evidence.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(evidence.autoFilter).toBe('A1:G7');
    const rows = Array.from({ length: 6 }, (_, i) => (evidence.getRow(i + 2).values as unknown[]).slice(1));
    expect(rows.map((row) => [row[0], row[3], row[4], row[5]])).toEqual([
      ['123456789', 'T04@1', 'Vitesse', 'élevée'],
      ['123456789', 'T10@1', 'Trajet de nuit', 'info'],
      ['123456789', 'T04@1', 'Vitesse', 'à vérifier'],
      ['2', 'H09@1', 'Multi-comptes', 'à vérifier'],
      ['2', 'G01@1', 'Identité reconstituée', 'à vérifier'],
      ['3', 'T10@1', 'Trajet de nuit', 'info'],
    ]);
    expect(rows[0]?.[2]).toEqual(new Date('2024-03-01T08:12:44Z'));
    expect(rows[0]?.[6]).toBe('speedKmh: 182,4 ; thresholdKmh: 130');
    expect(rows[3]?.[6]).toBe(
      'kind: key_with_many_users ; account: (clé d’identité masquée) ; degrees: [(clé d’identité masquée):4, u:3:abc:2] ; ' +
        'nested: {note: vu avec (clé d’identité masquée), ratio: 0,3333} ; operatorUserIds: [user-1, user-2] ; sameIdentityKey: oui',
    );
    // Counts and yes/no under a person-like name say nothing about who: they stay.
    expect(rows[4]?.[6]).toBe('identityKeys: 2 ; overlapping: non ; missing: —');
  });

  it('puts no identity key anywhere in the file', async () => {
    const texts = allTexts(await written(JOURNEYS)).join('\n').toLowerCase();
    expect(texts).not.toContain(KEY_A.toLowerCase());
    expect(texts).not.toContain(KEY_B.toLowerCase());
    expect(texts).toContain('(clé d’identité masquée)');
  });

  it('neutralises formula injection in every text from data and keeps numbers as numbers', async () => {
    const hostile = INJECTIONS.map((text, i) =>
      journey({
        journeyId: text,
        operatorJourneyId: text,
        operatorTripId: text,
        startCommune: text,
        startInsee: text,
        operatorDriverId: text,
        operatorPassengerId: '=HYPERLINK("http://x";"clic")',
        status: text,
        distanceM: -2,
        rpcIncentiveCents: i,
        checks: [{ checkId: text, label: text, severity: 'warning', evidence: {} }, { checkId: 'T02@1', label: 'Court', severity: 'info', evidence: { [text]: 1 } }],
        decision: { decision: 'legitimate', comment: text, author: text, decidedAt: text },
      }),
    );
    const workbook = await written(hostile, { operatorName: '=cmd', author: '+auteur' });
    const trips = sheet(workbook, 'Trajets');
    const evidence = sheet(workbook, 'Preuves');
    INJECTIONS.forEach((text, i) => {
      // XML parsers read a bare carriage return back as a line feed; the apostrophe is what matters.
      const stored = `'${text.replace('\r', '\n')}`;
      const row = trips.getRow(i + 2);
      for (const header of ['Identifiant registre', 'Identifiant trajet opérateur', 'Identifiant voyage opérateur', 'Départ : commune', 'Départ : code INSEE',
        'Identifiant conducteur (opérateur)', 'Statut du registre', 'Commentaire de la décision', 'Date de la décision (heure de Paris)']) {
        expect(row.getCell(col(trips, header)).value, header).toBe(stored);
      }
      expect(row.getCell(col(trips, 'Identifiant passager (opérateur)')).value).toBe('\'=HYPERLINK("http://x";"clic")');
      expect(row.getCell(col(trips, 'Contrôles')).value).toBe(`'${text.replace('\r', '\n')} ${text.replace('\r', '\n')} ; T02@1 Court`);
      expect(row.getCell(col(trips, 'Distance (km)')).value).toBe(-0.002);
      expect(row.getCell(col(trips, 'Incitations du registre (€)')).value).toBe(i / 100);
      const proof = evidence.getRow(2 * i + 2);
      expect([proof.getCell(1).value, proof.getCell(4).value, proof.getCell(5).value]).toEqual([stored, stored, stored]);
      expect(evidence.getRow(2 * i + 3).getCell(7).value).toBe(`'${text.replace('\r', '\n')}: 1`);
    });
    const summary = sheet(workbook, 'Synthèse');
    expect(summaryRow(summary, 'Opérateur').getCell(2).value).toBe("'=cmd");
    const strings: string[] = [];
    workbook.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && strings.push(c.value))));
    expect(strings.filter((text) => /^[=+\-@\t\r]/.test(text))).toEqual([]);
  });

  it('writes a valid file saying there is nothing when no journey is flagged', async () => {
    const dir = tempDir();
    const file = join(dir, 'vide.xlsx');
    expect(await writeOperatorCaseFile(file, input([], { period: null }))).toEqual({ journeys: 0, evidenceRows: 0 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const text = allTexts(workbook).join('\n');
    expect(text).toContain('Aucun trajet signalé pour cet opérateur');
    expect(text).toContain('toutes les dates des trajets signalés');
    expect(sheet(workbook, 'Trajets').rowCount).toBe(1);
    expect(sheet(workbook, 'Preuves').rowCount).toBe(1);
    expect(readdirSync(dir)).toEqual(['vide.xlsx']);
  });

  it('streams thousands of journeys with totals equal to the sum of the rows', async () => {
    const many = Array.from({ length: 3_000 }, (_, i) =>
      journey({ journeyId: String(i + 1), rpcIncentiveCents: i % 7, operatorIncentiveCents: i % 3, checks: i % 2 === 0 ? [speed, night] : [night] }),
    );
    const file = join(tempDir(), 'gros.xlsx');
    expect(await writeOperatorCaseFile(file, input(rowsOf(many)))).toEqual({ journeys: 3_000, evidenceRows: 4_500 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const trips = sheet(workbook, 'Trajets');
    expect(trips.rowCount).toBe(3_002);
    const column = col(trips, 'Incitations en jeu (€)');
    let cents = 0;
    for (let row = 2; row <= 3_001; row += 1) cents += Math.round(Number(trips.getCell(row, column).value) * 100);
    expect(trips.getCell(3_002, column).result).toBe(cents / 100);
    expect(sheet(workbook, 'Preuves').rowCount).toBe(4_501);
  });

  it('leaves no file, spool or partial file when cancelled or when the journeys fail', async () => {
    const dir = tempDir();
    const many = Array.from({ length: 2_000 }, (_, i) => journey({ journeyId: String(i) }));
    const controller = new AbortController();
    const cancelled = writeOperatorCaseFile(join(dir, 'a.xlsx'), input(interrupted(rowsOf(many), 1_500, controller)), controller.signal);
    await expect(cancelled).rejects.toThrow('Export annulé');
    const failing = writeOperatorCaseFile(join(dir, 'b.xlsx'), input(interrupted(rowsOf(many), 1_500, new Error('curseur perdu'))));
    await expect(failing).rejects.toThrow('curseur perdu');
    const aborted = AbortSignal.abort(new Error('Export annulé'));
    await expect(writeOperatorCaseFile(join(dir, 'c.xlsx'), input(many), aborted)).rejects.toThrow('Export annulé');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses incentives that are not whole cents, and a bad date, leaving nothing', async () => {
    const dir = tempDir();
    await expect(writeOperatorCaseFile(join(dir, 'a.xlsx'), input([journey({ rpcIncentiveCents: 1.5 })]))).rejects.toThrow(/incitations du registre invalides/);
    await expect(writeOperatorCaseFile(join(dir, 'b.xlsx'), input([], { generatedAt: 'hier' }))).rejects.toThrow(RangeError);
    await expect(writeOperatorCaseFile(join(dir, 'c.xlsx'), input([], { period: { from: '01/03/2024', to: '2024-03-31' } }))).rejects.toThrow(RangeError);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('evidenceText', () => {
  it('renders numbers the French way and leaves out keys holding persons', () => {
    expect(evidenceText({ speedKmh: 182.4, thresholdKmh: 130, reasons: ['negative_amount'], personIds: ['x'], alias: 'y', identityKey: 'z' })).toBe(
      'speedKmh: 182,4 ; thresholdKmh: 130 ; reasons: [negative_amount]',
    );
  });
});
