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
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { StatsQuery } from '../src/shared/types/stats';
import { openMigratedDatabase } from '../src/main/db/connection';
import { DEMO_COMMUNES, PAYS_DE_LA_LOIRE, type DemoCommune } from '../src/main/domain/demo/demo-geography';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import type { AppServices } from '../src/main/services/app-services';
import { benchDir, DEMO_OPERATOR_IDS, fillStore, fmt, openServices, peakRssMb, runMain, timeRuns } from './common';

const REGION_AOM = '234400034';

/** Every current commune of Pays de la Loire, with a deterministic position in its département and its population as weight. */
export function regionCommunes(): DemoCommune[] {
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

async function fill(storeAddress: string, rows: number, log: (line: string) => void): Promise<number> {
  const firstDay = '2026-01-01';
  const started = performance.now();
  await fillStore(storeAddress, {
    source: 'bench:stats',
    journeys: generateDemoTrips({ seed: 5, journeys: rows, firstDay, days: 181, operatorIds: DEMO_OPERATOR_IDS, communes: regionCommunes() }),
    periodFrom: firstDay,
    periodTo: '2026-06-30',
    onProgress: (written) => {
      if (written % 500_000 === 0) log(`  ${fmt(written, 0)} trajets écrits (${fmt(written / ((performance.now() - started) / 1000), 0)} /s)`);
    },
  });
  return (performance.now() - started) / 1000;
}

/** A whole rebuild of the aggregates by the `stats.refresh` job (or of `days` only). */
export interface StatsRefreshFigures {
  seconds: number;
  months: number;
  dayRows: number;
}

/** Runs the `stats.refresh` job on the store, on every journey or on `days`, and times it. */
export async function refreshStats(services: AppServices, days?: { from: string; to: string }): Promise<StatsRefreshFigures> {
  const started = performance.now();
  const jobId = await services.stats.refresh(days);
  if (jobId === null) throw new Error('aucun trajet à agréger');
  const done = await services.runner.wait(jobId);
  if (done?.status !== 'done') throw new Error(`agrégation en échec : ${done?.error ?? 'inconnu'}`);
  return { seconds: (performance.now() - started) / 1000, months: (done.summary?.months as string[] | undefined)?.length ?? 0, dayRows: Number(done.summary?.dayRows ?? 0) };
}

/** The dashboard queries' times (median and worst of 5), and the worst of all. */
export interface DashboardFigures {
  queries: Array<{ label: string; medianMs: number; maxMs: number; journeys: number }>;
  territoriesMedianMs: number;
  territoriesMaxMs: number;
  communes: number;
  worstMs: number;
}

/** Months of a period of days, inclusive: `2026-04-01`…`2026-06-30` → 3. */
const monthsOf = (from: string, to: string): number => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

/**
 * Times the Statistiques page's queries on Pays de la Loire territories over `period`, the AOM's daily series over
 * the longer `longFrom`…`period.to`, and the communes' selector list, the geography loaded first.
 */
export async function dashboardQueries(services: AppServices, period: { from: string; to: string; longFrom: string }): Promise<DashboardFigures> {
  const base = { direction: 'both', from: period.from, to: period.to, granularity: 'month' } as const;
  const months = `${monthsOf(period.from, period.to)} mois`;
  const queries: Array<[string, StatsQuery]> = [
    [`Région 52, ${months}, par mois`, { ...base, level: 'reg', code: '52' }],
    [`Loire-Atlantique, ${months}, par semaine`, { ...base, level: 'dep', code: '44', granularity: 'week' }],
    [`AOM Nantes Métropole, départs, ${monthsOf(period.longFrom, period.to)} mois, par jour`, { ...base, level: 'aom', code: '244400404', direction: 'from', from: period.longFrom, granularity: 'day' }],
    [`Commune de Nantes, internes, ${months}`, { ...base, level: 'com', code: '44109', direction: 'intra' }],
  ];
  // The app loads the geography at startup: the first query must not pay for it (a no-op once loaded).
  await services.stats.warm();
  const figures: DashboardFigures['queries'] = [];
  for (const [label, query] of queries) {
    const timed = await timeRuns(5, () => services.stats.query(query));
    figures.push({ label, medianMs: timed.medianMs, maxMs: timed.maxMs, journeys: timed.result.key.journeys });
  }
  const territories = await timeRuns(5, () => services.stats.territories('com'));
  return {
    queries: figures, territoriesMedianMs: territories.medianMs, territoriesMaxMs: territories.maxMs, communes: territories.result.length,
    worstMs: Math.max(territories.maxMs, ...figures.map((query) => query.maxMs)),
  };
}

/** What `bench:stats` measures. */
export interface StatsFigures {
  rows: number;
  fillSeconds: number | null;
  refresh: StatsRefreshFigures | null;
  warmMs: number;
  dashboards: DashboardFigures;
  referenceMs: number;
  peakRssMb: number;
}

/**
 * Fills the store in `dir` unless it exists (progress to `log`), rebuilds the aggregates when new (or `refresh`), times
 * the queries.
 */
export async function measureStats(rows: number, dir: string, refresh: boolean, log: (line: string) => void = () => undefined): Promise<StatsFigures> {
  const storeAddress = join(dir, 'stats.sqlite');
  const fresh = !existsSync(storeAddress);
  let fillSeconds: number | null = null;
  if (fresh) {
    log(`Remplissage : ${fmt(rows, 0)} trajets sur les communes des Pays de la Loire…`);
    fillSeconds = await fill(storeAddress, rows, log);
  }
  const services = await openServices(storeAddress, dir);
  try {
    const refreshed = fresh || refresh ? await refreshStats(services) : null;
    const warmStarted = performance.now();
    await services.stats.warm();
    const warmMs = performance.now() - warmStarted;
    const dashboards = await dashboardQueries(services, { from: '2026-04-01', to: '2026-06-30', longFrom: '2026-01-01' });
    // Reference: the same key figures straight from the journeys, as a dashboard without aggregates would.
    const db = await openMigratedDatabase(storeAddress);
    const reference = await timeRuns(3, () =>
      db.raw("SELECT COUNT(*) AS journeys, SUM(seats) AS seats, SUM(distance_m) AS distance FROM trips WHERE (start_dep = '44' OR end_dep = '44') AND start_local >= '2026-04-01' AND start_local < '2026-07-01' AND status = 'ok'"),
    );
    await db.destroy();
    return { rows, fillSeconds, refresh: refreshed, warmMs, dashboards, referenceMs: reference.medianMs, peakRssMb: peakRssMb() };
  } finally {
    await services.close();
  }
}

function print(figures: StatsFigures): void {
  const { rows, refresh, dashboards } = figures;
  if (figures.fillSeconds !== null) console.log(`Remplissage : ${fmt(figures.fillSeconds)} s (${fmt(rows / figures.fillSeconds, 0)} trajets/s)`);
  if (refresh) console.log(`Agrégats (stats.refresh, ${refresh.months} mois) : ${fmt(refresh.seconds)} s, ${fmt(rows / refresh.seconds, 0)} trajets/s, ${fmt(refresh.dayRows, 0)} lignes par jour`);
  console.log(`Chargement du référentiel géographique (une fois par processus, au démarrage de l’application) : ${fmt(figures.warmMs)} ms`);
  console.log('Requêtes du tableau de bord (médiane / max sur 5 exécutions ; objectif < 200 ms) :');
  for (const query of dashboards.queries) console.log(`  ${query.label} : ${fmt(query.medianMs)} ms / ${fmt(query.maxMs)} ms — ${fmt(query.journeys, 0)} trajets`);
  console.log(`  Liste des communes (sélecteur) : ${fmt(dashboards.territoriesMedianMs)} ms / ${fmt(dashboards.territoriesMaxMs)} ms — ${fmt(dashboards.communes, 0)} communes`);
  console.log(`Pire temps : ${fmt(dashboards.worstMs)} ms (${dashboards.worstMs < 200 ? 'objectif tenu' : 'objectif NON tenu'})`);
  console.log(`Référence sans agrégats (mêmes chiffres clés de Loire-Atlantique sur 3 mois, lus dans trips) : ${fmt(figures.referenceMs)} ms`);
  console.log(`Pic RSS : ${fmt(figures.peakRssMb, 0)} Mo`);
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, keep: { type: 'string' }, refresh: { type: 'boolean', default: false } } });
  const { dir, dispose } = benchDir('stats', values.keep);
  runMain(async () => print(await measureStats(Number(values.rows), dir, values.refresh, (line) => console.log(line))), dispose);
}
