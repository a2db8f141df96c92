import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { APDF_TRIP_HEADERS, APDF_TRIP_WIDTHS, durationText, parisDateTime } from './apdf-trips-sheet';
import { GUIDE } from './apdf-summary-text';
import { writeApdfWorkbook, type ApdfTrip } from './apdf-workbook';
import { apdfInput, apdfTrip, INJECTIONS, interrupted, rowsOf, tempDir } from './test-fixtures';

async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** Formula text and cached value of a cell (`cell.value` would drop a cached 0). */
function formula(sheet: ExcelJS.Worksheet, address: string): [string, unknown] {
  const cell = sheet.getCell(address);
  return [cell.formula, cell.result];
}

describe('parisDateTime / durationText', () => {
  it('writes Paris time with its offset, seconds truncated, across the clock changes', () => {
    expect(parisDateTime('2024-03-01T07:12:44Z')).toBe('2024-03-01T08:12:44+01:00');
    expect(parisDateTime('2024-03-01T07:12:44.999Z')).toBe('2024-03-01T08:12:44+01:00');
    expect(parisDateTime('2024-03-31T00:59:59Z')).toBe('2024-03-31T01:59:59+01:00');
    expect(parisDateTime('2024-03-31T01:00:00Z')).toBe('2024-03-31T03:00:00+02:00');
    expect(parisDateTime('2024-10-27T00:30:00Z')).toBe('2024-10-27T02:30:00+02:00');
    expect(parisDateTime('2024-10-27T01:30:00Z')).toBe('2024-10-27T02:30:00+01:00');
    expect(() => parisDateTime('hier')).toThrow(/Date invalide/);
  });

  it('writes durations as HH:MM:SS', () => {
    expect(durationText(1050)).toBe('00:17:30');
    expect(durationText(90_061)).toBe('25:01:01');
  });
});

describe('writeApdfWorkbook', () => {
  it('names the file after the month, campaign, operator and totals', async () => {
    const dir = tempDir();
    const result = await writeApdfWorkbook(apdfInput(dir));
    expect(result).toEqual({
      file: join(dir, 'APDF-2024-03-pdll_2024-3-7-5-1051-region_pays_de_la_loire_2024_5e_trajet.xlsx'),
      trips: 7,
      subsidized: 5,
      amountCents: 1051,
    });
    // Nothing else is left behind: no spool, no partial file.
    expect(readdirSync(dir)).toEqual([basename(result.file)]);
  });

  it('writes « Synthèse par tranche » as the registry does, with formulas and their cached values', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    const workbook = await readXlsx(file);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Synthèse par tranche', 'Trajets']);
    const sheet = workbook.getWorksheet('Synthèse par tranche') as ExcelJS.Worksheet;
    expect(sheet.views[0]?.showGridLines).toBe(false);
    expect([1, 2, 3, 4].map((c) => sheet.getColumn(c).width)).toEqual([26, 20, 20, 20]);

    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['Tranche "période normale"', 'Incitations RPC', 'Tous les trajets', 'Trajets incités']);
    expect(sheet.getCell('A1').font).toMatchObject({ name: 'Arial', size: 12, bold: true });
    expect(sheet.getCell('D1').border?.bottom?.style).toBe('thin');
    expect([2, 3, 4, 5].map((r) => sheet.getCell(`A${r}`).value)).toEqual(['Jusqu\'à 2 km', 'De 2 km à 30 km', 'De 30 km à 60 km', 'Supérieure à 60 km']);
    expect(formula(sheet, 'B2')).toEqual(['SUMIFS(Trajets!R:R,Trajets!S:S,"normale",Trajets!M:M,">=0",Trajets!M:M,"<2000")', 0]);
    expect(formula(sheet, 'C2')).toEqual(['COUNTIFS(Trajets!S:S,"normale",Trajets!M:M,">=0",Trajets!M:M,"<2000")', 1]);
    expect(formula(sheet, 'D2')).toEqual(['COUNTIFS(Trajets!R:R,">0",Trajets!S:S,"normale",Trajets!M:M,">=0",Trajets!M:M,"<2000")', 0]);
    expect(formula(sheet, 'B3')).toEqual(['SUMIFS(Trajets!R:R,Trajets!S:S,"normale",Trajets!M:M,">=2000",Trajets!M:M,"<30000")', 1.51]);
    expect(formula(sheet, 'C3')[1]).toBe(2);
    expect(formula(sheet, 'D3')[1]).toBe(2);
    expect(formula(sheet, 'B5')).toEqual(['SUMIFS(Trajets!R:R,Trajets!S:S,"normale",Trajets!M:M,">=60000")', 3.25]);
    expect(sheet.getCell('B3').numFmt).toBe('# ##0.00€');
    expect(sheet.getCell('B3').font).toMatchObject({ name: 'Arial', size: 12 });
    // Totals row, then two blank rows, then the booster table.
    expect(sheet.getCell('A6').value).toBe('Total');
    expect(sheet.getCell('A6').border?.top?.style).toBe('thin');
    expect(formula(sheet, 'B6')).toEqual(['SUM(B2:B5)', 7.76]);
    expect(formula(sheet, 'C6')).toEqual(['SUM(C2:C5)', 5]);
    expect(formula(sheet, 'D6')).toEqual(['SUM(D2:D5)', 4]);
    expect([7, 8].map((r) => sheet.getCell(`A${r}`).value)).toEqual([null, null]);
    expect(sheet.getCell('A9').value).toBe('Tranche "période booster"');
    expect(formula(sheet, 'B11')).toEqual(['SUMIFS(Trajets!R:R,Trajets!S:S,"booster",Trajets!M:M,">=2000",Trajets!M:M,"<30000")', 2.75]);
    expect(formula(sheet, 'C13')).toEqual(['COUNTIFS(Trajets!S:S,"booster",Trajets!M:M,">=60000")', 1]);
    expect(formula(sheet, 'D13')[1]).toBe(0);
    expect(formula(sheet, 'B14')).toEqual(['SUM(B10:B13)', 2.75]);
    expect(formula(sheet, 'C14')).toEqual(['SUM(C10:C13)', 2]);
  });

  it('writes the field definitions from A20 and the rules and links block in G1:L36', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    const sheet = (await readXlsx(file)).getWorksheet('Synthèse par tranche') as ExcelJS.Worksheet;
    expect(sheet.getCell('A20').value).toBe('DEFINITIONS DES CHAMPS');
    expect(sheet.getCell('D20').isMerged).toBe(true);
    expect(Array.from({ length: 19 }, (_, i) => sheet.getCell(`A${22 + i}`).value)).toEqual([...APDF_TRIP_HEADERS]);
    expect(sheet.getCell('B34').value).toBe('Distance du trajet, en mètres.');

    expect(GUIDE.reduce((rows, entry) => rows + (entry.kind === 'gap' || entry.kind === 'title' ? 1 : entry.rows), 0)).toBe(36);
    expect(sheet.getCell('G1').value).toBe('RÈGLES DE CALCUL DES INCITATIONS RPC');
    expect(sheet.getCell('L1').isMerged).toBe(true);
    const texts: string[] = [];
    const links: string[] = [];
    for (let row = 1; row <= 36; row += 1) {
      const value = sheet.getCell(`G${row}`).value;
      if (typeof value === 'string') texts.push(value);
      else if (value && typeof value === 'object' && 'hyperlink' in value) links.push(value.hyperlink);
    }
    expect(texts).toEqual(expect.arrayContaining(['PRÉSENTATION DES ONGLETS', 'LIENS UTILES']));
    expect(texts.some((text) => text.includes('« ok » et « cancel »'))).toBe(true);
    expect(links).toEqual(expect.arrayContaining(["#'Synthèse par tranche'!A1", "#'Trajets'!A1", 'mailto:contact@covoiturage.beta.gouv.fr']));
    expect(sheet.getCell('G40').value).toBeNull();
  });

  it('writes « Trajets »: 19 columns, Courier 9, bold header, registry widths and values', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    const sheet = (await readXlsx(file)).getWorksheet('Trajets') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, ...APDF_TRIP_HEADERS]);
    expect(sheet.getCell('A1').font).toMatchObject({ name: 'Courier', size: 9, bold: true });
    expect(sheet.getCell('A2').font).toMatchObject({ name: 'Courier', size: 9 });
    expect(sheet.getCell('A2').font?.bold).toBeFalsy();
    expect(APDF_TRIP_WIDTHS.map((_, i) => sheet.getColumn(i + 1).width)).toEqual([...APDF_TRIP_WIDTHS]);
    expect(sheet.rowCount).toBe(8);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'J-1',
      'OP-JOURNEY-1',
      'OP-TRIP-1',
      '2024-03-01T08:12:44+01:00',
      '2024-03-01T08:30:14+01:00',
      'Nantes',
      'Nantes Métropole',
      '44109',
      'Saint-Herblain',
      'Nantes Métropole',
      '44162',
      '00:17:30',
      1500,
      'Klaxit',
      'C',
      'DRIVER-1',
      'PASSENGER-1',
      0,
      'normale',
    ]);
    expect(sheet.getRow(8).getCell('D').value).toBe('2024-03-31T01:59:59+01:00');
    expect(sheet.getRow(8).getCell('E').value).toBe('2024-03-31T03:10:00+02:00');
    expect(sheet.getCell('R4').value).toBe(2.75);
    expect(sheet.getCell('S4').value).toBe('booster');
  });

  it('neutralises formula injection in text cells, numbers stay numbers', async () => {
    const trips = INJECTIONS.map((text, i) =>
      apdfTrip({ journeyId: text, startLocation: text, endEpci: text, operatorName: text, distanceM: 1000 + i, incentiveCents: 100 }),
    );
    const { file } = await writeApdfWorkbook(apdfInput(tempDir(), { rows: rowsOf(trips) }));
    const sheet = (await readXlsx(file)).getWorksheet('Trajets') as ExcelJS.Worksheet;
    INJECTIONS.forEach((text, i) => {
      const row = sheet.getRow(i + 2);
      // XML parsers read a bare carriage return back as a line feed; the apostrophe is what matters.
      const stored = `'${text.replace('\r', '\n')}`;
      expect(row.getCell('A').value).toBe(stored.toUpperCase());
      expect(row.getCell('F').value).toBe(stored);
      expect(row.getCell('J').value).toBe(stored);
      expect(row.getCell('N').value).toBe(stored);
      expect(row.getCell('M').value).toBe(1000 + i);
      expect(row.getCell('R').value).toBe(1);
    });
  });

  it('leaves out « Synthèse par tranche » without slices, or when no journey falls in them', async () => {
    const noSlices = await writeApdfWorkbook(apdfInput(tempDir(), { campaign: { id: 'c1', name: 'Sans tranches' } }));
    expect((await readXlsx(noSlices.file)).worksheets.map((sheet) => sheet.name)).toEqual(['Trajets']);
    const gap = { id: 'c2', name: 'Trou', slices: [{ start: 0, end: 2_000 }, { start: 5_000, end: 10_000 }] };
    const between = await writeApdfWorkbook(apdfInput(tempDir(), { campaign: gap, rows: rowsOf([apdfTrip({ distanceM: 3_000 })]) }));
    expect((await readXlsx(between.file)).worksheets.map((sheet) => sheet.name)).toEqual(['Trajets']);
    const empty = await writeApdfWorkbook(apdfInput(tempDir(), { rows: rowsOf([]) }));
    expect(basename(empty.file)).toBe('APDF-2024-03-pdll_2024-3-0-0-0-region_pays_de_la_loire_2024_5e_trajet.xlsx');
    expect((await readXlsx(empty.file)).worksheets.map((sheet) => sheet.name)).toEqual(['Trajets']);
  });

  it('pushes the definitions down when the slices need more than rows 1-18', async () => {
    const slices = Array.from({ length: 8 }, (_, i) => ({ start: i * 1_000, end: (i + 1) * 1_000 }));
    const { file } = await writeApdfWorkbook(apdfInput(tempDir(), { campaign: { id: 'c3', name: 'Fines tranches', slices } }));
    const sheet = (await readXlsx(file)).getWorksheet('Synthèse par tranche') as ExcelJS.Worksheet;
    // 9 slices: booster table from row 14, its totals on row 24, definitions after a blank row.
    expect(sheet.getCell('A24').value).toBe('Total');
    expect(sheet.getCell('A26').value).toBe('DEFINITIONS DES CHAMPS');
  });

  it('leaves nothing behind when cancelled, or on a journey it cannot accept', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const many = (async function* () {
      for (let i = 0; i < 5_000; i += 1) yield apdfTrip({ journeyId: `j-${i}` });
    })();
    await expect(writeApdfWorkbook(apdfInput(dir, { rows: interrupted(many, 2_000, controller), signal: controller.signal }))).rejects.toThrow('Export annulé');
    await expect(writeApdfWorkbook(apdfInput(dir, { rows: rowsOf([apdfTrip({ incentiveCents: -5 })]) }))).rejects.toThrow(/montant d’incitation invalide/);
    const turbo = apdfTrip({ incentiveType: 'turbo' as ApdfTrip['incentiveType'] });
    await expect(writeApdfWorkbook(apdfInput(dir, { rows: rowsOf([turbo]) }))).rejects.toThrow(/période d’incitation inconnue/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a bad month or campaign id before reading any journey', async () => {
    const dir = tempDir();
    await expect(writeApdfWorkbook(apdfInput(dir, { month: '2024-3' }))).rejects.toThrow(/Mois invalide/);
    await expect(writeApdfWorkbook(apdfInput(dir, { campaign: { id: 'a/b', name: 'x' } }))).rejects.toThrow(/Identifiant de campagne/);
  });
});
