import type ExcelJS from 'exceljs';
import { formatMonth } from '../../shared/util/format';
import { cellText, columnLetter, CASE_FORMATS, parisInstant, periodText, sumFormula, SummarySheet, TableSheet } from './case-file-workbook';
import { SEVERITY_LABELS, type CaseSummaryInput, type CaseSummaryRow } from './case-file-types';
import { writeThroughPartial } from './partial-file';
import { XLSX_MAX_DATA_ROWS, XlsxFileWriter } from './xlsx-file-writer';

const { euros: EUROS, integer: INTEGER } = CASE_FORMATS;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const COUNTS = ['flags', 'journeys', 'high', 'warning', 'info', 'atRiskCents', 'confirmed', 'legitimate', 'infoRequested'] as const;

/** Refuses rows that would write a wrong month or a NaN (which corrupts the file), before anything is written. */
function checkRows(rows: readonly CaseSummaryRow[]): void {
  if (rows.length + 1 > XLSX_MAX_DATA_ROWS) throw new Error(`${rows.length} lignes : plus que les ${XLSX_MAX_DATA_ROWS} lignes d’un onglet Excel.`);
  for (const row of rows) {
    if (!MONTH.test(row.month)) throw new RangeError(`Mois invalide « ${row.month} » (${row.checkId}, ${row.operatorName}) : AAAA-MM attendu.`);
    for (const count of COUNTS) {
      if (!Number.isFinite(row[count])) throw new RangeError(`Valeur invalide ${count} = ${row[count]} (${row.checkId}, ${row.operatorName}, ${row.month}).`);
    }
  }
}

/** Every month from the period's first to its last, widened to the months found in the rows; ascending. */
function monthsOf(rows: readonly CaseSummaryRow[], period: CaseSummaryInput['period']): string[] {
  const found = rows.map((row) => row.month);
  if (period) found.push(period.from.slice(0, 7), period.to.slice(0, 7));
  if (found.length === 0) return [];
  found.sort();
  const months: string[] = [];
  const last = found[found.length - 1] as string;
  let [year, month] = (found[0] as string).split('-').map(Number) as [number, number];
  for (let current = found[0] as string; current <= last; current = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(current);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
  return months;
}

const byName = (a: string, b: string): number => a.localeCompare(b, 'fr', { numeric: true });

/** Sum of one count over the rows. */
const sumOf = (rows: readonly CaseSummaryRow[], pick: (row: CaseSummaryRow) => number): number => rows.reduce((sum, row) => sum + pick(row), 0);

function writeSummary(writer: XlsxFileWriter, input: CaseSummaryInput, months: readonly string[]): void {
  const { rows } = input;
  const summary = new SummarySheet(writer.workbook, 'Synthèse', [34, 18, 90]);
  const sum = (pick: (row: CaseSummaryRow) => number): number => sumOf(rows, pick);
  summary.title('Signalements des contrôles par contrôle, opérateur et mois');
  summary.blank();
  summary.field('Période', periodText(input.period, 'tous les signalements enregistrés'));
  summary.field('Produit le', `${parisInstant(input.generatedAt)} (heure de Paris) par Atelier Covoiturage`);
  summary.field('Contrôles', new Set(rows.map((row) => row.checkId)).size, INTEGER);
  summary.field('Opérateurs', new Set(rows.map((row) => row.operatorName)).size, INTEGER);
  summary.field('Mois', months.length, INTEGER);
  if (rows.length === 0) {
    summary.blank();
    summary.paragraph('Aucun signalement sur la période : il n’y a rien à instruire, les autres onglets sont vides.');
  }

  summary.heading('Chiffres clés');
  const figures: Array<[string, number, string, string]> = [
    ['Signalements', sum((r) => r.flags), INTEGER, 'Signalements levés par les contrôles ; un signalement porte sur un trajet ou sur une personne (plusieurs trajets).'],
    [`dont gravité ${SEVERITY_LABELS.high}`, sum((r) => r.high), INTEGER, 'Incohérence forte ou situation impossible.'],
    [`dont ${SEVERITY_LABELS.warning}`, sum((r) => r.warning), INTEGER, 'Situation inhabituelle, à expliquer.'],
    [`dont ${SEVERITY_LABELS.info}`, sum((r) => r.info), INTEGER, 'À lire avec les autres signalements.'],
    ['Trajets concernés', sum((r) => r.journeys), INTEGER, 'Trajets distincts concernés, par contrôle, opérateur et mois, additionnés : un trajet signalé par deux contrôles compte deux fois.'],
    ['Incitations en jeu', sum((r) => r.atRiskCents) / 100, EUROS, 'Incitations du registre + incitations déclarées par l’opérateur sur les trajets concernés, additionnées comme les trajets.'],
    ['Fraudes confirmées', sum((r) => r.confirmed), INTEGER, 'Décisions en vigueur de l’instructeur sur les trajets ou personnes concernés : fraude confirmée.'],
    ['Légitimes', sum((r) => r.legitimate), INTEGER, 'Décisions en vigueur : trajet ou personne reconnu légitime.'],
    ['Informations demandées', sum((r) => r.infoRequested), INTEGER, 'Décisions en vigueur : information demandée à l’opérateur.'],
  ];
  summary.table(['Indicateur', 'Valeur', 'Définition'], figures.map(([label, value, numFmt, definition]) => ({ cells: [label, value, definition], formats: [null, numFmt, null] })), []);

  summary.heading('Onglets');
  summary.paragraph('« Détail » : une ligne par contrôle × opérateur × mois, avec filtres et totaux. « Contrôle × mois » : signalements par contrôle (lignes) et par mois (colonnes). « Opérateur × mois » : signalements, puis incitations en jeu, par opérateur et par mois. Les mois sont ceux du calendrier de Paris ; les totaux sont des formules.');
  summary.close();
}

const DETAIL_COLUMNS = [
  { header: 'Contrôle', width: 10 },
  { header: 'Libellé', width: 30 },
  { header: 'Opérateur', width: 26 },
  { header: 'Mois (AAAA-MM)', width: 11 },
  { header: 'Signalements', width: 13, numFmt: INTEGER },
  { header: 'Trajets concernés', width: 12, numFmt: INTEGER },
  { header: 'dont gravité élevée', width: 11, numFmt: INTEGER },
  { header: 'dont à vérifier', width: 11, numFmt: INTEGER },
  { header: 'dont info', width: 11, numFmt: INTEGER },
  { header: 'Incitations en jeu (€)', width: 15, numFmt: EUROS },
  { header: 'Fraudes confirmées', width: 12, numFmt: INTEGER },
  { header: 'Légitimes', width: 11, numFmt: INTEGER },
  { header: 'Informations demandées', width: 13, numFmt: INTEGER },
];

async function writeDetail(writer: XlsxFileWriter, rows: readonly CaseSummaryRow[]): Promise<void> {
  const table = new TableSheet(writer.workbook, 'Détail', DETAIL_COLUMNS, 1);
  const sorted = [...rows].sort((a, b) => byName(a.checkId, b.checkId) || byName(a.operatorName, b.operatorName) || a.month.localeCompare(b.month));
  for (const row of sorted) {
    writer.throwIfStopped();
    table.add([
      cellText(row.checkId), cellText(row.label), cellText(row.operatorName), row.month,
      row.flags, row.journeys, row.high, row.warning, row.info, row.atRiskCents / 100, row.confirmed, row.legitimate, row.infoRequested,
    ]);
    await writer.paced(table.sheet);
  }
  if (rows.length > 0) {
    const sum = (pick: (row: CaseSummaryRow) => number): number => sumOf(rows, pick);
    table.totals('Total', [
      ...(['flags', 'journeys', 'high', 'warning', 'info'] as const).map((count, i) => ({ column: 5 + i, result: sum((r) => r[count]) })),
      { column: 10, result: sum((r) => r.atRiskCents) / 100 },
      ...(['confirmed', 'legitimate', 'infoRequested'] as const).map((count, i) => ({ column: 11 + i, result: sum((r) => r[count]) })),
    ]);
  }
  table.close();
}

/** One line of a pivot: its label cells and one value per month, in cents when `euros`. */
interface PivotLine {
  labels: string[];
  values: number[];
}

/**
 * A pivot table from row `top`: header (labels, months, « Total »), one line per entry with a SUM across the months,
 * and a « Total » row with a SUM down each column; every formula has its value cached. Euro pivots are given cents.
 * Answers the row after the table. Without lines, a single row says there is nothing.
 */
function writePivot(sheet: ExcelJS.Worksheet, top: number, headers: readonly string[], months: readonly string[], lines: readonly PivotLine[], euros: boolean): number {
  const numFmt = euros ? EUROS : INTEGER;
  const amount = (value: number): number => (euros ? value / 100 : value);
  const header = sheet.getRow(top);
  [...headers, ...months.map(formatMonth), 'Total'].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.style = { font: { bold: true }, alignment: { wrapText: true, vertical: 'top' }, border: { bottom: { style: 'thin' } } };
  });
  header.commit();
  if (lines.length === 0) {
    sheet.getRow(top + 1).getCell(1).value = 'Aucun signalement.';
    sheet.getRow(top + 1).commit();
    return top + 2;
  }
  const firstMonth = headers.length + 1;
  const totalColumn = firstMonth + months.length;
  const span = (row: number): string => `${columnLetter(firstMonth)}${row}:${columnLetter(totalColumn - 1)}${row}`;
  lines.forEach((line, index) => {
    const row = sheet.getRow(top + 1 + index);
    line.labels.forEach((label, i) => {
      row.getCell(i + 1).value = cellText(label);
    });
    line.values.forEach((value, i) => {
      const cell = row.getCell(firstMonth + i);
      cell.value = amount(value);
      cell.numFmt = numFmt;
    });
    const rowTotal = row.getCell(totalColumn);
    rowTotal.value = { formula: `SUM(${span(row.number)})`, result: amount(line.values.reduce((a, b) => a + b, 0)) };
    rowTotal.style = { font: { bold: true }, numFmt };
    row.commit();
  });
  const totalsRow = sheet.getRow(top + 1 + lines.length);
  const label = totalsRow.getCell(1);
  label.value = 'Total';
  label.style = { font: { bold: true }, border: { top: { style: 'thin' } } };
  for (let column = firstMonth; column <= totalColumn; column += 1) {
    const result = lines.reduce((sum, line) => sum + (column === totalColumn ? line.values.reduce((a, b) => a + b, 0) : (line.values[column - firstMonth] ?? 0)), 0);
    const cell = totalsRow.getCell(column);
    cell.value = sumFormula(column, top + 1, top + lines.length, amount(result));
    cell.style = { font: { bold: true }, border: { top: { style: 'thin' } }, numFmt };
  }
  totalsRow.commit();
  return top + 2 + lines.length;
}

/** Lines of a pivot: one per key (sorted), a value per month summed from the rows. */
function pivotLines(rows: readonly CaseSummaryRow[], months: readonly string[], keyOf: (row: CaseSummaryRow) => string[], valueOf: (row: CaseSummaryRow) => number): PivotLine[] {
  const monthIndex = new Map(months.map((month, i) => [month, i]));
  const lines = new Map<string, PivotLine>();
  for (const row of rows) {
    const labels = keyOf(row);
    const key = labels[0] as string;
    const line = lines.get(key) ?? { labels, values: months.map(() => 0) };
    const i = monthIndex.get(row.month) as number;
    line.values[i] = (line.values[i] ?? 0) + valueOf(row);
    lines.set(key, line);
  }
  return [...lines].sort(([a], [b]) => byName(a, b)).map(([, line]) => line);
}

function pivotSheet(writer: XlsxFileWriter, name: string, labelWidths: readonly number[], months: readonly string[]): ExcelJS.Worksheet {
  const sheet = writer.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: labelWidths.length }] });
  sheet.columns = [...labelWidths, ...months.map(() => 13), 14].map((width) => ({ width }));
  return sheet;
}

function writeCheckPivot(writer: XlsxFileWriter, rows: readonly CaseSummaryRow[], months: readonly string[]): void {
  writer.throwIfStopped();
  const sheet = pivotSheet(writer, 'Contrôle × mois', [10, 30], months);
  // The first label seen names a check: rows of one check carry the same label.
  writePivot(sheet, 1, ['Contrôle', 'Libellé'], months, pivotLines(rows, months, (row) => [row.checkId, row.label], (row) => row.flags), false);
  sheet.commit();
}

function writeOperatorPivot(writer: XlsxFileWriter, rows: readonly CaseSummaryRow[], months: readonly string[]): void {
  writer.throwIfStopped();
  const sheet = pivotSheet(writer, 'Opérateur × mois', [30], months);
  const next = writePivot(sheet, 1, ['Opérateur (signalements)'], months, pivotLines(rows, months, (row) => [row.operatorName], (row) => row.flags), false);
  writePivot(sheet, next + 1, ['Opérateur (incitations en jeu, €)'], months, pivotLines(rows, months, (row) => [row.operatorName], (row) => row.atRiskCents), true);
  sheet.commit();
}

/**
 * Writes the flags summary by check × operator × month, in French:
 * - « Synthèse »: period, date of production (Paris time), counts of checks, operators and months, key figures with
 *   their definitions (flags, by severity, journeys concerned, incentives at risk = registry + operator, decisions);
 *   says so when there is no flag;
 * - « Détail »: one row per input row (sorted by check, operator, month), autofilter, frozen header, totals row;
 * - « Contrôle × mois »: flags, a row per check and a column per month (every month from the period's first to its
 *   last, widened to the rows'), row and column totals;
 * - « Opérateur × mois »: the same for operators, then below it the incentives at risk (€) by operator and month.
 * Totals are SUM formulas with their values cached. Written through `<file>.partial` (deleted on error or
 * cancellation); refuses an invalid month, date or count before writing.
 */
export async function writeCaseSummaryWorkbook(file: string, input: CaseSummaryInput, signal?: AbortSignal): Promise<void> {
  parisInstant(input.generatedAt);
  periodText(input.period, '');
  checkRows(input.rows);
  const months = monthsOf(input.rows, input.period);
  await writeThroughPartial(file, async (partial) => {
    const writer = new XlsxFileWriter(partial, signal);
    writer.workbook.title = 'Signalements des contrôles par opérateur et par mois';
    try {
      writeSummary(writer, input, months);
      await writeDetail(writer, input.rows);
      writeCheckPivot(writer, input.rows, months);
      writeOperatorPivot(writer, input.rows, months);
      await writer.finish();
    } catch (error) {
      await writer.discard();
      throw error;
    }
  });
}
