/**
 * Benchmark of the anomaly and fraud checks: 1,000,000 generated journeys with labelled injected patterns
 * (self-carpool, overlapping trips, cross-operator duplicates, role-swap rings, impossible speeds, teleports,
 * robotic regularity, simultaneous groups), every check run once in a single `runChecks`: time of the shared
 * context and of each index, time per check (indexes excluded), total, peak RSS, and precision/recall per check
 * against the injected labels (flags already present on the base data left out). Target: total < 10 s.
 *
 * The journeys are given as the scan of the store gives them (`workers/tasks/checks-scan.ts`): objects with the
 * `CheckTrip` fields only, generated row by row, so that neither the heap nor the peak RSS carries 70-column rows the
 * checks never read. `--full-rows` passes whole `TripRow`s instead (the former setting: a heap twice as large, whose
 * full collections cost twice as much).
 *
 * A reference is measured in the same run, on the same machine state: one plain sort of all journeys by start
 * (`Array.prototype.sort` on the rows, comparing `start_at`), so that totals can be compared across machines. A full
 * garbage collection runs before both measures: the garbage left by generating the data is not the checks' cost.
 *
 *   npm run bench:scan -- [--rows 1000000] [--per-pattern 200] [--fake-router] [--full-rows]
 *
 * `--fake-router` runs T07 with a straight-line × 1.3 router at 60 km/h (to time the check; a real router is slower).
 */
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  CHECK_CATALOGUE, injectPatterns, precisionRecall, runChecks, type CheckFlag, type CheckScore, type CheckTrip, type RouteProvider,
} from '../src/main/domain/checks';
import { haversineMetres } from '../src/main/domain/checks/geometry';
import { demoJourneyId, generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import type { TripRow } from '../src/main/domain/trips/trip-row';
import { DEMO_OPERATOR_IDS, fmt, peakRssMb } from './common';

/** The fields the checks read, as the scan of the store selects them. */
const toCheckTrip = (t: TripRow): CheckTrip => ({
  natural_key: t.natural_key, operator_id: t.operator_id, operator_trip_id: t.operator_trip_id, status: t.status,
  start_at: t.start_at, end_at: t.end_at, start_local: t.start_local, duration_s: t.duration_s, distance_m: t.distance_m,
  start_lat: t.start_lat, start_lon: t.start_lon, end_lat: t.end_lat, end_lon: t.end_lon, start_insee: t.start_insee, end_insee: t.end_insee,
  seats: t.seats, driver_identity_key: t.driver_identity_key, passenger_identity_key: t.passenger_identity_key,
  operator_driver_id: t.operator_driver_id, operator_passenger_id: t.operator_passenger_id, driver_revenue_cents: t.driver_revenue_cents,
  passenger_contribution_cents: t.passenger_contribution_cents,
  rpc_incentive_0_cents: t.rpc_incentive_0_cents, rpc_incentive_1_cents: t.rpc_incentive_1_cents, rpc_incentive_2_cents: t.rpc_incentive_2_cents,
});

/** Flags reduced to one per check naming all its journeys: all `precisionRecall` needs of the baseline, lighter. */
function journeysByCheck(flags: readonly CheckFlag[]): CheckFlag[] {
  const keys = new Map<string, Set<string>>();
  for (const flag of flags) {
    const set = keys.get(flag.checkId) ?? new Set<string>();
    for (const key of flag.journeyKeys) set.add(key);
    keys.set(flag.checkId, set);
  }
  return [...keys].map(([checkId, set]) => ({ checkId, severity: 'info', journeyKeys: [...set], persons: [], evidence: {} }));
}

/**
 * Base journeys, labelled injected ones and the baseline flags. Whole rows: patterns injected among all of them. Check
 * rows: each generated row is reduced as it comes; patterns copy their journeys from one row in 20 (same operators,
 * same geography) and are reduced too.
 */
function journeys(options: ChecksOptions): { trips: CheckTrip[]; labels: Record<string, string[]>; baseline: CheckFlag[] } {
  const { perPattern } = options;
  const generated = generateDemoTrips({ seed: 17, journeys: options.rows, firstDay: '2026-01-05', days: 90, operatorIds: DEMO_OPERATOR_IDS });
  if (options.fullRows) {
    const base = [...generated];
    const baseline = journeysByCheck(runChecks(base));
    return { ...injectPatterns(base, { seed: 23, perPattern, firstJourneyId: demoJourneyId(17, base.length + 1) }), baseline };
  }
  const base: CheckTrip[] = [];
  const templates: TripRow[] = [];
  for (const row of generated) {
    if (base.length % 20 === 0) templates.push(row);
    base.push(toCheckTrip(row));
  }
  const baseline = journeysByCheck(runChecks(base));
  const { trips: withTemplates, labels } = injectPatterns(templates, { seed: 23, perPattern, firstJourneyId: demoJourneyId(17, base.length + 1) });
  for (let k = templates.length; k < withTemplates.length; k += 1) base.push(toCheckTrip(withTemplates[k] as TripRow));
  return { trips: base, labels, baseline };
}

/** What `bench:scan` is asked for (see the header). */
export interface ChecksOptions {
  rows: number;
  perPattern: number;
  fakeRouter: boolean;
  fullRows: boolean;
}

/** What `bench:scan` measures: every check once over the journeys, against one plain sort of them. */
export interface ChecksFigures {
  trips: number;
  injected: number;
  totalMs: number;
  referenceMs: number;
  flags: number;
  /** Milliseconds of the shared context, of each index and of each check (indexes excluded), by step name. */
  timings: Map<string, number>;
  flagsByCheck: Map<string, number>;
  scores: CheckScore[];
  peakRssMb: number;
}

/** Generates the journeys with their labelled patterns, then times the reference and every check once. */
export function measureChecks(options: ChecksOptions): ChecksFigures {
  const { trips, labels, baseline } = journeys(options);
  // The garbage of generation and of the baseline run is collected now, so that neither measure below pays for it.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();

  // Reference: one plain pass sorting all journeys by start, measured now, on the same rows.
  let started = performance.now();
  const sorted = trips.slice().sort((a, b) => (a.start_at < b.start_at ? -1 : a.start_at > b.start_at ? 1 : 0));
  const referenceMs = performance.now() - started;
  sorted.length = 0;

  const router: RouteProvider = {
    route(startLat, startLon, endLat, endLon) {
      const distanceM = haversineMetres(startLat, startLon, endLat, endLon) * 1.3;
      return { distanceM, durationS: distanceM / (60 / 3.6) };
    },
  };
  const timings = new Map<string, number>();
  started = performance.now();
  const flags = runChecks(trips, {}, { onTiming: (step, ms) => timings.set(step, ms), ...(options.fakeRouter ? { routeProvider: router } : {}) });
  const totalMs = performance.now() - started;

  const flagsByCheck = new Map<string, number>();
  for (const flag of flags) flagsByCheck.set(flag.checkId, (flagsByCheck.get(flag.checkId) ?? 0) + 1);
  return {
    trips: trips.length, injected: Object.keys(labels).length, totalMs, referenceMs, flags: flags.length, timings, flagsByCheck,
    scores: precisionRecall(flags, labels, baseline), peakRssMb: peakRssMb(),
  };
}

function print(options: ChecksOptions, figures: ChecksFigures): void {
  const seconds = (ms: number): string => `${fmt(ms / 1000, 2)} s`;
  const { trips, totalMs, referenceMs, timings } = figures;
  console.log(`${fmt(trips, 0)} trajets (dont ${fmt(figures.injected, 0)} injectés et étiquetés)${options.fullRows ? ', lignes complètes' : ''}`);
  console.log(`Tous les contrôles ensemble : ${seconds(totalMs)} (${fmt(trips / (totalMs / 1000), 0)} trajets/s), ${fmt(figures.flags, 0)} signalements — objectif < 10 s`);
  console.log(`Référence (même exécution) : tri de tous les trajets par départ en ${seconds(referenceMs)} — total = ${fmt(totalMs / referenceMs, 1)} × la référence`);
  console.log('Étapes communes (une fois par analyse) :');
  for (const [step, ms] of timings) if (step === 'context' || step.startsWith('index:')) console.log(`  ${step.padEnd(20)} ${seconds(ms)}`);
  console.log('Par contrôle (index exclus) :');
  for (const meta of CHECK_CATALOGUE) {
    const ms = timings.get(meta.id);
    const time = ms === undefined ? 'désactivé' : seconds(ms);
    console.log(`  ${meta.id.padEnd(7)} ${time.padStart(9)} — ${fmt(figures.flagsByCheck.get(meta.id) ?? 0, 0).padStart(7)} signalements — ${meta.label}`);
  }
  console.log('Précision / rappel sur les motifs injectés :');
  for (const score of figures.scores) {
    // The fake router says nothing of real journeys: T07 is only timed.
    if (options.fakeRouter && score.checkId.startsWith('T07@')) continue;
    console.log(`  ${score.checkId.padEnd(7)} précision ${fmt(score.precision, 3)}, rappel ${fmt(score.recall, 3)} (VP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives})`);
  }
  console.log(`Pic RSS : ${fmt(figures.peakRssMb, 0)} Mo`);
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' }, 'per-pattern': { type: 'string', default: '200' },
      'fake-router': { type: 'boolean', default: false }, 'full-rows': { type: 'boolean', default: false },
    },
  });
  const options: ChecksOptions = { rows: Number(values.rows), perPattern: Number(values['per-pattern']), fakeRouter: values['fake-router'], fullRows: values['full-rows'] };
  print(options, measureChecks(options));
}
