import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeApdfWorkbook } from './apdf-workbook';
import { checkApdfWorkbook } from './read-back';
import { apdfInput, tempDir } from './test-fixtures';

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;

/** A value no formula of the test workbook can give: seeing it after conversion means no recalculation. */
const STALE = -1;

/** A LibreOffice profile that recalculates every formula of an xlsx on load (its default keeps cached values). */
function recalculatingProfile(dir: string): string {
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(
    join(dir, 'user', 'registrymodifications.xcu'),
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n' +
      '</oor:items>\n',
  );
  return pathToFileURL(dir).href;
}

describe('APDF workbook in LibreOffice', () => {
  it.skipIf(!hasSoffice)('recalculates the summary formulas to the values the export cached', async () => {
    const { file } = await writeApdfWorkbook(apdfInput(tempDir()));
    // Cached values replaced by a stale one, so that matching figures after conversion prove a recalculation.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    let formulas = 0;
    workbook.getWorksheet('Synthèse par tranche')?.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        cell.value = { formula: cell.formula, result: STALE };
        formulas += 1;
      }),
    );
    expect(formulas).toBe(30);
    const stale = join(tempDir(), basename(file));
    await workbook.xlsx.writeFile(stale);

    const work = tempDir();
    const out = join(work, 'out');
    execFileSync('soffice', [`-env:UserInstallation=${recalculatingProfile(join(work, 'profile'))}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, stale], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    const recalculated = join(out, basename(file));
    expect(await checkApdfWorkbook(recalculated)).toEqual([]);
    expect(await checkApdfWorkbook(stale)).not.toEqual([]);
  });
});
