import type ExcelJS from 'exceljs';
import { INCENTIVE_TYPES, sliceFormulas, sliceLabel, type IncentiveType, type SliceFigures, type SliceTotals } from './apdf-slices';
import { FIELD_DEFINITIONS, GUIDE, SUMMARY_SHEET } from './apdf-summary-text';
import { APDF_TRIP_HEADERS } from './apdf-trips-sheet';

const FONT: Partial<ExcelJS.Font> = { name: 'Arial', size: 12 };
const BOLD: Partial<ExcelJS.Font> = { ...FONT, bold: true };
const EUROS = '# ##0.00€';
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

const STYLE = {
  plain: { font: FONT },
  euros: { font: FONT, numFmt: EUROS },
  header: { font: BOLD, border: { bottom: THIN } },
  total: { font: FONT, border: { top: THIN } },
  totalEuros: { font: FONT, numFmt: EUROS, border: { top: THIN } },
  title: { font: BOLD },
  field: { font: BOLD, alignment: WRAP },
  wrapped: { font: FONT, alignment: WRAP },
  link: { font: { ...FONT, underline: true, color: { argb: 'FF0563C1' } }, alignment: WRAP },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** Row of « DEFINITIONS DES CHAMPS » when the two tables leave room above it (up to 6 slices after wrapping). */
const DEFINITIONS_ROW = 20;
/** Arial 12 line height, in points, to size rows whose wrapped text needs several lines. */
const LINE_HEIGHT = 15.75;
/** Characters of Arial 12 that fit on one line of the merged B:D definition cells (60 width units). */
const DEFINITION_LINE_CHARS = 55;

const HEADERS: Readonly<Record<IncentiveType, string>> = {
  normale: 'Tranche "période normale"',
  booster: 'Tranche "période booster"',
};

function put(sheet: ExcelJS.Worksheet, address: string, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>): void {
  const cell = sheet.getCell(address);
  cell.value = value;
  cell.style = style;
}

/** One table (header, a row per slice with its formulas and cached values, totals); answers the next free row. */
function writeTable(sheet: ExcelJS.Worksheet, top: number, totals: SliceTotals, type: IncentiveType): number {
  ['A', 'B', 'C', 'D'].forEach((column, i) => {
    put(sheet, `${column}${top}`, [HEADERS[type], 'Incitations RPC', 'Tous les trajets', 'Trajets incités'][i] ?? null, STYLE.header);
  });
  const sum: SliceFigures = { cents: 0, trips: 0, subsidized: 0 };
  totals.slices.forEach((slice, i) => {
    const row = top + 1 + i;
    const figures = totals.figures[type][i] as SliceFigures;
    const formulas = sliceFormulas(slice, type);
    put(sheet, `A${row}`, sliceLabel(slice), STYLE.plain);
    put(sheet, `B${row}`, { formula: formulas.amount, result: figures.cents / 100 }, STYLE.euros);
    put(sheet, `C${row}`, { formula: formulas.trips, result: figures.trips }, STYLE.plain);
    put(sheet, `D${row}`, { formula: formulas.subsidized, result: figures.subsidized }, STYLE.plain);
    sum.cents += figures.cents;
    sum.trips += figures.trips;
    sum.subsidized += figures.subsidized;
  });
  const first = top + 1;
  const last = top + totals.slices.length;
  const totalRow = last + 1;
  put(sheet, `A${totalRow}`, 'Total', STYLE.total);
  put(sheet, `B${totalRow}`, { formula: `SUM(B${first}:B${last})`, result: sum.cents / 100 }, STYLE.totalEuros);
  put(sheet, `C${totalRow}`, { formula: `SUM(C${first}:C${last})`, result: sum.trips }, STYLE.total);
  put(sheet, `D${totalRow}`, { formula: `SUM(D${first}:D${last})`, result: sum.subsidized }, STYLE.total);
  return totalRow + 1;
}

/** « DEFINITIONS DES CHAMPS » at A`top`:D`top`, then one row per « Trajets » column from `top + 2`. */
function writeDefinitions(sheet: ExcelJS.Worksheet, top: number): void {
  sheet.mergeCells(`A${top}:D${top}`);
  put(sheet, `A${top}`, 'DEFINITIONS DES CHAMPS', STYLE.title);
  APDF_TRIP_HEADERS.forEach((field, i) => {
    const row = top + 2 + i;
    const definition = FIELD_DEFINITIONS[field];
    sheet.mergeCells(`B${row}:D${row}`);
    put(sheet, `A${row}`, field, STYLE.field);
    put(sheet, `B${row}`, definition, STYLE.wrapped);
    const lines = Math.max(Math.ceil(field.length / 24), Math.ceil(definition.length / DEFINITION_LINE_CHARS));
    if (lines > 1) sheet.getRow(row).height = lines * LINE_HEIGHT;
  });
}

/** Rules, sheet presentation and links in G1:L36, each entry in a merged G:L block of its rows. */
function writeGuide(sheet: ExcelJS.Worksheet): void {
  let row = 1;
  for (const entry of GUIDE) {
    if (entry.kind === 'gap') {
      row += 1;
      continue;
    }
    const rows = entry.kind === 'title' ? 1 : entry.rows;
    sheet.mergeCells(`G${row}:L${row + rows - 1}`);
    if (entry.kind === 'title') put(sheet, `G${row}`, entry.text, STYLE.title);
    else if (entry.kind === 'text') put(sheet, `G${row}`, entry.text, STYLE.wrapped);
    else put(sheet, `G${row}`, { text: entry.text, hyperlink: entry.target }, STYLE.link);
    row += rows;
  }
}

/**
 * Writes sheet 1, « Synthèse par tranche » (registry layout, Arial 12, gridlines hidden): the « période normale »
 * table from row 1, two blank rows, the « période booster » table, each with SUMIFS/COUNTIFS formulas on
 * « Trajets » R (€), S (period) and M (metres) and their values computed here (cached for readers that do not
 * recalculate), then the field definitions from A20 (lower when more than 6 slices push the tables past row 18)
 * and the rules and links block in G1:L36. The sheet is small: its rows stay in memory until its commit.
 */
export function writeSummarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, totals: SliceTotals): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, { views: [{ showGridLines: false }] });
  sheet.columns = [
    { width: 26, style: STYLE.plain },
    { width: 20, style: STYLE.euros },
    { width: 20, style: STYLE.plain },
    { width: 20, style: STYLE.plain },
    { width: 4 },
    { width: 4 },
    ...Array.from({ length: 6 }, () => ({ width: 18, style: STYLE.plain })),
  ];
  const afterNormal = writeTable(sheet, 1, totals, INCENTIVE_TYPES[0]);
  const afterBooster = writeTable(sheet, afterNormal + 2, totals, INCENTIVE_TYPES[1]);
  writeDefinitions(sheet, Math.max(DEFINITIONS_ROW, afterBooster + 1));
  writeGuide(sheet);
  sheet.commit();
}
