/**
 * Benchmark of the review on a store: 1,000,000 generated Pays de la Loire journeys plus labelled injected patterns,
 * stored; then the scan job end to end (read, every check, flags stored), the review queue (journeys, persons,
 * filters), the detail views, a decision, the exclusions and the case files. Prints seconds / milliseconds and peak
 * RSS, with a reference measured in the same run: one plain read of every journey's checked columns, parsed.
 * Targets: queue pages and details < 200 ms (an investigator clicks through them).
 *
 *   npm run bench:review -- [--rows 1000000] [--keep DIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../src/main/db/connection';
import { TripsRepository } from '../src/main/db/repositories/trips-repository';
import { injectPatterns } from '../src/main/domain/checks';
import { DEMO_OPERATORS, PAYS_DE_LA_LOIRE } from '../src/main/domain/demo/demo-geography';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import type { TripRow } from '../src/main/domain/trips/trip-row';
import { createAppServices, type AppServices } from '../src/main/services/app-services';
import { bundledWorker } from '../src/main/workers/worker-location';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
const rows = Number(values.rows);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'atelier-bench-review-'));
const dbFile = join(dir, 'atelier.sqlite');
const fmt = (n: number, digits = 1): string => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
const rssMb = (): number => process.resourceUsage().maxRSS / 1024;
const OPERATOR_IDS = Object.fromEntries(DEMO_OPERATORS.map((operator, index) => [operator.name, index + 1]));

/** Stores the generated journeys, then the patterns injected on a sample of them, with their labels. */
async function fill(): Promise<void> {
  const db = await openMigratedDatabase(dbFile);
  const trips = new TripsRepository(db);
  for (const operator of DEMO_OPERATORS) await trips.operatorId(operator.name, operator.uuid);
  const batchId = await trips.createBatch({ jobId: null, source: 'bench:review', format: 'demo', startedAt: new Date().toISOString() });
  const templates: TripRow[] = [];
  let batch: TripRow[] = [];
  let count = 0;
  for (const trip of generateDemoTrips({ seed: 11, journeys: rows, firstDay: '2026-08-01', days: 92, operatorIds: OPERATOR_IDS, region: PAYS_DE_LA_LOIRE })) {
    if (count++ % 50 === 0) templates.push(trip);
    batch.push(trip);
    if (batch.length === 5_000) {
      await trips.insertTrips(batchId, batch);
      batch = [];
    }
  }
  const injected = injectPatterns(templates, { seed: 11, perPattern: 10 });
  await trips.insertTrips(batchId, [...batch, ...injected.trips.slice(templates.length)]);
  await trips.saveDemoLabels(injected.labels);
  await trips.commitBatch(batchId, { rowsRead: rows, rowsInserted: rows, rowsUpdated: 0, rowsUnchanged: 0, rowsRejected: 0, periodFrom: '2026-08-01', periodTo: '2026-10-31' }, new Date().toISOString());
  await db.destroy();
}

/** Milliseconds of `action`, best of three (the first warms SQLite's page cache like a second click does). */
async function timed<T>(label: string, action: () => Promise<T>, describe: (result: T) => string): Promise<T> {
  let best = Infinity;
  let result: T | undefined;
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    result = await action();
    best = Math.min(best, performance.now() - started);
  }
  console.log(`  ${label.padEnd(44)} ${fmt(best, 1).padStart(8)} ms  ${describe(result as T)}`);
  return result as T;
}

async function main(): Promise<void> {
  console.log(`Base de ${fmt(rows, 0)} trajets générés (Pays de la Loire, 92 jours) + motifs injectés, dans ${dir}`);
  let started = performance.now();
  await fill();
  console.log(`  remplissage : ${fmt((performance.now() - started) / 1000)} s`);

  const services: AppServices = await createAppServices({ dbFile, dataDir: dir, mode: 'cli', worker: bundledWorker(resolve(__dirname, '../out/main')), version: 'bench', actor: 'bench' });
  try {
    const db = await openMigratedDatabase(dbFile);
    started = performance.now();
    // The columns the scan reads, one JSON array per row, parsed: what any check of the whole store must pay.
    const read = (await db.raw(
      `SELECT json_array(natural_key, operator_id, operator_trip_id, status, start_at, end_at, start_local, duration_s, distance_m, start_lat, start_lon,
         end_lat, end_lon, start_insee, end_insee, seats, driver_identity_key, passenger_identity_key, operator_driver_id, operator_passenger_id,
         driver_revenue_cents, passenger_contribution_cents, rpc_incentive_0_cents, rpc_incentive_1_cents, rpc_incentive_2_cents) AS r FROM trips`,
    )) as Array<{ r: string }>;
    const n = read.map((row) => JSON.parse(row.r) as unknown[]).length;
    const reference = (performance.now() - started) / 1000;
    await db.destroy();
    console.log(`Référence : une lecture de tous les trajets (${fmt(n, 0)}) : ${fmt(reference, 2)} s`);

    started = performance.now();
    const done = await services.runner.wait(await services.checks.scan({}));
    if (done?.status !== 'done') throw new Error(`analyse en échec : ${done?.error ?? done?.status}`);
    const seconds = (performance.now() - started) / 1000;
    const summary = done.summary as { flags: number; quality: Array<{ checkId: string; precision: number; recall: number }> };
    console.log(`Analyse de toute la base (lecture + contrôles + écriture des signalements) : ${fmt(seconds, 1)} s, ${fmt(summary.flags, 0)} signalements, ${fmt(seconds / reference, 1)} × la référence, pic RSS ${fmt(rssMb(), 0)} Mo`);
    console.log(`  précision / rappel : ${summary.quality.map((s) => `${s.checkId} ${fmt(s.precision * 100, 0)}/${fmt(s.recall * 100, 0)} %`).join(', ')}`);

    console.log('File de revue et détails (meilleur de 3) :');
    const page = await timed('trajets, tri par incitations en jeu', () => services.reviews.page({ kind: 'journeys' }), (p) => `${fmt(p.total, 0)} trajets`);
    await timed('trajets, gravité élevée', () => services.reviews.page({ kind: 'journeys', severity: 'high' }), (p) => `${fmt(p.total, 0)} trajets`);
    await timed('trajets, contrôle H02, opérateur 1, septembre', () => services.reviews.page({ kind: 'journeys', check: 'H02', operatorId: 1, from: '2026-09-01', to: '2026-09-30' }), (p) => `${fmt(p.total, 0)} trajets`);
    await timed('trajets, territoire dep 44, sans décision', () => services.reviews.page({ kind: 'journeys', territory: { level: 'dep', code: '44' }, decision: 'none' }), (p) => `${fmt(p.total, 0)} trajets`);
    const persons = await timed('personnes', () => services.reviews.page({ kind: 'persons' }), (p) => `${fmt(p.total, 0)} personnes`);
    await timed('personnes, contrôle G03', () => services.reviews.page({ kind: 'persons', check: 'G03' }), (p) => `${fmt(p.total, 0)} personnes`);
    const first = page.journeys[0];
    const person = persons.persons[0];
    if (first) await timed('détail d’un trajet', () => services.reviews.journey(first.naturalKey), (d) => `${d.flags.length} signalements, ${d.linked.length} trajets liés`);
    if (person) await timed('détail d’une personne', () => services.reviews.person(person.person), (d) => `${fmt(d.total, 0)} trajets, ${d.graph.nodes.length} personnes liées`);
    if (person) {
      started = performance.now();
      const decided = await services.reviews.decide({ subjects: [{ kind: 'person', key: person.person }], decision: 'confirmed', comment: 'bench' });
      console.log(`  décision (audit compris)                      ${fmt(performance.now() - started, 1).padStart(8)} ms`);
      await timed('exclusions', () => services.reviews.exclusions(), (e) => `${fmt(e.excludedTrips, 0)} trajets exclus`);
      if (decided.statsJobId) await services.runner.wait(decided.statsJobId);
    }
    started = performance.now();
    const cases = await services.runner.wait(await services.exports.cases({}, join(dir, 'dossiers')));
    console.log(`Dossiers de contrôle : ${fmt((performance.now() - started) / 1000, 1)} s, ${fmt(Number(cases?.summary?.journeys ?? 0), 0)} trajets, ${(cases?.summary?.files as string[] | undefined)?.length ?? 0} fichiers`);
    console.log(`Pic RSS du processus (worker compris) : ${fmt(rssMb(), 0)} Mo`);
  } finally {
    await services.close();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
