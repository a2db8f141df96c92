/**
 * Benchmark of the trip list exports: 1,000,000 synthetic journeys generated lazily (never held in memory) are
 * written as xlsx (exceljs streaming writer), then as CSV. Prints seconds, rows/s, file sizes and the peak RSS
 * after each file, against the targets for the xlsx: under 60 s and under 1 GB of peak RSS.
 *
 *   npx tsx bench/export.ts [--rows 1000000] [--keep DIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticExportRows } from '../src/main/exports/synthetic-export-rows';
import { writeTripListCsv, writeTripListXlsx, type TripListResult } from '../src/main/exports/trip-list';
import { formatBytes } from '../src/shared/util/format';

const TARGET_SECONDS = 60;
const TARGET_RSS_BYTES = 1024 ** 3;

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
const rows = Number(values.rows);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'atelier-bench-export-'));
const fmt = (n: number, digits = 1): string => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });

/** Peak resident set size of the process so far, in bytes (`maxRSS` is in kilobytes). */
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

async function run(label: string, write: () => Promise<TripListResult>): Promise<{ seconds: number; rss: number }> {
  const started = performance.now();
  const result = await write();
  const seconds = (performance.now() - started) / 1000;
  const rss = peakRss();
  console.log(
    `${label.padEnd(5)} ${fmt(result.rows, 0)} lignes en ${fmt(seconds)} s, ${fmt(result.rows / seconds, 0)} lignes/s, ` +
      `fichier ${formatBytes(result.bytes)}, pic RSS ${formatBytes(rss)}`,
  );
  return { seconds, rss };
}

async function main(): Promise<void> {
  console.log(`Export de ${fmt(rows, 0)} trajets synthétiques dans ${dir}`);
  // The xlsx runs first so that the peak RSS printed after it is its own.
  const xlsx = await run('xlsx', () => writeTripListXlsx(syntheticExportRows(rows), join(dir, 'trajets.xlsx')));
  await run('csv', () => writeTripListCsv(syntheticExportRows(rows), join(dir, 'trajets.csv')));
  const timeOk = xlsx.seconds < TARGET_SECONDS;
  const rssOk = xlsx.rss < TARGET_RSS_BYTES;
  console.log(`Objectifs xlsx : < ${TARGET_SECONDS} s ${timeOk ? 'atteint' : 'MANQUÉ'} (${fmt(xlsx.seconds)} s), < 1 Go de RSS ${rssOk ? 'atteint' : 'MANQUÉ'} (${formatBytes(xlsx.rss)})`);
  if (values.keep === undefined) rmSync(dir, { recursive: true, force: true });
  if (!timeOk || !rssOk) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
