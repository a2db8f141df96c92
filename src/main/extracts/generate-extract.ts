import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { ZipFile } from 'yazl';
import { DEMO_AOM_NAMES, DEMO_OPERATORS, DEMO_REGIONS, type DemoRegion } from '../domain/demo/demo-geography';
import { generateDemoTrips } from '../domain/demo/generate-demo-trips';
import { extractHeader, extractLine, type ExtractNames, type GeneratedFormat } from '../domain/extracts/write-extract-row';
import { createGeoResolver, withAom } from '../domain/geo/geo-resolver';
import { loadDecoupageReference, postalCodesByInsee } from '../geo/decoupage-reference';

/** What `atelier generate` is asked for. */
export interface GenerateExtractOptions {
  /** Number of journeys (rows) to write. */
  rows: number;
  format: GeneratedFormat;
  /** Seed of the generator: same seed and options, same bytes. */
  seed: number;
  /** Destination; the container follows the extension: `.csv`, `.csv.gz` or `.zip` (one CSV inside). */
  out: string;
  region: DemoRegion;
  /** First local day, `YYYY-MM-DD`, and number of days of the period. */
  firstDay: string;
  days: number;
  /** Called about every 10,000 rows with the rows written so far. */
  onProgress?: (written: number) => void;
  signal?: AbortSignal;
}

/** What was written. */
export interface GenerateExtractResult {
  file: string;
  format: GeneratedFormat;
  rows: number;
  bytes: number;
}

/** Operators get store-like ids 1…n so the operator column can be printed back from `operator_id`. */
const OPERATOR_IDS: Readonly<Record<string, number>> = Object.fromEntries(DEMO_OPERATORS.map((operator, i) => [operator.name, i + 1]));

/** Names as the registry prints them: COG 2026 names, demo AOM names, the demo operators. */
function extractNames(region: DemoRegion): ExtractNames {
  const aomByCommune = new Map(DEMO_REGIONS[region].communes.map((commune) => [commune.com ?? commune.code, commune.aom]));
  const resolver = createGeoResolver(withAom(loadDecoupageReference(), aomByCommune, new Map(Object.entries(DEMO_AOM_NAMES))));
  const postal = postalCodesByInsee();
  return {
    name: (level, code) => resolver.name(level, code),
    postalCode: (insee) => postal.get(insee) ?? null,
    operator: (id) => (id === null ? null : DEMO_OPERATORS[id - 1]?.name ?? null),
  };
}

/** Lines are gathered into chunks of about this many characters before each write (fewer, larger writes). */
const CHUNK_CHARS = 1 << 20;

async function writeLines(sink: Writable, options: GenerateExtractOptions): Promise<number> {
  const names = extractNames(options.region);
  let chunk = `${extractHeader(options.format)}\n`;
  let written = 0;
  const flush = async (): Promise<void> => {
    if (!sink.write(chunk)) await once(sink, 'drain', { signal: options.signal });
    chunk = '';
  };
  const trips = generateDemoTrips({
    seed: options.seed,
    journeys: options.rows,
    firstDay: options.firstDay,
    days: options.days,
    operatorIds: OPERATOR_IDS,
    region: options.region,
  });
  for (const trip of trips) {
    chunk += `${extractLine(options.format, trip, names)}\n`;
    written += 1;
    if (chunk.length >= CHUNK_CHARS) {
      options.signal?.throwIfAborted();
      await flush();
    }
    if (written % 10_000 === 0) options.onProgress?.(written);
  }
  await flush();
  sink.end();
  if (written % 10_000 !== 0) options.onProgress?.(written);
  return written;
}

/**
 * Writes a synthetic extract in one of the registry's formats, streamed (memory stays flat whatever the size).
 * The file appears under its final name only when complete: it is written to `<out>.partial` first and that
 * file is removed if generation fails or is cancelled.
 */
export async function generateExtractFile(options: GenerateExtractOptions): Promise<GenerateExtractResult> {
  const partial = `${options.out}.partial`;
  const file = createWriteStream(partial);
  const lower = options.out.toLowerCase();
  try {
    let rows: number;
    if (lower.endsWith('.zip')) {
      // The registry zips a CSV of the same base name (rpc-…-territory-<uuid>.zip → .csv).
      const zip = new ZipFile();
      const entry = new PassThrough();
      zip.addReadStream(entry, basename(options.out).replace(/\.zip$/i, '.csv'));
      zip.end();
      const done = pipeline(zip.outputStream, file);
      rows = await writeLines(entry, options);
      await done;
    } else if (lower.endsWith('.gz')) {
      const gzip = createGzip();
      const done = pipeline(gzip, file);
      rows = await writeLines(gzip, options);
      await done;
    } else {
      const done = new Promise<void>((resolve, reject) => file.once('finish', resolve).once('error', reject));
      rows = await writeLines(file, options);
      await done;
    }
    renameSync(partial, options.out);
    return { file: options.out, format: options.format, rows, bytes: statSync(options.out).size };
  } catch (error) {
    file.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}
