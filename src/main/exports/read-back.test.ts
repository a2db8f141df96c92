import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeApdfWorkbook } from './apdf-workbook';
import { checkApdfWorkbook } from './read-back';
import { apdfInput, apdfTrip, rowsOf, tempDir } from './test-fixtures';

/** Rewrites a copy of `file` (same name, another folder) after `edit`, as someone editing it in a spreadsheet would. */
async function tampered(file: string, edit: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  edit(workbook);
  const copy = join(tempDir(), basename(file));
  await workbook.xlsx.writeFile(copy);
  return copy;
}

const sheet = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => workbook.getWorksheet(name) as ExcelJS.Worksheet;

/** The problems with plain spaces (French formatting puts no-break spaces in amounts and counts). */
async function problemsOf(file: string): Promise<string[]> {
  return (await checkApdfWorkbook(file, { campaignId: 'pdll_2024' })).map((problem) => problem.replace(/[\u00a0\u202f]/g, ' '));
}

describe('checkApdfWorkbook', () => {
  it('finds no problem in a workbook just written, with or without the summary sheet', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    expect(await problemsOf(file)).toEqual([]);
    const plain = await writeApdfWorkbook(apdfInput(tempDir(), { campaign: { id: 'c-1', name: 'Sans tranches' } }));
    // `c-1-3-…` could also be campaign `c`, operator 1: the id removes the ambiguity.
    expect(await checkApdfWorkbook(plain.file, { campaignId: 'c-1' })).toEqual([]);
  });

  it('checks a few thousand journeys', async () => {
    const many = Array.from({ length: 3_000 }, (_, i) =>
      apdfTrip({ journeyId: `j-${i}`, distanceM: (i * 37) % 90_000, incentiveCents: i % 4 === 0 ? 0 : i % 300, incentiveType: i % 5 === 0 ? 'booster' : 'normale' }),
    );
    const result = await writeApdfWorkbook(apdfInput(tempDir(), { rows: rowsOf(many) }));
    expect(result.trips).toBe(3_000);
    expect(await problemsOf(result.file)).toEqual([]);
  });

  it('detects an amount changed in « Trajets »: file name total and slice both disagree', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    const copy = await tampered(file, (workbook) => {
      sheet(workbook, 'Trajets').getCell('R3').value = 2.5; // j-2 (2 km, normale): 1,50 € → 2,50 €
    });
    expect(await problemsOf(copy)).toEqual([
      'Somme de la colonne R (rpc_incentive) : 11,51 € ; le nom du fichier annonce 10,51 €.',
      'Onglet « Synthèse par tranche », ligne 3 (De 2 km à 30 km, période normale) : incitations 1,51 € dans la synthèse, 2,51 € recalculées depuis les trajets.',
      'Onglet « Synthèse par tranche », total B6 : 7,76 €, 8,76 € recalculé depuis les trajets.',
    ]);
  });

  it('detects a cached summary value that does not match the journeys', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    const copy = await tampered(file, (workbook) => {
      const cell = sheet(workbook, 'Synthèse par tranche').getCell('C13');
      cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula, result: 4 };
    });
    expect(await problemsOf(copy)).toEqual([
      'Onglet « Synthèse par tranche », ligne 13 (Supérieure à 60 km, période booster) : 4 trajets dans la synthèse, 1 recalculés depuis les trajets.',
    ]);
  });

  it('detects a removed journey and a subsidised count that does not match the file name', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    const copy = await tampered(file, (workbook) => {
      sheet(workbook, 'Trajets').spliceRows(8, 1); // j-7, 0,01 €, normale, 12 km
    });
    const problems = await problemsOf(copy);
    expect(problems.slice(0, 3)).toEqual([
      'Somme de la colonne R (rpc_incentive) : 10,50 € ; le nom du fichier annonce 10,51 €.',
      'Trajets (montants en colonne R) : 6 ; le nom du fichier en annonce 7.',
      'Trajets incités (R > 0) : 4 ; le nom du fichier en annonce 5.',
    ]);
    expect(problems.some((problem) => problem.includes('ligne 3 (De 2 km à 30 km, période normale) : 2 trajets dans la synthèse, 1 recalculés'))).toBe(true);
  });

  it('detects a file renamed with other totals, and a name that is not an APDF name', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    const dir = tempDir();
    const renamed = join(dir, basename(file).replace('-7-5-1051-', '-7-5-1052-'));
    copyFileSync(file, renamed);
    expect(await problemsOf(renamed)).toEqual(['Somme de la colonne R (rpc_incentive) : 10,51 € ; le nom du fichier annonce 10,52 €.']);
    mkdirSync(join(dir, 'autre'));
    const other = join(dir, 'autre', 'classeur.xlsx');
    copyFileSync(file, other);
    expect(await problemsOf(other)).toEqual([
      'Nom de fichier non conforme à APDF-<mois>-<campagne>-<opérateur>-<trajets>-<incités>-<montant>-<nom>.xlsx : classeur.xlsx.',
    ]);
  });

  it('reports unreadable rows and a missing « Trajets » sheet', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    const broken = await tampered(file, (workbook) => {
      sheet(workbook, 'Trajets').getCell('R2').value = 'zéro';
    });
    expect(await problemsOf(broken)).toContain('Onglet « Trajets », ligne 2 : montant (R), distance (M) ou période (S) illisible.');
    const missing = await tampered(file, (workbook) => {
      sheet(workbook, 'Trajets').name = 'Autre';
    });
    expect(await problemsOf(missing)).toContain('Onglet « Trajets » absent.');
  });
});
