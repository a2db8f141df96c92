import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { formatCents, formatInteger } from '../../shared/util/format';
import { parseApdfFileName } from './apdf-file-name';
import { inSlice, sliceFormulas, sliceLabel, type DistanceSlice, type IncentiveType, type SliceFigures } from './apdf-slices';
import { SUMMARY_SHEET, TRIPS_SHEET } from './apdf-summary-text';
import { APDF_COLUMN, APDF_TRIP_HEADERS } from './apdf-trips-sheet';

/** Row-level problems listed before the rest are summed up in one line. */
const MAX_ROW_PROBLEMS = 5;

/** Journeys of « Trajets » grouped by period and distance: enough to recompute any slice afterwards. */
type TripsByDistance = Map<string, SliceFigures>;

interface TripsReading {
  headers: unknown[];
  trips: number;
  subsidized: number;
  cents: number;
  byDistance: TripsByDistance;
  rowProblems: string[];
}

type SummaryColumn = 'B' | 'C' | 'D';

/** A slice row of the summary: what its formulas say and the values cached with them. */
interface SummaryRow {
  row: number;
  label: unknown;
  type: IncentiveType;
  slice: DistanceSlice;
  cells: Array<{ column: SummaryColumn; formula: string | null; result: unknown }>;
}

/** A totals cell of the summary: `SUM(<column><first>:<column><last>)` and its cached value. */
interface SummaryTotal {
  row: number;
  column: SummaryColumn;
  first: number;
  last: number;
  result: unknown;
}

interface SummaryReading {
  slices: SummaryRow[];
  totals: SummaryTotal[];
}

/**
 * Formula text and cached value of a cell (its plain value when it holds no formula). Read through `cell.result`:
 * exceljs's `cell.value` drops a cached 0, which would look like a missing value.
 */
function formulaOf(cell: ExcelJS.Cell): { formula: string | null; result: unknown } {
  return cell.type === ExcelJS.ValueType.Formula ? { formula: cell.formula, result: cell.result } : { formula: null, result: cell.value };
}

/** Reads a slice back from its SUMIFS formula (the shape `sliceFormulas` writes), or null. */
function parseAmountFormula(formula: string): { type: IncentiveType; slice: DistanceSlice } | null {
  const match = /^SUMIFS\(Trajets!R:R,Trajets!S:S,"(normale|booster)",Trajets!M:M,">=(\d+)"(?:,Trajets!M:M,"<(\d+)")?\)$/.exec(formula);
  if (!match) return null;
  const [, type, start, end] = match;
  return { type: type as IncentiveType, slice: end === undefined ? { start: Number(start) } : { start: Number(start), end: Number(end) } };
}

async function readTrips(sheet: ExcelJS.stream.xlsx.WorksheetReader): Promise<TripsReading> {
  const reading: TripsReading = { headers: [], trips: 0, subsidized: 0, cents: 0, byDistance: new Map(), rowProblems: [] };
  let badRows = 0;
  for await (const row of sheet) {
    if (row.number === 1) {
      reading.headers = APDF_TRIP_HEADERS.map((_, i) => row.getCell(i + 1).value);
      continue;
    }
    const amount = row.getCell(APDF_COLUMN.incentive).value;
    const distance = row.getCell(APDF_COLUMN.distance).value;
    const type = row.getCell(APDF_COLUMN.type).value;
    if (typeof amount !== 'number' || typeof distance !== 'number' || (type !== 'normale' && type !== 'booster')) {
      badRows += 1;
      if (badRows <= MAX_ROW_PROBLEMS) {
        reading.rowProblems.push(`Onglet « ${TRIPS_SHEET} », ligne ${row.number} : montant (R), distance (M) ou période (S) illisible.`);
      }
      continue;
    }
    const cents = Math.round(amount * 100);
    reading.trips += 1;
    reading.cents += cents;
    if (cents > 0) reading.subsidized += 1;
    const key = `${type}|${distance}`;
    const figures = reading.byDistance.get(key) ?? { cents: 0, trips: 0, subsidized: 0 };
    figures.cents += cents;
    figures.trips += 1;
    if (cents > 0) figures.subsidized += 1;
    reading.byDistance.set(key, figures);
  }
  if (badRows > MAX_ROW_PROBLEMS) reading.rowProblems.push(`… et ${formatInteger(badRows - MAX_ROW_PROBLEMS)} autres lignes illisibles.`);
  return reading;
}

async function readSummary(sheet: ExcelJS.stream.xlsx.WorksheetReader, problems: string[]): Promise<SummaryReading> {
  const reading: SummaryReading = { slices: [], totals: [] };
  for await (const row of sheet) {
    for (const column of ['B', 'C', 'D'] as const) {
      const cell = formulaOf(row.getCell(column));
      const total = cell.formula === null ? null : /^SUM\(([BCD])(\d+):([BCD])(\d+)\)$/.exec(cell.formula);
      if (total && total[1] === column && total[3] === column) {
        reading.totals.push({ row: row.number, column, first: Number(total[2]), last: Number(total[4]), result: cell.result });
      }
    }
    const amount = formulaOf(row.getCell('B'));
    if (amount.formula === null || !amount.formula.startsWith('SUMIFS(')) continue;
    const parsed = parseAmountFormula(amount.formula);
    if (parsed === null) {
      problems.push(`Onglet « ${SUMMARY_SHEET} », ligne ${row.number} : formule inattendue ${amount.formula}.`);
      continue;
    }
    const expected = sliceFormulas(parsed.slice, parsed.type);
    const trips = formulaOf(row.getCell('C'));
    const subsidized = formulaOf(row.getCell('D'));
    if (trips.formula !== expected.trips || subsidized.formula !== expected.subsidized) {
      problems.push(`Onglet « ${SUMMARY_SHEET} », ligne ${row.number} : formules des colonnes C et D différentes de celle de la colonne B.`);
    }
    reading.slices.push({
      row: row.number,
      label: row.getCell('A').value,
      ...parsed,
      cells: [
        { column: 'B', ...amount },
        { column: 'C', ...trips },
        { column: 'D', ...subsidized },
      ],
    });
  }
  return reading;
}

/** Figures of a slice recomputed from the journeys of « Trajets ». */
function recompute(byDistance: TripsByDistance, type: IncentiveType, slice: DistanceSlice): SliceFigures {
  const sum: SliceFigures = { cents: 0, trips: 0, subsidized: 0 };
  for (const [key, figures] of byDistance) {
    const [rowType, distance] = key.split('|');
    if (rowType !== type || !inSlice(slice, Number(distance))) continue;
    sum.cents += figures.cents;
    sum.trips += figures.trips;
    sum.subsidized += figures.subsidized;
  }
  return sum;
}

const FIGURE_OF: Readonly<Record<SummaryColumn, keyof SliceFigures>> = { B: 'cents', C: 'trips', D: 'subsidized' };

/** A figure as a summary cell shows it: euros for column B, counts otherwise. */
function shown(column: SummaryColumn, figure: number): string {
  return column === 'B' ? formatCents(figure) : formatInteger(figure);
}

function checkSlices(summary: SummaryReading, trips: TripsReading, problems: string[]): void {
  const expectedByRow = new Map<number, SliceFigures>();
  for (const entry of summary.slices) {
    const label = sliceLabel(entry.slice);
    const where = `Onglet « ${SUMMARY_SHEET} », ligne ${entry.row} (${label}, période ${entry.type})`;
    if (entry.label !== label) problems.push(`${where} : libellé « ${String(entry.label)} » au lieu de « ${label} ».`);
    const expected = recompute(trips.byDistance, entry.type, entry.slice);
    expectedByRow.set(entry.row, expected);
    for (const cell of entry.cells) {
      if (typeof cell.result !== 'number') {
        problems.push(`${where} : pas de valeur calculée en colonne ${cell.column}.`);
        continue;
      }
      if (cell.column === 'B' && Math.round(cell.result * 100) !== expected.cents) {
        problems.push(`${where} : incitations ${formatCents(Math.round(cell.result * 100))} dans la synthèse, ${formatCents(expected.cents)} recalculées depuis les trajets.`);
      } else if (cell.column === 'C' && cell.result !== expected.trips) {
        problems.push(`${where} : ${formatInteger(cell.result)} trajets dans la synthèse, ${formatInteger(expected.trips)} recalculés depuis les trajets.`);
      } else if (cell.column === 'D' && cell.result !== expected.subsidized) {
        problems.push(`${where} : ${formatInteger(cell.result)} trajets incités dans la synthèse, ${formatInteger(expected.subsidized)} recalculés depuis les trajets.`);
      }
    }
  }
  for (const total of summary.totals) {
    let expected = 0;
    for (let row = total.first; row <= total.last; row += 1) expected += expectedByRow.get(row)?.[FIGURE_OF[total.column]] ?? 0;
    const found = typeof total.result === 'number' ? (total.column === 'B' ? Math.round(total.result * 100) : total.result) : null;
    if (found !== expected) {
      const where = `Onglet « ${SUMMARY_SHEET} », total ${total.column}${total.row}`;
      problems.push(`${where} : ${found === null ? 'pas de valeur calculée' : shown(total.column, found)}, ${shown(total.column, expected)} recalculé depuis les trajets.`);
    }
  }
}

/** Reads a sheet through without looking at it. */
async function skipSheet(sheet: ExcelJS.stream.xlsx.WorksheetReader): Promise<void> {
  for await (const _row of sheet) {
    // Nothing to check here.
  }
}

/**
 * The registry's consistency checks on an APDF workbook (its `checker.py`), read in streaming (flat memory):
 * the sum of column R equals the file name's amount / 100, the number of amounts equals the file name's trip
 * count, the number of amounts > 0 its subsidised count, and each slice of « Synthèse par tranche » (cached values
 * of its formulas) equals the figures recomputed from « Trajets ». Answers the problems found, in French; an
 * empty list means the file is consistent. `campaignId`, when known, reads a name whose campaign id contains
 * `-<digits>` without ambiguity.
 */
export async function checkApdfWorkbook(file: string, options: { campaignId?: string } = {}): Promise<string[]> {
  const problems: string[] = [];
  const name = parseApdfFileName(basename(file), options.campaignId);
  if (name === null) problems.push(`Nom de fichier non conforme à APDF-<mois>-<campagne>-<opérateur>-<trajets>-<incités>-<montant>-<nom>.xlsx : ${basename(file)}.`);
  let trips: TripsReading | null = null;
  let summary: SummaryReading = { slices: [], totals: [] };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    const sheetName = (sheet as unknown as { name?: string }).name;
    if (sheetName === TRIPS_SHEET) trips = await readTrips(sheet);
    else if (sheetName === SUMMARY_SHEET) summary = await readSummary(sheet, problems);
    // Any other sheet is read through: the zip is parsed in order and an unread sheet would stall it.
    else await skipSheet(sheet);
  }
  if (trips === null) return [...problems, `Onglet « ${TRIPS_SHEET} » absent.`];
  problems.push(...trips.rowProblems);
  if (trips.headers.length !== APDF_TRIP_HEADERS.length || trips.headers.some((header, i) => header !== APDF_TRIP_HEADERS[i])) {
    problems.push(`Onglet « ${TRIPS_SHEET} » : en-têtes différents de ${APDF_TRIP_HEADERS.join(', ')}.`);
  }
  if (name !== null) {
    if (trips.cents !== name.amountCents) {
      problems.push(`Somme de la colonne R (rpc_incentive) : ${formatCents(trips.cents)} ; le nom du fichier annonce ${formatCents(name.amountCents)}.`);
    }
    if (trips.trips !== name.trips) {
      problems.push(`Trajets (montants en colonne R) : ${formatInteger(trips.trips)} ; le nom du fichier en annonce ${formatInteger(name.trips)}.`);
    }
    if (trips.subsidized !== name.subsidized) {
      problems.push(`Trajets incités (R > 0) : ${formatInteger(trips.subsidized)} ; le nom du fichier en annonce ${formatInteger(name.subsidized)}.`);
    }
  }
  checkSlices(summary, trips, problems);
  return problems;
}
