/**
 * Every figure the `atelier` commands print about one extract, on one store: import and re-import counts, the
 * « Mon territoire » summary, the territory statistics workbook, a catalogue simulation, its APDF workbook for one
 * operator and month, and the scan counts per check. Run on a SQLite file and on a PostgreSQL database, the two sets
 * must be identical (`figureDifferences`): this is how the shared store is held to « same numbers » on the generated
 * 1 M-journey extract and on the real open-data sample (bench/postgres.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runAtelierJson, type ChildRun } from './common';

/** What the commands are asked: the period, a territory of the extract, a catalogue campaign and an APDF operator. */
export interface FigurePlan {
  from: string;
  to: string;
  territory: { level: string; code: string };
  campaign: string;
  /** The APDF workbook's operator and month (`AAAA-MM`); null when the extract names no operator (open data). */
  apdf: { operator: string; month: string } | null;
}

/** One command's JSON, and the cells of the workbook it wrote (`Feuille!B3` → value), if any. */
export interface FigureStep {
  output: unknown;
  cells: Record<string, unknown> | null;
}

/** The steps, by French name, in the order they ran. */
export type EngineFigures = Record<string, FigureStep>;

/** The label of a workbook's row that says when it was written: the one row that differs between two runs. */
const PRODUCED_AT = 'Produit le';

/**
 * The workbook's cells, sheet by sheet, as the values exceljs reads back (numbers, text, dates, formulas' results),
 * without the « Produit le » row.
 */
export async function workbookCells(file: string): Promise<Record<string, unknown>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const cells: Record<string, unknown> = {};
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      if (row.getCell(1).value === PRODUCED_AT) return;
      row.eachCell((cell) => (cells[`${sheet.name}!${cell.address}`] = cell.value instanceof Date ? cell.value.toISOString() : cell.value));
    });
  });
  return cells;
}

/** Runs a command: its JSON only. */
async function jsonStep(args: string[]): Promise<FigureStep> {
  return { output: (await runAtelierJson(args)).output, cells: null };
}

/** Runs a command that writes a workbook (named by its JSON's `file`): its JSON and the workbook's cells. */
async function workbookStep(args: string[]): Promise<FigureStep> {
  const run: ChildRun<{ file: string }> = await runAtelierJson(args);
  return { output: run.output, cells: await workbookCells(run.output.file) };
}

/** The commands whose JSON the caller already ran and timed (bench/postgres.ts): import, re-import, simulation, scan. */
export interface TimedOutputs {
  import: unknown;
  réimport: unknown;
  simulation: { simulation_id: number };
  /** Absent when the scan was left out. */
  analyse?: unknown;
}

/**
 * The other figure commands on a store that holds the extract, beside the `timed` ones: territory summary, statistics
 * workbook and the APDF workbook of the timed simulation. Files go to `outDir`.
 */
export async function storeFigures(address: string, outDir: string, plan: FigurePlan, timed: TimedOutputs): Promise<EngineFigures> {
  mkdirSync(outDir, { recursive: true });
  const db = ['--db', address, '--json'];
  const period = ['--from', plan.from, '--to', plan.to];
  const territory = ['--level', plan.territory.level, '--code', plan.territory.code];
  const figures: EngineFigures = Object.fromEntries(Object.entries(timed).map(([step, output]) => [step, { output, cells: null }]));
  figures['territoire'] = await jsonStep(['territory', 'summary', ...territory, ...period, ...db]);
  figures['statistiques'] = await workbookStep(['export', 'stats', ...territory, ...period, '--out', join(outDir, 'statistiques.xlsx'), ...db]);
  if (plan.apdf !== null) {
    const apdf = ['export', 'apdf', '--from-simulation', String(timed.simulation.simulation_id), '--operator', plan.apdf.operator, '--month', plan.apdf.month];
    figures['apdf'] = await workbookStep([...apdf, '--out', join(outDir, 'apdf'), ...db]);
  }
  return figures;
}

/** Keys of the commands' JSON that measure the run rather than the data (timings, ids, paths): left out of comparisons. */
const VOLATILE = /seconds|Ms$|^(file|path|jobId|job_id|simulation_id|runId|run_id|batchId|id|last_sync)$|At$/i;

/** A user id as the store keeps it: a keyed hash, whose key is each store's own (src/main/extracts/pseudonymise.ts). */
const PSEUDONYM = /^~[A-Za-z0-9_-]{22}$/;

/**
 * The values with each pseudonym replaced by its rank of first appearance (`~personne 1`, …). Two stores never share
 * a key, so their pseudonyms differ; what must be the same is who is who: the same journeys under the same person.
 */
function withPeopleRanked(values: Map<string, unknown>): Map<string, unknown> {
  const ranks = new Map<string, string>();
  const rank = (value: unknown): unknown => {
    if (typeof value !== 'string' || !PSEUDONYM.test(value)) return value;
    if (!ranks.has(value)) ranks.set(value, `~personne ${ranks.size + 1}`);
    return ranks.get(value);
  };
  return new Map([...values].map(([key, value]) => [key, rank(value)]));
}

/** The leaves of a command's JSON (`files.0.batch.rowsRead` → 5000), without its volatile keys. */
function leavesOf(value: unknown, path: string, into: Map<string, unknown>): Map<string, unknown> {
  if (typeof value !== 'object' || value === null) return into.set(path, value);
  const entries = Array.isArray(value) ? value.map((inner, index) => [String(index), inner] as const) : Object.entries(value);
  for (const [key, inner] of entries) if (!VOLATILE.test(key)) leavesOf(inner, path === '' ? key : `${path}.${key}`, into);
  return into;
}

/** `a` and `b` key by key: one French line per key whose values differ or that only one side has. */
function mapDifferences(step: string, a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  const differences: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [left, right] = [JSON.stringify(a.get(key)), JSON.stringify(b.get(key))];
    if (left !== right) differences.push(`${step} ${key} : SQLite ${left ?? '(absent)'} ≠ PostgreSQL ${right ?? '(absent)'}`);
  }
  return differences;
}

/** Every figure that differs between the two engines' runs: printed JSON leaves and workbook cells. */
export function figureDifferences(sqlite: EngineFigures, postgres: EngineFigures): string[] {
  const differences: string[] = [];
  for (const step of new Set([...Object.keys(sqlite), ...Object.keys(postgres)])) {
    const [a, b] = [sqlite[step], postgres[step]];
    if (a === undefined || b === undefined) {
      differences.push(`${step} : exécuté sur ${a === undefined ? 'PostgreSQL' : 'SQLite'} seulement`);
      continue;
    }
    const outputs = (side: FigureStep): Map<string, unknown> => withPeopleRanked(leavesOf(side.output, '', new Map()));
    differences.push(...mapDifferences(step, outputs(a), outputs(b)));
    if (a.cells === null && b.cells === null) continue;
    const cells = (side: FigureStep): Map<string, unknown> => withPeopleRanked(new Map(Object.entries(side.cells ?? {})));
    differences.push(...mapDifferences(`${step} (classeur)`, cells(a), cells(b)));
  }
  return differences;
}

/** How many figures were compared (JSON leaves and workbook cells of one side), to print beside the differences. */
export function figureCount(figures: EngineFigures): number {
  return Object.values(figures).reduce((sum, step) => sum + leavesOf(step.output, '', new Map()).size + Object.keys(step.cells ?? {}).length, 0);
}
