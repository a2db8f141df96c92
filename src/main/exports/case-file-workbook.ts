import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type ExcelJS from 'exceljs';
import { neutralizeCell } from '../../shared/util/cell-safety';
import { formatDay, PARIS_TIME_ZONE } from '../../shared/util/format';
import { utcToParisLocal } from '../domain/time/paris-time';
import {
  DECISION_LABELS, SEVERITY_LABELS,
  type CaseCheck, type CaseDecision, type CaseFileJourney, type CasePeriod, type CaseSeverity, type OperatorCaseFileInput, type OperatorCaseFileResult,
} from './case-file-types';
import { OutputFile } from './output-file';
import { writeThroughPartial } from './partial-file';
import { minutesOf } from './trip-list-columns';
import { XLSX_MAX_DATA_ROWS, XlsxFileWriter } from './xlsx-file-writer';
import { excelSerial } from './excel-date';

/* ------------------------------------------------------------------------------------------------------------
 * Layout helpers, shared with case-summary-workbook.ts.
 * ---------------------------------------------------------------------------------------------------------- */

/** Number formats of the case workbooks (French Excel shows `1 234,50 €`, `1 234`, `12,3`). */
export const CASE_FORMATS = {
  euros: '#,##0.00 "€"',
  integer: '#,##0',
  decimal: '#,##0.0',
  dateTime: 'dd/mm/yyyy hh:mm',
} as const;

/** A cell as the case workbooks write it: text (already neutralised), number, or empty. */
export type CaseCell = string | number | null;

/** Excel refuses cells longer than this (it reports the file as damaged). */
const MAX_CELL_CHARS = 32_767;

/** Text from data (extracts, checks, decisions): cut to what a cell holds, neutralised against formula injection. */
export function cellText(value: string | null): string | null {
  if (value === null) return null;
  const cut = value.length > MAX_CELL_CHARS - 1 ? `${value.slice(0, MAX_CELL_CHARS - 13)}… (tronqué)` : value;
  return neutralizeCell(cut);
}

const instantFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });

/** ISO 8601 instant with its offset. Strict: `Date.parse` would also take `+1` or `1/2/3`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an ISO instant, or NaN when it is not one. */
function instantMs(iso: string): number {
  return ISO_INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
}

/** ISO instant → `28/11/2026 11:00` in Paris time; refuses an invalid instant before anything is written. */
export function parisInstant(iso: string): string {
  const ms = instantMs(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Date de production invalide : « ${iso} ».`);
  return instantFormat.format(ms);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period as « Synthèse » prints it; refuses days that are not `YYYY-MM-DD`. */
export function periodText(period: CasePeriod | null, whenNull: string): string {
  if (period === null) return whenNull;
  if (!DAY.test(period.from) || !DAY.test(period.to)) throw new RangeError(`Période invalide : ${period.from} – ${period.to} (jours AAAA-MM-JJ attendus).`);
  return `du ${formatDay(period.from)} au ${formatDay(period.to)} (jours en heure de Paris)`;
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `SUM` over rows `first`–`last` of `column`, with its value cached for readers that do not recompute. */
export function sumFormula(column: number, first: number, last: number, result: number): ExcelJS.CellFormulaValue {
  const letter = columnLetter(column);
  return { formula: `SUM(${letter}${first}:${letter}${last})`, result };
}

/** Sum of euro amounts made of whole cents, without the binary drift of adding decimals. */
export function sumEuros(values: readonly number[]): number {
  return values.reduce((total, euros) => total + Math.round(euros * 100), 0) / 100;
}

const BOLD: Partial<ExcelJS.Font> = { bold: true };
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: BOLD, alignment: { wrapText: true, vertical: 'top' }, border: { bottom: { style: 'thin' } } };
const TOTAL_BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' } };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
/** Height of one line of 11-point text, in points. */
const LINE_HEIGHT = 15;

/** One column of a `TableSheet`. */
export interface CaseColumn {
  header: string;
  /** Excel width, in characters. */
  width: number;
  numFmt?: string;
  /** Header fill (ARGB), to point at a column the reader fills in. */
  fill?: string;
}

/**
 * A sheet holding one table, written row by row in exceljs's streaming writer: bold wrapped header, frozen
 * (with `frozenColumns` label columns), widths, one style object per column (exceljs caches styles by object
 * identity, so a fresh object per cell would cost a style lookup for each of the many cells), a totals row with
 * SUM formulas, and an autofilter over the data rows only (sorting then never moves the totals).
 */
export class TableSheet {
  readonly sheet: ExcelJS.Worksheet;
  /** Data rows written so far. */
  rows = 0;
  private readonly styles: ReadonlyArray<Partial<ExcelJS.Style>>;

  constructor(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, private readonly columns: readonly CaseColumn[], frozenColumns: number) {
    this.sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: frozenColumns }] });
    this.styles = columns.map((column) => (column.numFmt ? { numFmt: column.numFmt } : {}));
    this.sheet.columns = columns.map((column, i) => ({ width: column.width, style: this.styles[i] }));
    const header = this.sheet.addRow([]);
    columns.forEach((column, i) => {
      const cell = header.getCell(i + 1);
      cell.value = column.header;
      cell.style = column.fill ? { ...HEADER_STYLE, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: column.fill } } } : HEADER_STYLE;
    });
    header.commit();
  }

  /** Adds one data row (committed at once: memory stays flat). */
  add(cells: readonly CaseCell[]): void {
    const row = this.sheet.addRow([]);
    cells.forEach((value, i) => {
      if (value === null) return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.style = this.styles[i] as Partial<ExcelJS.Style>;
    });
    row.commit();
    this.rows += 1;
  }

  /** Totals row below the data: `label` in the first column, SUM formulas (1-based columns) with their cached totals. */
  totals(label: string, sums: ReadonlyArray<{ column: number; result: number }>): void {
    const row = this.sheet.addRow([]);
    const first = row.getCell(1);
    first.value = label;
    first.style = { font: BOLD, border: TOTAL_BORDER };
    for (const { column, result } of sums) {
      const cell = row.getCell(column);
      cell.value = sumFormula(column, 2, this.rows + 1, result);
      cell.style = { ...this.styles[column - 1], font: BOLD, border: TOTAL_BORDER };
    }
    row.commit();
  }

  /** Sets the autofilter over the header and data rows, and commits the sheet. */
  close(): void {
    this.sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.rows + 1, column: this.columns.length } };
    this.sheet.commit();
  }
}

/** A row of a small table of « Synthèse »: its cells and one number format per cell (null for text). */
export interface SummaryTableRow {
  cells: CaseCell[];
  formats: Array<string | null>;
}

/**
 * A free-form sheet (« Synthèse ») written top to bottom in `columns` columns: title, fields, paragraphs merged over
 * every column, small tables with totals. Rows stay in memory until `close`: such a sheet has a few dozen rows.
 */
export class SummarySheet {
  readonly sheet: ExcelJS.Worksheet;
  private next = 1;
  /** Characters of a merged paragraph line, to size rows whose wrapped text needs several lines. */
  private readonly lineChars: number;

  constructor(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, widths: readonly number[]) {
    this.sheet = workbook.addWorksheet(name, { views: [{ showGridLines: false }] });
    this.sheet.columns = widths.map((width) => ({ width }));
    this.lineChars = Math.floor(widths.reduce((a, b) => a + b, 0) * 1.1);
  }

  /** Cells of the next row. */
  private row(cells: readonly CaseCell[], style?: Partial<ExcelJS.Style>): ExcelJS.Row {
    const row = this.sheet.getRow(this.next);
    this.next += 1;
    cells.forEach((value, i) => {
      if (value === null) return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (style) cell.style = style;
    });
    return row;
  }

  /** The sheet's title, large and bold. */
  title(text: string): void {
    this.row([text], { font: { bold: true, size: 14 } });
  }

  /** A section title after a blank row. */
  heading(text: string): void {
    this.blank();
    this.row([text], { font: { bold: true, size: 12 } });
  }

  /** Leaves a row empty. */
  blank(): void {
    this.next += 1;
  }

  /** A label in bold and its value (a number gets `numFmt`). */
  field(label: string, value: CaseCell, numFmt?: string): void {
    const row = this.row([label, value]);
    row.getCell(1).font = BOLD;
    if (numFmt) row.getCell(2).numFmt = numFmt;
  }

  /** Text wrapped over every column of the row, the row tall enough for its lines (Excel does not grow merged rows). */
  paragraph(text: string): void {
    const number = this.next;
    this.sheet.mergeCells(number, 1, number, this.sheet.columns.length);
    const row = this.row([text], { alignment: WRAP });
    row.height = LINE_HEIGHT * Math.max(1, Math.ceil(text.length / this.lineChars));
  }

  /**
   * A table: bold header, rows, then (when there are rows and columns to sum) a `totalLabel` row with SUM formulas
   * over `sumColumns` (1-based) and their cached totals; euro columns are summed in whole cents.
   */
  table(headers: readonly string[], rows: readonly SummaryTableRow[], sumColumns: readonly number[], totalLabel = 'Total'): void {
    const header = this.row(headers);
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    const first = this.next;
    for (const { cells, formats } of rows) this.cells(cells, formats);
    if (rows.length === 0 || sumColumns.length === 0) return;
    const last = this.next - 1;
    const totals = this.row([totalLabel], { font: BOLD, border: TOTAL_BORDER });
    for (const column of sumColumns) {
      const values = rows.map((row) => Number(row.cells[column - 1] ?? 0));
      const numFmt = rows[0]?.formats[column - 1] ?? undefined;
      const result = numFmt === CASE_FORMATS.euros ? sumEuros(values) : values.reduce((a, b) => a + b, 0);
      const cell = totals.getCell(column);
      cell.value = sumFormula(column, first, last, result);
      cell.style = { font: BOLD, border: TOTAL_BORDER, ...(numFmt ? { numFmt } : {}) };
    }
  }

  /** Row number the next row will take. */
  get nextRow(): number {
    return this.next;
  }

  /** A row with a SUM over rows `first`–`last` of `column`, cached `result`, after `label` and `definition`. */
  sumField(label: string, definition: string, column: number, first: number, last: number, result: number, numFmt: string): void {
    const row = this.row([label, definition]);
    row.getCell(1).font = BOLD;
    const cell = row.getCell(column);
    cell.value = sumFormula(column, first, last, result);
    cell.style = { font: BOLD, numFmt, border: TOTAL_BORDER };
  }

  /** Cells of a row as is, a number format per cell (null for none). */
  cells(cells: readonly CaseCell[], formats: ReadonlyArray<string | null> = []): void {
    const row = this.row(cells);
    formats.forEach((numFmt, i) => {
      if (numFmt !== null) row.getCell(i + 1).numFmt = numFmt;
    });
  }

  /** Commits the sheet (and its rows). */
  close(): void {
    this.sheet.commit();
  }
}

/* ------------------------------------------------------------------------------------------------------------
 * The operator's case file.
 * ---------------------------------------------------------------------------------------------------------- */

const SEVERITY_RANK: Readonly<Record<CaseSeverity, number>> = { info: 1, warning: 2, high: 3 };
const SEVERITIES_HIGH_FIRST: readonly CaseSeverity[] = ['high', 'warning', 'info'];
const DECISIONS: readonly CaseDecision[] = ['confirmed', 'legitimate', 'info_requested'];

/** Registry statuses in French, with the registry's code the operator knows them by. */
const STATUS_LABELS: Readonly<Record<string, string>> = {
  ok: 'valide (ok)',
  fraud_error: 'fraude signalée (fraud_error)',
  anomaly_error: 'anomalie signalée (anomaly_error)',
  pending: 'en attente (pending)',
};

/** A published local time as an Excel date; text left as is (neutralised) when it cannot be read as one. */
function localDateCell(local: string | null): CaseCell {
  if (local === null) return null;
  return excelSerial(local) ?? cellText(local);
}

/** A decision instant (ISO UTC) as an Excel date in Paris time; text when it is not an instant. */
function instantCell(iso: string): CaseCell {
  return Number.isNaN(instantMs(iso)) ? cellText(iso) : excelSerial(utcToParisLocal(iso));
}

/** A number from data, or empty when it is missing or not a number (NaN would corrupt the file). */
function numberCell(value: number | null, scale = 1): CaseCell {
  return value === null || !Number.isFinite(value) ? null : value / scale;
}

/**
 * Identity keys are SHA-256 hex digests: any run of 64 hex digits in evidence or a comment is taken for one and
 * masked, since a check may keep one under a harmless name (H09's `account`, G03's `degrees`).
 */
const IDENTITY_KEY = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi;
const MASKED_KEY = '(clé d’identité masquée)';

/** Evidence keys that name persons, identity keys or aliases: left out unless they only count or tell yes/no. */
const PERSON_KEY = /person|identit|alias/i;

function masked(text: string): string {
  return text.replace(IDENTITY_KEY, MASKED_KEY);
}

const evidenceNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4, useGrouping: false });

function evidenceValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isFinite(value) ? evidenceNumber.format(value) : String(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (Array.isArray(value)) return `[${value.map(evidenceValue).join(', ')}]`;
  if (typeof value === 'object') return `{${evidenceEntries(value, ', ')}}`;
  return masked(String(value));
}

function evidenceEntries(record: object, separator: string): string {
  return Object.entries(record)
    .filter(([key, value]) => !PERSON_KEY.test(key) || typeof value === 'number' || typeof value === 'boolean')
    .map(([key, value]) => `${masked(key)}: ${evidenceValue(value)}`)
    .join(separator);
}

/** Evidence for a person to read: `speedKmh: 182,4 ; thresholdKmh: 130`, without person identifiers. */
export function evidenceText(evidence: Record<string, unknown>): string {
  return evidenceEntries(evidence, ' ; ');
}

/** Journeys and registry + operator incentives (cents) of one line of a « Synthèse » table. */
interface Figures {
  journeys: number;
  atRiskCents: number;
}

interface CheckFigures extends Figures {
  label: string;
  bySeverity: Record<CaseSeverity, number>;
}

/** What « Synthèse » needs, added up while the journeys are spooled. */
interface CaseTotals {
  journeys: number;
  evidenceRows: number;
  rpcCents: number;
  operatorCents: number;
  byCheck: Map<string, CheckFigures>;
  bySeverity: Map<CaseSeverity | 'none', Figures>;
  byDecision: Map<CaseDecision | 'none', Figures>;
}

function addFigures<K>(map: Map<K, Figures>, key: K, atRiskCents: number): void {
  const figures = map.get(key) ?? { journeys: 0, atRiskCents: 0 };
  figures.journeys += 1;
  figures.atRiskCents += atRiskCents;
  map.set(key, figures);
}

/** Incentives must be whole cents: anything else is a bug upstream, refused before it skews the totals. */
function cents(journey: CaseFileJourney, value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new Error(`Trajet ${journey.journeyId ?? journey.operatorJourneyId ?? '?'} : ${what} invalides (${value} centimes ; entier attendu).`);
  return value;
}

/** Each check of a journey once, with the highest severity it was raised with, in first-seen order. */
function distinctChecks(checks: readonly CaseCheck[]): Map<string, { label: string; severity: CaseSeverity }> {
  const distinct = new Map<string, { label: string; severity: CaseSeverity }>();
  for (const check of checks) {
    const seen = distinct.get(check.checkId);
    if (!seen) distinct.set(check.checkId, { label: check.label, severity: check.severity });
    else if (SEVERITY_RANK[check.severity] > SEVERITY_RANK[seen.severity]) seen.severity = check.severity;
  }
  return distinct;
}

/** Columns of « Trajets », in order; `RESPONSE` is left empty for the operator. */
const JOURNEY_COLUMNS: readonly CaseColumn[] = [
  { header: 'Identifiant registre', width: 14 },
  { header: 'Identifiant trajet opérateur', width: 30 },
  { header: 'Identifiant voyage opérateur', width: 30 },
  { header: 'Début (heure de Paris)', width: 17, numFmt: CASE_FORMATS.dateTime },
  { header: 'Fin (heure de Paris)', width: 17, numFmt: CASE_FORMATS.dateTime },
  { header: 'Départ : code INSEE', width: 11 },
  { header: 'Départ : commune', width: 24 },
  { header: 'Arrivée : code INSEE', width: 11 },
  { header: 'Arrivée : commune', width: 24 },
  { header: 'Distance (km)', width: 11, numFmt: CASE_FORMATS.decimal },
  { header: 'Durée (min)', width: 10, numFmt: CASE_FORMATS.decimal },
  { header: 'Places passager', width: 9, numFmt: CASE_FORMATS.integer },
  { header: 'Statut du registre', width: 22 },
  { header: 'Identifiant conducteur (opérateur)', width: 24 },
  { header: 'Identifiant passager (opérateur)', width: 24 },
  { header: 'Incitations du registre (€)', width: 14, numFmt: CASE_FORMATS.euros },
  { header: 'Incitations de l’opérateur (€)', width: 14, numFmt: CASE_FORMATS.euros },
  { header: 'Incitations en jeu (€)', width: 14, numFmt: CASE_FORMATS.euros },
  { header: 'Contrôles', width: 40 },
  { header: 'Gravité la plus haute', width: 12 },
  { header: 'Décision', width: 24 },
  { header: 'Commentaire de la décision', width: 40 },
  { header: 'Date de la décision (heure de Paris)', width: 17, numFmt: CASE_FORMATS.dateTime },
  { header: 'Réponse de l’opérateur', width: 50, fill: 'FFFFF2CC' },
];

/** 1-based columns of « Trajets » summed in its totals row: registry, operator and at-risk incentives. */
const JOURNEY_SUMS = { rpc: 16, operator: 17, atRisk: 18 } as const;

/** Columns of « Preuves »: one row per journey × check. */
const EVIDENCE_COLUMNS: readonly CaseColumn[] = [
  { header: 'Identifiant registre', width: 14 },
  { header: 'Identifiant trajet opérateur', width: 30 },
  { header: 'Début (heure de Paris)', width: 17, numFmt: CASE_FORMATS.dateTime },
  { header: 'Contrôle', width: 10 },
  { header: 'Libellé', width: 30 },
  { header: 'Gravité', width: 12 },
  { header: 'Éléments relevés', width: 90 },
];

function journeyCells(journey: CaseFileJourney, checks: Map<string, { label: string; severity: CaseSeverity }>, highest: CaseSeverity | null): CaseCell[] {
  const rpc = cents(journey, journey.rpcIncentiveCents, 'incitations du registre');
  const operator = cents(journey, journey.operatorIncentiveCents, 'incitations de l’opérateur');
  const decision = journey.decision;
  return [
    cellText(journey.journeyId),
    cellText(journey.operatorJourneyId),
    cellText(journey.operatorTripId),
    localDateCell(journey.startLocal),
    localDateCell(journey.endLocal),
    cellText(journey.startInsee),
    cellText(journey.startCommune),
    cellText(journey.endInsee),
    cellText(journey.endCommune),
    numberCell(journey.distanceM, 1000),
    journey.durationS === null || !Number.isFinite(journey.durationS) ? null : minutesOf(journey.durationS),
    numberCell(journey.seats),
    STATUS_LABELS[journey.status] ?? cellText(journey.status),
    cellText(journey.operatorDriverId),
    cellText(journey.operatorPassengerId),
    rpc / 100,
    operator / 100,
    (rpc + operator) / 100,
    cellText([...checks].map(([id, check]) => `${id} ${check.label}`).join(' ; ')),
    highest === null ? null : SEVERITY_LABELS[highest],
    decision === null ? null : DECISION_LABELS[decision.decision],
    decision === null ? null : cellText(masked(decision.comment)),
    decision === null ? null : instantCell(decision.decidedAt),
    null,
  ];
}

function evidenceCells(journey: CaseFileJourney, check: CaseCheck): CaseCell[] {
  return [
    cellText(journey.journeyId),
    cellText(journey.operatorJourneyId),
    localDateCell(journey.startLocal),
    cellText(check.checkId),
    cellText(check.label),
    SEVERITY_LABELS[check.severity],
    cellText(evidenceText(check.evidence)) || null,
  ];
}

/** Spooled rows are gathered into chunks of about this many characters before each write. */
const SPOOL_CHUNK_CHARS = 1 << 20;

/** Rows of one sheet spooled to disk as JSON arrays, one per line, until the totals its workbook needs are known. */
class Spool {
  private readonly output: OutputFile;
  private chunk = '';

  constructor(readonly path: string, signal?: AbortSignal) {
    this.output = new OutputFile(path, signal);
  }

  async add(cells: readonly CaseCell[]): Promise<void> {
    this.chunk += `${JSON.stringify(cells)}\n`;
    if (this.chunk.length >= SPOOL_CHUNK_CHARS) {
      await this.output.write(this.chunk);
      this.chunk = '';
    }
  }

  throwIfStopped(): void {
    this.output.throwIfStopped();
  }

  async end(): Promise<void> {
    await this.output.end(this.chunk);
  }

  async discard(): Promise<void> {
    await this.output.discard();
  }
}

/**
 * First pass: renders each journey's « Trajets » row and « Preuves » rows to two spool files while adding up the
 * figures of « Synthèse », which comes first in the workbook but is known only once every journey has been seen.
 * Only rendered cells reach the disk: evidence is already stripped of person identifiers.
 */
async function spoolJourneys(journeys: OperatorCaseFileInput['journeys'], trips: Spool, evidence: Spool): Promise<CaseTotals> {
  const totals: CaseTotals = { journeys: 0, evidenceRows: 0, rpcCents: 0, operatorCents: 0, byCheck: new Map(), bySeverity: new Map(), byDecision: new Map() };
  try {
    for await (const journey of journeys) {
      trips.throwIfStopped();
      const checks = distinctChecks(journey.checks);
      let highest: CaseSeverity | null = null;
      for (const check of checks.values()) if (highest === null || SEVERITY_RANK[check.severity] > SEVERITY_RANK[highest]) highest = check.severity;
      const cells = journeyCells(journey, checks, highest);
      await trips.add(cells);
      const atRisk = journey.rpcIncentiveCents + journey.operatorIncentiveCents;
      totals.journeys += 1;
      totals.rpcCents += journey.rpcIncentiveCents;
      totals.operatorCents += journey.operatorIncentiveCents;
      for (const [id, check] of checks) {
        const figures = totals.byCheck.get(id) ?? { label: check.label, journeys: 0, atRiskCents: 0, bySeverity: { high: 0, warning: 0, info: 0 } };
        figures.journeys += 1;
        figures.atRiskCents += atRisk;
        figures.bySeverity[check.severity] += 1;
        totals.byCheck.set(id, figures);
      }
      addFigures(totals.bySeverity, highest ?? 'none', atRisk);
      addFigures(totals.byDecision, journey.decision?.decision ?? 'none', atRisk);
      for (const check of journey.checks) {
        await evidence.add(evidenceCells(journey, check));
        totals.evidenceRows += 1;
      }
    }
    await trips.end();
    await evidence.end();
    return totals;
  } catch (error) {
    await trips.discard();
    await evidence.discard();
    throw error;
  }
}

/** Reads the rows of a spool back, in order. */
async function* spooledRows(path: string): AsyncGenerator<CaseCell[]> {
  const input = createReadStream(path, { encoding: 'utf8' });
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) yield JSON.parse(line) as CaseCell[];
  } finally {
    // readline does not close its input: an open spool could not be deleted on Windows.
    input.destroy();
  }
}

/** « Trajets » or « Preuves », streamed from its spool. */
async function writeSpooledSheet(writer: XlsxFileWriter, table: TableSheet, spool: string): Promise<void> {
  for await (const cells of spooledRows(spool)) {
    writer.throwIfStopped();
    table.add(cells);
    await writer.paced(table.sheet);
  }
}

const SEVERITY_MEANINGS: Readonly<Record<CaseSeverity | 'none', string>> = {
  high: 'incohérence forte ou situation impossible',
  warning: 'situation inhabituelle, à expliquer',
  info: 'à lire avec les autres signalements',
  none: 'trajet sans contrôle (décision prise sur une personne)',
};

const DECISION_MEANINGS: Readonly<Record<CaseDecision | 'none', string>> = {
  confirmed: 'l’instructeur a établi la fraude',
  legitimate: 'l’instructeur a reconnu le trajet régulier',
  info_requested: 'votre explication est attendue',
  none: 'pas encore instruit',
};

const toEuros = (amountCents: number): number => amountCents / 100;
const { euros: EUROS, integer: INTEGER } = CASE_FORMATS;

function writeCaseSummary(writer: XlsxFileWriter, input: OperatorCaseFileInput, totals: CaseTotals): void {
  const summary = new SummarySheet(writer.workbook, 'Synthèse', [34, 44, 14, 16, 14, 14, 14]);
  const operator = cellText(input.operatorName) ?? '';
  // Whole texts around data go through cellText too: they start with fixed words, so no apostrophe shows mid-text.
  summary.title(cellText(`Dossier de contrôle des trajets signalés — ${input.operatorName}`) ?? '');
  summary.blank();
  summary.field('Opérateur', operator);
  summary.field('Période', periodText(input.period, 'toutes les dates des trajets signalés'));
  const by = input.author ? `Atelier Covoiturage, ${input.author}` : 'Atelier Covoiturage';
  summary.field('Produit le', cellText(`${parisInstant(input.generatedAt)} (heure de Paris) par ${by}`));
  summary.field('Trajets signalés', totals.journeys, INTEGER);
  summary.field('Lignes de preuves', totals.evidenceRows, INTEGER);
  if (totals.journeys === 0) {
    summary.blank();
    summary.paragraph('Aucun trajet signalé pour cet opérateur sur la période : il n’y a rien à vérifier, les onglets « Trajets » et « Preuves » sont vides.');
  }

  summary.heading('Objet du dossier');
  summary.paragraph(
    cellText(`Ce dossier liste les trajets de ${input.operatorName} que les contrôles de cohérence d’Atelier Covoiturage ont signalés dans les extraits du registre de preuve de covoiturage, pour que vous les vérifiiez dans votre propre système. Un signalement n’est pas une preuve de fraude : il appelle une vérification.`) ?? '',
  );
  summary.paragraph(
    '« Trajets » : un trajet par ligne, avec vos identifiants (trajet, voyage, conducteur, passager) pour le retrouver, les heures de Paris telles que publiées, les contrôles qui l’ont signalé, la gravité la plus haute et la décision de l’instructeur s’il y en a une. « Preuves » : une ligne par trajet et par contrôle, avec les valeurs relevées (par exemple la vitesse calculée et le seuil). Aucune clé d’identité du registre n’y figure.',
  );

  const checkRows = [...totals.byCheck].sort(([a], [b]) => a.localeCompare(b, 'fr', { numeric: true }));
  summary.heading('Trajets signalés par contrôle (un trajet compte pour chaque contrôle qui l’a signalé)');
  summary.table(
    ['Contrôle', 'Libellé', 'Trajets', 'Incitations en jeu (€)', 'dont gravité élevée', 'dont à vérifier', 'dont info'],
    checkRows.map(([id, figures]) => ({
      cells: [cellText(id), cellText(figures.label), figures.journeys, toEuros(figures.atRiskCents), ...SEVERITIES_HIGH_FIRST.map((s) => figures.bySeverity[s])],
      formats: [null, null, INTEGER, EUROS, INTEGER, INTEGER, INTEGER],
    })),
    [3, 4, 5, 6, 7],
    'Total des signalements',
  );

  summary.heading('Trajets par gravité la plus haute');
  const severities: Array<CaseSeverity | 'none'> = [...SEVERITIES_HIGH_FIRST, ...(totals.bySeverity.has('none') ? (['none'] as const) : [])];
  summary.table(
    ['Gravité', 'Signification', 'Trajets', 'Incitations en jeu (€)'],
    severities.map((severity) => {
      const figures = totals.bySeverity.get(severity) ?? { journeys: 0, atRiskCents: 0 };
      return { cells: [severity === 'none' ? 'aucune' : SEVERITY_LABELS[severity], SEVERITY_MEANINGS[severity], figures.journeys, toEuros(figures.atRiskCents)], formats: [null, null, INTEGER, EUROS] };
    }),
    [3, 4],
  );

  summary.heading('Trajets par décision de l’instructeur');
  summary.table(
    ['Décision', 'Signification', 'Trajets', 'Incitations en jeu (€)'],
    [...DECISIONS, 'none' as const].map((decision) => {
      const figures = totals.byDecision.get(decision) ?? { journeys: 0, atRiskCents: 0 };
      return { cells: [decision === 'none' ? 'sans décision' : DECISION_LABELS[decision], DECISION_MEANINGS[decision], figures.journeys, toEuros(figures.atRiskCents)], formats: [null, null, INTEGER, EUROS] };
    }),
    [3, 4],
  );

  summary.heading('Incitations en jeu (registre + opérateur)');
  const first = summary.nextRow;
  summary.cells(['Incitations du registre', 'calculées par le registre pour les campagnes des collectivités', null, toEuros(totals.rpcCents)], [null, null, null, EUROS]);
  summary.cells(['Incitations de l’opérateur', 'déclarées par l’opérateur pour ses propres incitations', null, toEuros(totals.operatorCents)], [null, null, null, EUROS]);
  summary.sumField('Incitations en jeu', 'registre + opérateur, additionnées sur les trajets du dossier', 4, first, first + 1, toEuros(totals.rpcCents + totals.operatorCents), EUROS);

  summary.heading('Comment répondre');
  summary.paragraph(
    'Pour chaque trajet de l’onglet « Trajets », indiquez dans la colonne « Réponse de l’opérateur » (en jaune) ce que vos données montrent : trajet confirmé, annulé ou corrigé, incitation retirée ou reversée, explication… Ne modifiez ni l’ordre ni les autres colonnes, puis renvoyez le fichier à l’expéditeur. Les trajets dont la décision est « information demandée à l’opérateur » sont à traiter en priorité.',
  );
  summary.close();
}

/**
 * Writes an operator's case file: the flagged journeys it is asked to counter-check, in French.
 * - « Synthèse »: operator, period, date of production (Paris time), journeys per check and severity, per highest
 *   severity and per decision with the incentives at risk (registry + operator), what the file is and how to answer.
 * - « Trajets »: one row per journey, in input order: ids, start/end as Excel dates (Paris wall-clock time), INSEE
 *   codes and communes, km, minutes, seats, registry status, the operator's user ids, incentives in €, checks,
 *   highest severity, decision with its comment and date, and an empty « Réponse de l’opérateur » column; a totals
 *   row sums the incentives.
 * - « Preuves »: one row per journey × check with the evidence in words; evidence keys about persons, identity keys
 *   or aliases are left out and 64-hex-digit identity keys are masked wherever they appear (evidence, comments).
 * Journeys are streamed twice through spool files next to `file` (flat memory; only rendered cells are spooled), the
 * workbook through `<file>.partial`; spools and partial file are deleted on success, error and cancellation.
 * Fails when a sheet would pass Excel's row limit, or on incentives that are not whole cents.
 */
export async function writeOperatorCaseFile(file: string, input: OperatorCaseFileInput, signal?: AbortSignal): Promise<OperatorCaseFileResult> {
  // Fails on a bad date or period before reading any journey.
  parisInstant(input.generatedAt);
  periodText(input.period, '');
  const stem = join(dirname(file), `.${basename(file)}-${randomUUID()}`);
  const tripsSpool = `${stem}.trajets.spool.partial`;
  const evidenceSpool = `${stem}.preuves.spool.partial`;
  try {
    const totals = await spoolJourneys(input.journeys, new Spool(tripsSpool, signal), new Spool(evidenceSpool, signal));
    // « Trajets » also holds its totals row.
    if (totals.journeys + 1 > XLSX_MAX_DATA_ROWS || totals.evidenceRows > XLSX_MAX_DATA_ROWS) {
      throw new Error(`${totals.journeys} trajets et ${totals.evidenceRows} preuves : plus que les ${XLSX_MAX_DATA_ROWS} lignes d’un onglet Excel ; réduisez la période.`);
    }
    await writeThroughPartial(file, async (partial) => {
      const writer = new XlsxFileWriter(partial, signal);
      writer.workbook.title = `Dossier de contrôle — ${input.operatorName}`;
      try {
        writeCaseSummary(writer, input, totals);
        const trips = new TableSheet(writer.workbook, 'Trajets', JOURNEY_COLUMNS, 1);
        await writeSpooledSheet(writer, trips, tripsSpool);
        if (trips.rows > 0) {
          trips.totals('Total', [
            { column: JOURNEY_SUMS.rpc, result: toEuros(totals.rpcCents) },
            { column: JOURNEY_SUMS.operator, result: toEuros(totals.operatorCents) },
            { column: JOURNEY_SUMS.atRisk, result: toEuros(totals.rpcCents + totals.operatorCents) },
          ]);
        }
        trips.close();
        const evidence = new TableSheet(writer.workbook, 'Preuves', EVIDENCE_COLUMNS, 1);
        await writeSpooledSheet(writer, evidence, evidenceSpool);
        evidence.close();
        await writer.finish();
      } catch (error) {
        await writer.discard();
        throw error;
      }
    });
    return { journeys: totals.journeys, evidenceRows: totals.evidenceRows };
  } finally {
    await rm(tripsSpool, { force: true });
    await rm(evidenceSpool, { force: true });
  }
}
