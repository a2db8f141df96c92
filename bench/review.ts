/**
 * Benchmark of the review on a store: 1,000,000 generated Pays de la Loire journeys plus labelled injected patterns,
 * stored; then the scan job end to end (read, every check, flags stored), the review queue (journeys, persons,
 * filters), the detail views, a decision, the exclusions and the case files. Prints seconds / milliseconds and peak
 * RSS, with a reference measured in the same run: one plain read of every journey's checked columns, parsed.
 * Targets: queue pages and details < 200 ms (an investigator clicks through them).
 *
 *   npm run bench:review -- [--rows 1000000] [--keep DIR]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../src/main/db/connection';
import { injectPatterns } from '../src/main/domain/checks';
import { PAYS_DE_LA_LOIRE } from '../src/main/domain/demo/demo-geography';
import { demoJourneyId, generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import type { TripRow } from '../src/main/domain/trips/trip-row';
import { benchDir, DEMO_OPERATOR_IDS, fillStore, fmt, openServices, peakRssMb, runMain, timeRuns } from './common';

/** Stores the generated journeys, then the patterns injected on a sample of them, with their labels. */
async function fill(storeAddress: string, rows: number): Promise<void> {
  const templates: TripRow[] = [];
  const injected = { trips: [] as TripRow[], labels: {} as Record<string, string[]> };
  function* journeys(): Generator<TripRow> {
    let count = 0;
    for (const trip of generateDemoTrips({ seed: 11, journeys: rows, firstDay: '2026-08-01', days: 92, operatorIds: DEMO_OPERATOR_IDS, region: PAYS_DE_LA_LOIRE })) {
      if (count++ % 50 === 0) templates.push(trip);
      yield trip;
    }
    Object.assign(injected, injectPatterns(templates, { seed: 11, perPattern: 10, firstJourneyId: demoJourneyId(11, count + 1) }));
    yield* injected.trips.slice(templates.length);
  }
  await fillStore(storeAddress, {
    source: 'bench:review', journeys: journeys(), periodFrom: '2026-08-01', periodTo: '2026-10-31', afterInsert: (trips) => trips.saveDemoLabels(injected.labels),
  });
}

/** One timed view: best of three (the first warms SQLite's page cache like a second click does); a decision once. */
export interface TimedView {
  /** A queue page, a detail view, or an action (decision, exclusions). */
  kind: 'page' | 'detail' | 'action';
  label: string;
  ms: number;
  detail: string;
}

/** What `bench:review` measures. */
export interface ReviewFigures {
  rows: number;
  dir: string;
  fillSeconds: number;
  referenceRows: number;
  referenceSeconds: number;
  scanSeconds: number;
  flags: number;
  scanPeakRssMb: number;
  quality: Array<{ checkId: string; precision: number; recall: number }>;
  /** Queue pages, detail views and actions, in the order they were measured. */
  views: TimedView[];
  casesSeconds: number;
  casesJourneys: number;
  casesFiles: number;
  peakRssMb: number;
}

/** Fills a store of `rows` journeys with injected patterns in `dir`, scans it and times the review views on it. */
export async function measureReview(rows: number, dir: string): Promise<ReviewFigures> {
  const storeAddress = join(dir, 'atelier.sqlite');
  let started = performance.now();
  await fill(storeAddress, rows);
  const fillSeconds = (performance.now() - started) / 1000;

  const services = await openServices(storeAddress, dir, 'bench');
  try {
    const db = await openMigratedDatabase(storeAddress);
    started = performance.now();
    // The columns the scan reads, one JSON array per row, parsed: what any check of the whole store must pay.
    const read = (await db.raw(
      `SELECT json_array(natural_key, operator_id, operator_trip_id, status, start_at, end_at, start_local, duration_s, distance_m, start_lat, start_lon,
         end_lat, end_lon, start_insee, end_insee, seats, driver_identity_key, passenger_identity_key, operator_driver_id, operator_passenger_id,
         driver_revenue_cents, passenger_contribution_cents, rpc_incentive_0_cents, rpc_incentive_1_cents, rpc_incentive_2_cents) AS r FROM trips`,
    )) as Array<{ r: string }>;
    const referenceRows = read.map((row) => JSON.parse(row.r) as unknown[]).length;
    const referenceSeconds = (performance.now() - started) / 1000;
    await db.destroy();

    started = performance.now();
    const done = await services.runner.wait(await services.checks.scan({}));
    if (done?.status !== 'done') throw new Error(`analyse en échec : ${done?.error ?? done?.status}`);
    const scanSeconds = (performance.now() - started) / 1000;
    const scanPeakRssMb = peakRssMb();
    const summary = done.summary as { flags: number; quality: Array<{ checkId: string; precision: number; recall: number }> };

    const views: TimedView[] = [];
    const timed = async <T>(kind: TimedView['kind'], label: string, action: () => Promise<T>, describe: (result: T) => string): Promise<T> => {
      const { bestMs, result } = await timeRuns(3, action);
      views.push({ kind, label, ms: bestMs, detail: describe(result) });
      return result;
    };
    const page = await timed('page', 'trajets, signalements propres', () => services.reviews.page({ kind: 'journeys' }), (p) => `${fmt(p.total, 0)} trajets`);
    await timed('page', 'trajets, statut du registre seulement', () => services.reviews.page({ kind: 'journeys', group: 'registry' }), (p) => `${fmt(p.total, 0)} trajets`);
    await timed('page', 'trajets, T10 et G04 masqués', () => services.reviews.page({ kind: 'journeys', hidden: ['T10', 'G04'] }), (p) => `${fmt(p.total, 0)} trajets, ${fmt(p.hiddenRows, 0)} laissés de côté`);
    await timed('page', 'trajets, gravité élevée', () => services.reviews.page({ kind: 'journeys', severity: 'high' }), (p) => `${fmt(p.total, 0)} trajets`);
    await timed('page', 'trajets, contrôle H02, opérateur 1, septembre', () => services.reviews.page({ kind: 'journeys', check: 'H02', operatorId: 1, from: '2026-09-01', to: '2026-09-30' }), (p) => `${fmt(p.total, 0)} trajets`);
    await timed('page', 'trajets, territoire dep 44, sans décision', () => services.reviews.page({ kind: 'journeys', territory: { level: 'dep', code: '44' }, decision: 'none' }), (p) => `${fmt(p.total, 0)} trajets`);
    await timed('page', 'trajets, gravité à vérifier, T10 masqué, page 3', () => services.reviews.page({ kind: 'journeys', severity: 'warning', hidden: ['T10'], offset: 100 }), (p) => `${fmt(p.total, 0)} trajets`);
    const persons = await timed('page', 'personnes', () => services.reviews.page({ kind: 'persons' }), (p) => `${fmt(p.total, 0)} personnes`);
    await timed('page', 'personnes, contrôle G03', () => services.reviews.page({ kind: 'persons', check: 'G03' }), (p) => `${fmt(p.total, 0)} personnes`);
    await timed('page', 'personnes, G04 masqué', () => services.reviews.page({ kind: 'persons', hidden: ['G04'] }), (p) => `${fmt(p.total, 0)} personnes, ${fmt(p.hiddenRows, 0)} laissées de côté`);
    await timed('page', 'personnes, gravité élevée, territoire dep 44', () => services.reviews.page({ kind: 'persons', severity: 'high', territory: { level: 'dep', code: '44' } }), (p) => `${fmt(p.total, 0)} personnes`);
    const first = page.journeys[0];
    const person = persons.persons[0];
    if (first) await timed('detail', 'détail d’un trajet', () => services.reviews.journey(first.naturalKey), (d) => `${d.flags.length} signalements, ${d.linked.length} trajets liés`);
    if (person) await timed('detail', 'détail d’une personne', () => services.reviews.person(person.person), (d) => `${fmt(d.total, 0)} trajets, ${d.graph.nodes.length} personnes liées`);
    if (person) {
      started = performance.now();
      const decided = await services.reviews.decide({ subjects: [{ kind: 'person', key: person.person }], decision: 'confirmed', comment: 'bench' });
      views.push({ kind: 'action', label: 'décision (audit compris)', ms: performance.now() - started, detail: '' });
      await timed('action', 'exclusions', () => services.reviews.exclusions(), (e) => `${fmt(e.excludedTrips, 0)} trajets exclus`);
      if (decided.statsJobId) await services.runner.wait(decided.statsJobId);
    }
    started = performance.now();
    const cases = await services.runner.wait(await services.exports.cases({}, join(dir, 'dossiers')));
    return {
      rows, dir, fillSeconds, referenceRows, referenceSeconds, scanSeconds, flags: summary.flags, scanPeakRssMb, quality: summary.quality, views,
      casesSeconds: (performance.now() - started) / 1000, casesJourneys: Number(cases?.summary?.journeys ?? 0),
      casesFiles: (cases?.summary?.files as string[] | undefined)?.length ?? 0, peakRssMb: peakRssMb(),
    };
  } finally {
    await services.close();
  }
}

function print(figures: ReviewFigures): void {
  console.log(`Base de ${fmt(figures.rows, 0)} trajets générés (Pays de la Loire, 92 jours) + motifs injectés, dans ${figures.dir}`);
  console.log(`  remplissage : ${fmt(figures.fillSeconds)} s`);
  console.log(`Référence : une lecture de tous les trajets (${fmt(figures.referenceRows, 0)}) : ${fmt(figures.referenceSeconds, 2)} s`);
  console.log(
    `Analyse de toute la base (lecture + contrôles + écriture des signalements) : ${fmt(figures.scanSeconds, 1)} s, ${fmt(figures.flags, 0)} signalements, ` +
      `${fmt(figures.scanSeconds / figures.referenceSeconds, 1)} × la référence, pic RSS ${fmt(figures.scanPeakRssMb, 0)} Mo`,
  );
  console.log(`  précision / rappel : ${figures.quality.map((s) => `${s.checkId} ${fmt(s.precision * 100, 0)}/${fmt(s.recall * 100, 0)} %`).join(', ')}`);
  console.log('File de revue et détails (meilleur de 3) :');
  for (const view of figures.views) console.log(`  ${view.label.padEnd(44)} ${fmt(view.ms, 1).padStart(8)} ms  ${view.detail}`.trimEnd());
  console.log(`Dossiers de contrôle : ${fmt(figures.casesSeconds, 1)} s, ${fmt(figures.casesJourneys, 0)} trajets, ${figures.casesFiles} fichiers`);
  console.log(`Pic RSS du processus (worker compris) : ${fmt(figures.peakRssMb, 0)} Mo`);
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
  const { dir, dispose } = benchDir('review', values.keep);
  runMain(async () => print(await measureReview(Number(values.rows), dir)), dispose);
}
