import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-store';
import { AomFileError, parseCeremaAom, readCeremaAomFile } from './cerema-aom';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a real file in the temp dir and returns its path. */
function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Builds a real .xlsx with exceljs: one sheet per entry, rows as given. */
async function writeXlsx(name: string, sheets: Record<string, Array<Array<string | number | null>>>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(sheetName);
    for (const row of rows) sheet.addRow(row);
  }
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('readCeremaAomFile — CSV', () => {
  it('reads a UTF-8 file with « ; », BOM and accented names', async () => {
    const path = write(
      'aom.csv',
      '\uFEFFN° INSEE;Nom commune;N° SIREN AOM;Nom de l’AOM\n44109;Nantes;244400404;Nantes Métropole\n44184;Saint-Nazaire;244 400 644;CARENE Saint-Nazaire Agglomération\n\n',
    );
    const result = await readCeremaAomFile(path);
    expect(result.rows).toEqual([
      { commune: '44109', aom: '244400404', aomName: 'Nantes Métropole' },
      { commune: '44184', aom: '244400644', aomName: 'CARENE Saint-Nazaire Agglomération' },
    ]);
    expect(result.rejected).toEqual([]);
    expect(result.format).toBe('csv (utf-8, « ; »)');
  });

  it('reads a Windows-1252 file with « , » and restores leading zeros and Corsican letters', async () => {
    const text = 'Code INSEE commune,Siren AOM,Nom AOM\r\n1053,200071751,Grand Bourg Agglomération\r\n2a004,200066918,CA du Pays Ajaccien\r\n85191,248500589,La Roche-sur-Yon Agglomération\r\n';
    const path = write('aom-excel.csv', Buffer.from(text, 'latin1'));
    const result = await readCeremaAomFile(path);
    expect(result.format).toBe('csv (windows-1252, « , »)');
    expect(result.rows).toEqual([
      { commune: '01053', aom: '200071751', aomName: 'Grand Bourg Agglomération' },
      { commune: '2A004', aom: '200066918', aomName: 'CA du Pays Ajaccien' },
      { commune: '85191', aom: '248500589', aomName: 'La Roche-sur-Yon Agglomération' },
    ]);
  });

  it('finds the header below title lines and rejects bad lines with their line number', async () => {
    const path = write(
      'composition.csv',
      [
        'Composition communale des AOM, mise à jour 2026',
        '',
        'insee_com;siren_aom;aom_nom',
        '44109;244400404;Nantes Métropole',
        '44162;24440040;Nantes Métropole',
        'ABCDE;244400404;Nantes Métropole',
        '44143;;Nantes Métropole',
        '44109;244400404;Nantes Métropole',
        '44109;244900015;Angers Loire Métropole',
        '44143;244400404;',
      ].join('\n'),
    );
    const result = await readCeremaAomFile(path);
    expect(result.rows).toEqual([
      { commune: '44109', aom: '244400404', aomName: 'Nantes Métropole' },
      { commune: '44143', aom: '244400404', aomName: null },
    ]);
    expect(result.rejected).toEqual([
      { line: 5, reason: 'SIREN de l’AOM invalide (9 chiffres attendus) : « 24440040 »' },
      { line: 6, reason: 'code INSEE de commune invalide : « ABCDE »' },
      { line: 7, reason: 'SIREN de l’AOM manquant pour la commune 44143' },
      { line: 9, reason: 'commune 44109 déjà rattachée à l’AOM 244400404 (ligne 4) : SIREN 244900015 ignoré' },
    ]);
  });

  it('refuses a file without recognisable columns, naming the file and the columns found', async () => {
    const path = write('communes.csv', 'code;nom;population\n44109;Nantes;327734\n');
    const error = await readCeremaAomFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AomFileError);
    expect((error as Error).message).toContain('« communes.csv » : colonnes non reconnues');
    expect((error as Error).message).toContain('Colonnes trouvées : « code », « nom », « population »');
  });

  it('refuses an empty file and UTF-16', async () => {
    await expect(readCeremaAomFile(write('vide.csv', ''))).rejects.toThrow('« vide.csv » : fichier vide.');
    await expect(parseCeremaAom('u16.csv', Buffer.from('\uFEFFa;b', 'utf16le'))).rejects.toThrow('UTF-16');
  });
});

describe('readCeremaAomFile — XLSX', () => {
  it('reads the sheet whose header it recognises, below a title, with numeric cells', async () => {
    const path = await writeXlsx('base-rt-2026.xlsx', {
      'Liste des AOM': [
        ['SIREN', 'Nom', 'Forme juridique'],
        ['244400404', 'Nantes Métropole', 'Métropole'],
      ],
      Composition: [
        ['Composition communale des AOM au 1er janvier 2026'],
        [],
        ['Code INSEE', 'Nom de la commune', 'N° SIREN de l’AOM', 'Nom de l’AOM'],
        [44109, 'Nantes', 244400404, 'Nantes Métropole'],
        [1053, 'Bourg-en-Bresse', '200071751', 'Grand Bourg Agglomération'],
        ['49007', 'Angers', 'pas de SIREN', 'Angers Loire Métropole'],
      ],
    });
    const result = await readCeremaAomFile(path);
    expect(result.format).toBe('xlsx (feuille « Composition »)');
    expect(result.rows).toEqual([
      { commune: '44109', aom: '244400404', aomName: 'Nantes Métropole' },
      { commune: '01053', aom: '200071751', aomName: 'Grand Bourg Agglomération' },
    ]);
    expect(result.rejected).toEqual([{ line: 6, reason: 'SIREN de l’AOM invalide (9 chiffres attendus) : « pas de SIREN »' }]);
  });

  it('reads rich text and formula cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('AOM');
    sheet.addRow(['insee', 'siren aom']);
    sheet.addRow([{ richText: [{ text: '441' }, { text: '09' }] }, { formula: '244400000+404', result: 244400404 }]);
    const path = join(dir, 'riche.xlsx');
    await workbook.xlsx.writeFile(path);
    expect((await readCeremaAomFile(path)).rows).toEqual([{ commune: '44109', aom: '244400404', aomName: null }]);
  });

  it('refuses a workbook without recognisable columns, listing each sheet', async () => {
    const path = await writeXlsx('autre.xlsx', { Feuil1: [['Commune', 'Population'], ['Nantes', 327734]], Feuil2: [] });
    await expect(readCeremaAomFile(path)).rejects.toThrow(
      /« autre\.xlsx » : colonnes non reconnues.*Colonnes trouvées : feuille « Feuil1 » : « Commune », « Population » ; feuille « Feuil2 » : aucune\./,
    );
  });
});

describe('readCeremaAomFile — unsupported formats', () => {
  it('refuses .ods by name, telling the user to save it as .xlsx or .csv', async () => {
    const path = write('base-rt-2025-v11.ods', Buffer.from('PK\u0003\u0004'));
    await expect(readCeremaAomFile(path)).rejects.toThrow(
      '« base-rt-2025-v11.ods » : le format ODS (LibreOffice) n’est pas pris en charge. Ouvrez le fichier dans LibreOffice Calc ou Excel et enregistrez-le au format .xlsx (Classeur Excel) ou .csv',
    );
  });

  it('refuses an ODS renamed .xlsx by its content, and an old .xls', async () => {
    const ods = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')]);
    await expect(parseCeremaAom('renomme.xlsx', ods)).rejects.toThrow('le format ODS');
    await expect(parseCeremaAom('vieux.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).rejects.toThrow('Excel 97-2003 (.xls)');
  });

  it('reports an unreadable zip as a French error', async () => {
    await expect(parseCeremaAom('casse.xlsx', Buffer.from('PK\u0003\u0004 pas un zip'))).rejects.toThrow('« casse.xlsx » : classeur Excel illisible');
  });
});
