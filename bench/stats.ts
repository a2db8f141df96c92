/**
 * Benchmark of the Statistiques dashboards: fills a store with N generated journeys spread over every commune of
 * Pays de la Loire (about 1,240 communes, real INSEE codes, EPCI and départements from the COG; AOMs from the
 * store's table, else the Région), rebuilds the aggregates with the `stats.refresh` job, then times the dashboard
 * queries (target < 200 ms each) against the same key figures computed straight from `trips` in the same run.
 *
 *   npm run bench:stats -- [--rows 10000000] [--keep DIR]
 *
 * With --keep, an existing store in DIR is reused (the fill is skipped; the refresh too unless --refresh).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StatsQuery } from '../src/shared/types/stats';
import { openMigratedDatabase } from '../src/main/db/connection';
import { TripsRepository } from '../src/main/db/repositories/trips-repository';
import { DEMO_COMMUNES, DEMO_OPERATORS, PAYS_DE_LA_LOIRE, type DemoCommune } from '../src/main/domain/demo/demo-geography';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import type { TripRow } from '../src/main/domain/trips/trip-row';
import { createAppServices } from '../src/main/services/app-services';
import { bundledWorker } from '../src/main/workers/worker-location';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, keep: { type: 'string' }, refresh: { type: 'boolean', default: false } } });
const rows = Number(values.rows);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'atelier-bench-stats-'));
const dbFile = join(dir, 'stats.sqlite');
const fmt = (n: number, digits = 1): string => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
const REGION_AOM = '234400034';

/** Every current commune of the région, with a deterministic position in its département and its population as weight. */
function regionCommunes(): DemoCommune[] {
  const require = createRequire(__filename);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as Array<{ code: string; nom: string; type: string; region?: string; departement?: string; population?: number }>;
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as Array<{ code: string; membres: Array<{ code: string }> }>;
  const epciOf = new Map(epcis.flatMap((epci) => epci.membres.map((member) => [member.code, epci.code] as const)));
  const aomOf = new Map(DEMO_COMMUNES.map((commune) => [commune.code, commune.aom]));
  const centre: Record<string, [number, number]> = { '44': [47.35, -1.7], '49': [47.4, -0.6], '53': [48.1, -0.7], '72': [48.0, 0.2], '85': [46.7, -1.4] };
  return communes
    .filter((commune) => commune.type === 'commune-actuelle' && commune.region === PAYS_DE_LA_LOIRE)
    .map((commune) => {
      const dep = commune.departement ?? '44';
      const [lat, lon] = centre[dep] ?? [47.4, -1];
      const hash = [...commune.code].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_003, 7);
      return {
        code: commune.code,
        name: commune.nom,
        lat: lat + ((hash % 1000) / 1000 - 0.5) * 0.9,
        lon: lon + ((Math.floor(hash / 1000) % 1000) / 1000 - 0.5) * 1.2,
        epci: epciOf.get(commune.code) ?? '',
        aom: aomOf.get(commune.code) ?? REGION_AOM,
        dep,
        jobs: Math.max(1, Math.round((commune.population ?? 100) / 1000)),
      };
    });
}

async function fill(): Promise<{ seconds: number; firstDay: string }> {
  const db = await openMigratedDatabase(dbFile);
  const trips = new TripsRepository(db);
  const operatorIds: Record<string, number> = {};
  for (const operator of DEMO_OPERATORS) operatorIds[operator.name] = await trips.operatorId(operator.name, operator.uuid);
  const batchId = await trips.createBatch({ jobId: null, source: 'bench:stats', format: 'demo', startedAt: new Date().toISOString() });
  const firstDay = '2026-01-01';
  const started = performance.now();
  let batch: TripRow[] = [];
  let written = 0;
  for (const trip of generateDemoTrips({ seed: 5, journeys: rows, firstDay, days: 181, operatorIds, communes: regionCommunes() })) {
    batch.push(trip);
    if (batch.length === 5_000) {
      written += await trips.insertTrips(batchId, batch);
      batch = [];
      if (written % 500_000 === 0) console.log(`  ${fmt(written, 0)} trajets écrits (${fmt(written / ((performance.now() - started) / 1000), 0)} /s)`);
    }
  }
  written += await trips.insertTrips(batchId, batch);
  await trips.commitBatch(batchId, { rowsRead: rows, rowsInserted: written, rowsUpdated: 0, rowsUnchanged: 0, rowsRejected: 0, periodFrom: firstDay, periodTo: '2026-06-30' }, new Date().toISOString());
  await db.destroy();
  return { seconds: (performance.now() - started) / 1000, firstDay };
}

async function timeIt<T>(run: () => Promise<T>, times = 5): Promise<{ medianMs: number; maxMs: number; result: T }> {
  const durations: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    result = await run();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return { medianMs: durations[Math.floor(times / 2)] ?? 0, maxMs: durations.at(-1) ?? 0, result: result as T };
}

async function main(): Promise<void> {
  const fresh = !existsSync(dbFile);
  if (fresh) {
    console.log(`Remplissage : ${fmt(rows, 0)} trajets sur les communes des Pays de la Loire…`);
    const filled = await fill();
    console.log(`Remplissage : ${fmt(filled.seconds)} s (${fmt(rows / filled.seconds, 0)} trajets/s)`);
  }
  const services = await createAppServices({ dbFile, dataDir: dir, mode: 'cli', worker: bundledWorker(resolve(__dirname, '../out/main')), version: 'bench' });
  try {
    if (fresh || values.refresh) {
      const started = performance.now();
      const done = await services.runner.wait((await services.stats.refresh()) ?? '');
      const seconds = (performance.now() - started) / 1000;
      if (done?.status !== 'done') throw new Error(`agrégation en échec : ${done?.error ?? 'inconnu'}`);
      console.log(`Agrégats (stats.refresh, ${String((done.summary?.months as string[] | undefined)?.length ?? '?')} mois) : ${fmt(seconds)} s, ${fmt(rows / seconds, 0)} trajets/s, ${fmt(Number(done.summary?.dayRows ?? 0), 0)} lignes par jour`);
    }
    const base = { direction: 'both', from: '2026-04-01', to: '2026-06-30', granularity: 'month' } as const;
    const queries: Array<[string, StatsQuery]> = [
      ['Région 52, 3 mois, par mois', { ...base, level: 'reg', code: '52' }],
      ['Loire-Atlantique, 3 mois, par semaine', { ...base, level: 'dep', code: '44', granularity: 'week' }],
      ['AOM Nantes Métropole, départs, 6 mois, par jour', { ...base, level: 'aom', code: '244400404', direction: 'from', from: '2026-01-01', granularity: 'day' }],
      ['Commune de Nantes, internes, 3 mois', { ...base, level: 'com', code: '44109', direction: 'intra' }],
    ];
    const warmStarted = performance.now();
    await services.stats.warm();
    console.log(`Chargement du référentiel géographique (une fois par processus, au démarrage de l’application) : ${fmt(performance.now() - warmStarted)} ms`);
    console.log('Requêtes du tableau de bord (médiane / max sur 5 exécutions ; objectif < 200 ms) :');
    let worst = 0;
    for (const [label, query] of queries) {
      const timed = await timeIt(() => services.stats.query(query));
      worst = Math.max(worst, timed.maxMs);
      console.log(`  ${label} : ${fmt(timed.medianMs)} ms / ${fmt(timed.maxMs)} ms — ${fmt(timed.result.key.journeys, 0)} trajets`);
    }
    const territories = await timeIt(() => services.stats.territories('com'));
    console.log(`  Liste des communes (sélecteur) : ${fmt(territories.medianMs)} ms / ${fmt(territories.maxMs)} ms — ${fmt(territories.result.length, 0)} communes`);
    worst = Math.max(worst, territories.maxMs);
    console.log(`Pire temps : ${fmt(worst)} ms (${worst < 200 ? 'objectif tenu' : 'objectif NON tenu'})`);

    // Reference: the same key figures straight from the journeys, as a dashboard without aggregates would.
    const db = await openMigratedDatabase(dbFile);
    const reference = await timeIt(
      () => db.raw("SELECT COUNT(*) AS journeys, SUM(seats) AS seats, SUM(distance_m) AS distance FROM trips WHERE (start_dep = '44' OR end_dep = '44') AND start_local >= '2026-04-01' AND start_local < '2026-07-01' AND status = 'ok'"),
      3,
    );
    await db.destroy();
    console.log(`Référence sans agrégats (mêmes chiffres clés de Loire-Atlantique sur 3 mois, lus dans trips) : ${fmt(reference.medianMs)} ms`);
    console.log(`Pic RSS : ${fmt(process.resourceUsage().maxRSS / 1024, 0)} Mo`);
  } finally {
    await services.close();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
