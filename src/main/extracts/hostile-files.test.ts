import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TripsRepository } from '../db/repositories/trips-repository';
import { createLocationResolver } from '../geo/location-resolver';
import { corpusBase, hostileCases, type CorpusBase, type HostileCase } from '../testing/hostile-files';
import { makeTempDir, TEST_PSEUDONYM_KEY, TempStore } from '../testing/temp-store';
import { ExtractFileError } from './extract-file-error';
import { importExtract, type ImportSummary } from './import-extract';
import { MAX_LINE_CHARS, MAX_RAW_CHARS } from './read-csv';

/**
 * The hostile-file corpus (src/main/testing/hostile-files.ts), generated into a temp directory and imported one file
 * at a time by the importer as the job worker runs it, each on a fresh store: every file is refused with its message
 * or imported with its bad lines rejected, in bounded time and memory. The bounds leave room for a loaded machine
 * but not for what these files did before (a 50 MB line: 1 GB of RSS; a 20 MB line in a gzip: 21 s; a gzip of
 * 1 GiB of zeros: killed after 10 min).
 */

/** Wall time allowed per file, import only (the file is written before). */
const MAX_SECONDS = 6;
/** Growth of the process's resident memory allowed per file, at its peak during the import. */
const MAX_RSS_GROWTH_MB = 300;

const NOW = new Date('2026-11-28T10:00:00Z');

let dir: string;
let base: CorpusBase;
const figures: string[] = [];

beforeAll(async () => {
  dir = makeTempDir();
  base = await corpusBase(dir);
  // The geography reference is loaded once per process; load it here, not inside the first measure.
  createLocationResolver(new Map());
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (figures.length > 0) console.info(`Fichiers hostiles (import seul) :\n${figures.join('\n')}`);
});

interface Measured {
  outcome: { summary: ImportSummary } | { error: unknown };
  seconds: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
}

/** Imports `path` on `store` and measures the import: wall time, and peak growth of RSS and heap. */
async function measuredImport(store: TempStore, path: string): Promise<Measured> {
  const batchId = await new TripsRepository(store.sql()).createBatch({ jobId: null, source: path, format: 'à détecter', startedAt: NOW.toISOString() });
  const before = process.memoryUsage();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    rssPeak = Math.max(rssPeak, now.rss);
    heapPeak = Math.max(heapPeak, now.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  const started = performance.now();
  const outcome = await importExtract(
    { storeAddress: store.storeAddress, filePath: path, batchId, pseudonymKey: TEST_PSEUDONYM_KEY },
    { signal: new AbortController().signal, progress: () => undefined, createResolver: createLocationResolver, now: () => NOW },
  ).then(
    (summary) => ({ summary }),
    (error: unknown) => ({ error }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  // The process's own high-water mark catches a peak between two samples (a loop that never yields).
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  if (maxRssAfter > maxRssBefore) rssPeak = Math.max(rssPeak, maxRssAfter);
  return { outcome, seconds, rssGrowthMb: (rssPeak - before.rss) / 1e6, heapGrowthMb: (heapPeak - before.heapUsed) / 1e6 };
}

/** Stored text that shows UTF-8 read as Windows-1252 (`Ã©`) or a byte that could not be decoded. */
async function garbledTexts(store: TempStore): Promise<string[]> {
  const sql = store.sql();
  const texts = [
    ...(await sql('aom_names_learned').pluck('aom_name')),
    ...(await sql('operators').pluck('name')),
    ...(await sql('rejected_rows').pluck('raw')),
    ...(await sql('trips').pluck('op_incentive_0_name')),
  ] as Array<string | null>;
  return texts.filter((text): text is string => text !== null && /Ã|Â|â€|\uFFFD/.test(text));
}

async function check(hostile: HostileCase): Promise<void> {
  const store = new TempStore();
  try {
    await (await store.open({ now: () => NOW })).close();
    const path = hostile.write(dir);
    let measured: Measured;
    try {
      measured = await measuredImport(store, path);
    } finally {
      rmSync(path, { force: true });
    }
    const { outcome, seconds, rssGrowthMb, heapGrowthMb } = measured;
    const result = 'error' in outcome ? (outcome.error as Error).message : `importé, ${outcome.summary.rowsRead} lues, ${outcome.summary.rowsRejected} rejetées, ${outcome.summary.encoding}`;
    figures.push(`${hostile.name.padEnd(30)} ${seconds.toFixed(2).padStart(6)} s  RSS +${rssGrowthMb.toFixed(0).padStart(4)} Mo  tas +${heapGrowthMb.toFixed(0).padStart(4)} Mo  ${result}`);

    if ('refused' in hostile.expected) {
      if ('summary' in outcome) throw new Error(`${hostile.name} : importé alors qu’il doit être refusé`);
      expect(outcome.error).toBeInstanceOf(ExtractFileError);
      expect((outcome.error as Error).message).toMatch(hostile.expected.refused);
      // A refused file writes no line that the runner would then have to discard (it fails before the first batch).
      expect(await store.count('trips')).toBe(0);
    } else {
      if ('error' in outcome) throw outcome.error;
      const expected = hostile.expected.committed;
      expect(outcome.summary).toMatchObject({ encoding: expected.encoding, rowsRead: expected.rowsRead });
      const rejected: Array<{ line: number; reason: string; raw: string }> = await store.sql()('rejected_rows').select('line', 'reason', 'raw');
      for (const line of expected.rejected) expect(rejected).toContainEqual(expect.objectContaining(line));
      // A line over the limit keeps only its start; any other rejected line keeps all of its text (at most a line).
      for (const row of rejected) expect(row.raw.length).toBeLessThanOrEqual(row.reason === 'ligne trop volumineuse' ? MAX_RAW_CHARS : 2 * MAX_LINE_CHARS);
    }
    expect(await garbledTexts(store)).toEqual([]);
    expect(seconds, `${hostile.name} : durée de l’import`).toBeLessThan(MAX_SECONDS);
    expect(rssGrowthMb, `${hostile.name} : croissance de la mémoire résidente (Mo)`).toBeLessThan(MAX_RSS_GROWTH_MB);
  } finally {
    await store.cleanup();
  }
}

describe('hostile files: each refused with its message or imported with its bad lines rejected, in bounded time and memory', () => {
  // The cases are listed without the base (generated in beforeAll): names and descriptions only depend on the code.
  const cases = hostileCases({ header: '', lines: [] });
  for (const [i, hostile] of cases.entries()) {
    it(`${hostile.name} : ${hostile.what}`, () => check(hostileCases(base)[i] as HostileCase), 60_000);
  }
});
