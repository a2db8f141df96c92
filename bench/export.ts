/**
 * Benchmark of the trip list exports: 1,000,000 synthetic journeys generated lazily (never held in memory) are
 * written as xlsx (exceljs streaming writer), then as CSV. Prints seconds, rows/s, file sizes and the peak RSS
 * after each file, against the targets for the xlsx: under 60 s and under 1 GB of peak RSS.
 *
 *   npx tsx bench/export.ts [--rows 1000000] [--keep DIR]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticExportRows } from '../src/main/exports/synthetic-export-rows';
import { writeTripListCsv, writeTripListXlsx, type TripListResult } from '../src/main/exports/trip-list';
import { formatBytes } from '../src/shared/util/format';
import { benchDir, fmt, runMain } from './common';

export const EXPORT_TARGET_SECONDS = 60;
export const EXPORT_TARGET_RSS_BYTES = 1024 ** 3;

/** Peak resident set size of the process so far, in bytes (`maxRSS` is in kilobytes). */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** One file written: rows, size, seconds and the process's peak RSS right after it. */
export interface ExportRun {
  rows: number;
  bytes: number;
  seconds: number;
  rss: number;
}

async function run(write: () => Promise<TripListResult>): Promise<ExportRun> {
  const started = performance.now();
  const result = await write();
  return { rows: result.rows, bytes: result.bytes, seconds: (performance.now() - started) / 1000, rss: peakRss() };
}

/**
 * Writes `rows` synthetic journeys as xlsx then CSV in `dir`. The xlsx runs first so that the peak RSS taken after it
 * is its own (as long as nothing heavier ran before in the process).
 */
export async function measureExports(rows: number, dir: string): Promise<{ xlsx: ExportRun; csv: ExportRun }> {
  const xlsx = await run(() => writeTripListXlsx(syntheticExportRows(rows), join(dir, 'trajets.xlsx')));
  const csv = await run(() => writeTripListCsv(syntheticExportRows(rows), join(dir, 'trajets.csv')));
  return { xlsx, csv };
}

function print(dir: string, rows: number, figures: { xlsx: ExportRun; csv: ExportRun }): boolean {
  console.log(`Export de ${fmt(rows, 0)} trajets synthétiques dans ${dir}`);
  for (const [label, result] of [['xlsx', figures.xlsx], ['csv', figures.csv]] as const) {
    console.log(
      `${label.padEnd(5)} ${fmt(result.rows, 0)} lignes en ${fmt(result.seconds)} s, ${fmt(result.rows / result.seconds, 0)} lignes/s, ` +
        `fichier ${formatBytes(result.bytes)}, pic RSS ${formatBytes(result.rss)}`,
    );
  }
  const { xlsx } = figures;
  const timeOk = xlsx.seconds < EXPORT_TARGET_SECONDS;
  const rssOk = xlsx.rss < EXPORT_TARGET_RSS_BYTES;
  console.log(`Objectifs xlsx : < ${EXPORT_TARGET_SECONDS} s ${timeOk ? 'atteint' : 'MANQUÉ'} (${fmt(xlsx.seconds)} s), < 1 Go de RSS ${rssOk ? 'atteint' : 'MANQUÉ'} (${formatBytes(xlsx.rss)})`);
  return timeOk && rssOk;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
  const { dir, dispose } = benchDir('export', values.keep);
  const rows = Number(values.rows);
  runMain(async () => {
    if (!print(dir, rows, await measureExports(rows, dir))) process.exitCode = 1;
  }, dispose);
}
