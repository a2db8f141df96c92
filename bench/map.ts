/**
 * Benchmark of the Carte page's queries (issue 11): fills a store with a regional year of generated journeys
 * (default 1.5 M over every commune of Pays de la Loire), rebuilds the statistics and map aggregates with the
 * `stats.refresh` job, then times the map queries — first query of a period and repeated ones, for the région, an
 * AOM with filters, each flow level — against the same flows counted straight from `trips` in the same run.
 * Goal: < 1 s per map after the first query of a period.
 *
 *   npm run bench:map -- [--rows 1500000] [--keep DIR]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MapQuery } from '../src/shared/types/map';
import { openMigratedDatabase } from '../src/main/db/connection';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import { benchDir, DEMO_OPERATOR_IDS, fillStore, fmt, openServices, peakRssMb, runMain, timeRuns } from './common';
import { refreshStats, regionCommunes } from './stats';

const FIRST_DAY = '2025-07-01';
const DAYS = 365;

const QUERIES: Array<[string, MapQuery]> = [
  ['Région 52, communes, 12 mois', { level: 'com', territory: { level: 'reg', code: '52' }, from: '2025-07-01', to: '2026-06-30', direction: 'both' }],
  ['Région 52, EPCI, 3 mois', { level: 'epci', territory: { level: 'reg', code: '52' }, from: '2026-04-01', to: '2026-06-30', direction: 'both' }],
  ['Toute la base, départements, 12 mois', { level: 'dep', territory: null, from: '2025-07-01', to: '2026-06-30', direction: 'both' }],
  ['Nantes Métropole, communes, jours ouvrés, heures de pointe, 3 mois', {
    level: 'com', territory: { level: 'aom', code: '244400404' }, from: '2026-04-01', to: '2026-06-30', direction: 'both', days: [1, 2, 3, 4, 5], bands: ['morning', 'evening'],
  }],
  ['Loire-Atlantique, communes, période à cheval (15 mars → 20 juin)', { level: 'com', territory: { level: 'dep', code: '44' }, from: '2026-03-15', to: '2026-06-20', direction: 'both' }],
];

async function main(rows: number, dir: string): Promise<void> {
  const storeAddress = join(dir, 'map.sqlite');
  if (!existsSync(storeAddress)) {
    console.log(`Remplissage : ${fmt(rows, 0)} trajets sur ${DAYS} jours, communes des Pays de la Loire…`);
    const started = performance.now();
    await fillStore(storeAddress, {
      source: 'bench:map',
      journeys: generateDemoTrips({ seed: 11, journeys: rows, firstDay: FIRST_DAY, days: DAYS, operatorIds: DEMO_OPERATOR_IDS, communes: regionCommunes() }),
      periodFrom: FIRST_DAY,
      periodTo: '2026-06-30',
    });
    console.log(`  ${fmt((performance.now() - started) / 1000)} s`);
    const services = await openServices(storeAddress, dir);
    try {
      const refresh = await refreshStats(services);
      console.log(`Agrégats statistiques et carte (stats.refresh, ${refresh.months} mois) : ${fmt(refresh.seconds)} s, ${fmt(rows / refresh.seconds, 0)} trajets/s`);
    } finally {
      await services.close();
    }
  }
  const db = await openMigratedDatabase(storeAddress);
  const [aggregateRows] = (await db.raw('SELECT COUNT(*) AS n FROM map_flow_month')) as Array<{ n: number }>;
  console.log(`Lignes d’agrégats de flux : ${fmt(aggregateRows?.n ?? 0, 0)} pour ${fmt(rows, 0)} trajets`);
  const services = await openServices(storeAddress, dir);
  try {
    await services.stats.warm();
    console.log('Cartes (première requête / médiane / max sur 5 ; objectif < 1 s) — référence : mêmes flux comptés dans trips');
    let worst = 0;
    for (const [label, query] of QUERIES) {
      const first = await timeRuns(1, () => services.map.flows(query));
      const again = await timeRuns(5, () => services.map.flows(query));
      worst = Math.max(worst, first.maxMs, again.maxMs);
      const result = again.result;
      const territory = query.territory ? LEVEL_SQL[query.territory.level] : null;
      const [origin, destination] = LEVEL_SQL[query.level];
      const reference = await timeRuns(1, () =>
        db.raw(
          `SELECT ${origin} AS o, ${destination} AS d, COUNT(*) AS n FROM trips WHERE start_local >= ? AND start_local < ? AND status = 'ok'
           ${territory ? `AND (${territory[0]} = ? OR ${territory[1]} = ?)` : ''} GROUP BY o, d`,
          [query.from, `${query.to} 24:00:00`, ...(query.territory ? [query.territory.code, query.territory.code] : [])],
        ),
      );
      console.log(
        `  ${label} : ${fmt(first.maxMs)} ms / ${fmt(again.medianMs)} ms / ${fmt(again.maxMs)} ms — ${fmt(result.flows.length, 0)} flux, ${fmt(result.places.length, 0)} lieux, ` +
          `${fmt(result.journeysShown, 0)} trajets montrés, ${fmt(result.hidden.journeys, 0)} masqués (seuil ${result.minCount}) — référence ${fmt(reference.maxMs)} ms`,
      );
    }
    console.log(`Pire temps : ${fmt(worst)} ms (${worst < 1000 ? 'objectif tenu' : 'objectif NON tenu'}) ; pic RSS ${fmt(peakRssMb(), 0)} Mo`);
  } finally {
    await services.close();
    await db.destroy();
  }
}

/** Columns of `trips` at each level (for the reference count). */
const LEVEL_SQL: Record<'com' | 'epci' | 'aom' | 'dep' | 'reg', [string, string]> = {
  com: ['start_insee', 'end_insee'], epci: ['start_epci', 'end_epci'], aom: ['start_aom', 'end_aom'], dep: ['start_dep', 'end_dep'], reg: ['start_reg', 'end_reg'],
};

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1500000' }, keep: { type: 'string' } } });
  const { dir, dispose } = benchDir('map', values.keep);
  runMain(() => main(Number(values.rows), dir), dispose);
}
