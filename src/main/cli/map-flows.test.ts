import { existsSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endCliRun, freshCliRun, type CliRun } from '../testing/cli-harness';
import { runCli } from './run-cli';

/**
 * `atelier map flows` against an independent count: the extract file itself, parsed here with papaparse, counted
 * per (start INSEE, end INSEE) of its validated journeys — the CLI must write exactly the pairs at or above the
 * threshold, with those counts, and report the journeys of the others as hidden.
 */

let run: CliRun;
beforeEach(() => {
  run = freshCliRun();
});
afterEach(() => endCliRun(run));

const cli = (...args: string[]): Promise<number> => runCli(args, run.context);

/** Journeys per `origin>destination` of a `;` CSV, counted from the file's own columns. */
function countPairs(file: string, columns: { start: string; end: string; status?: string }): Map<string, number> {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true });
  const counts = new Map<string, number>();
  for (const row of parsed.data) {
    if (columns.status && row[columns.status] !== 'ok') continue;
    const key = `${row[columns.start]}>${row[columns.end]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

interface FlowFeature {
  geometry: { type: string } | null;
  properties: { origin: string; destination: string; origin_name: string | null; destination_name: string | null; journeys: number };
}

/** Runs `atelier map flows` at commune level over a period and reads back its GeoJSON and --json report. */
async function mapFlows(db: string, from: string, to: string, extra: string[] = []): Promise<{ report: Record<string, number>; features: FlowFeature[] }> {
  const out = join(run.dir, `flux-${run.out.length}.geojson`);
  run.out.length = 0;
  expect(await cli('map', 'flows', '--db', db, '--level', 'commune', '--from', from, '--to', to, '--out', out, '--json', ...extra)).toBe(0);
  const report = JSON.parse(run.out.join('\n')) as Record<string, number>;
  return { report, features: (JSON.parse(readFileSync(out, 'utf8')) as { features: FlowFeature[] }).features };
}

function expectSameFlows(features: FlowFeature[], report: Record<string, number>, expected: Map<string, number>, threshold: number): void {
  const shown = [...expected].filter(([, journeys]) => journeys >= threshold);
  const hidden = [...expected].filter(([, journeys]) => journeys < threshold);
  expect(shown.length).toBeGreaterThan(5);
  expect(new Map(features.map((feature) => [`${feature.properties.origin}>${feature.properties.destination}`, feature.properties.journeys]))).toEqual(new Map(shown));
  expect(report).toMatchObject({
    flows: shown.length,
    journeys_shown: shown.reduce((sum, [, n]) => sum + n, 0),
    journeys_hidden_below_threshold: hidden.reduce((sum, [, n]) => sum + n, 0),
  });
}

describe('atelier map flows', () => {
  it('writes the flows of a generated territory extract as an independent count gives them, under the threshold hidden', async () => {
    const extract = join(run.dir, 'territoire.csv');
    const db = join(run.dir, 'base.sqlite');
    expect(await cli('generate', '--rows', '3000', '--format', 'territory', '--seed', '9', '--from', '2025-03-01', '--days', '40', '--out', extract)).toBe(0);
    expect(await cli('import', extract, '--db', db)).toBe(0);
    const expected = countPairs(extract, { start: 'start_insee', end: 'end_insee', status: 'status' });
    const { report, features } = await mapFlows(db, '2025-02-01', '2025-05-31');
    expectSameFlows(features, report, expected, 6);
    const line = features.find((feature) => feature.properties.origin !== feature.properties.destination);
    expect(line?.geometry?.type).toBe('LineString');
    expect(line?.properties.origin_name).toBeTruthy();

    // A higher threshold hides more; a lower one is raised to the setting, with a warning.
    const high = await mapFlows(db, '2025-02-01', '2025-05-31', ['--min-count', '15']);
    expectSameFlows(high.features, high.report, expected, 15);
    const low = await mapFlows(db, '2025-02-01', '2025-05-31', ['--min-count', '2']);
    expect(low.report.min_count).toBe(6);
    expect(run.err.join('')).toContain('Seuil de confidentialité relevé à 6');
  });

  it('refuses a bad level, territory or output with exit code 1', async () => {
    const db = join(run.dir, 'base.sqlite');
    expect(await cli('map', 'flows', '--db', db, '--level', 'canton', '--from', '2025-01-01', '--to', '2025-01-31', '--out', join(run.dir, 'f.geojson'))).toBe(1);
    expect(await cli('map', 'flows', '--db', db, '--level', 'dep', '--territory', '44', '--from', '2025-01-01', '--to', '2025-01-31', '--out', join(run.dir, 'f.geojson'))).toBe(1);
    expect(await cli('map', 'flows', '--db', db, '--level', 'dep', '--from', '2025-01-01', '--to', '2025-01-31', '--out', join(run.dir, 'f.txt'))).toBe(1);
    expect(run.err.join('')).toMatch(/NIVEAU:CODE/);
  });

  const openData = resolvePath(__dirname, '../../../../shared/data/opendata/2022-01-head-5000.csv');
  it.skipIf(!existsSync(openData))('writes the flows of the real open data of January 2022 as counted from the file', async () => {
    const db = join(run.dir, 'base.sqlite');
    expect(await cli('import', openData, '--db', db)).toBe(0);
    const expected = countPairs(openData, { start: 'journey_start_insee', end: 'journey_end_insee' });
    const { report, features } = await mapFlows(db, '2021-12-31', '2022-01-31');
    expectSameFlows(features, report, expected, 6);
  });
});
