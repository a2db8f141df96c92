/**
 * Benchmark of the campaign engine: IDFM (459) on 1,000,000 generated Île-de-France journeys and Pays de la Loire
 * 2024 (pdll_2024) on 1,000,000 generated Pays de la Loire journeys, inside each campaign's window. For each:
 * the engine alone (trips already in memory, registry order, explanations off as bulk runs use them) and end to
 * end from the store (the simulation job: paged reads through the worker's connection, engine, summary). Prints
 * trips/s, seconds and peak RSS; target < 3 s for 1 M trips end to end.
 *
 *   npm run bench:campaign -- [--rows 1000000] [--keep DIR]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogue } from '../src/main/campaigns/catalogue-files';
import { openMigratedDatabase } from '../src/main/db/connection';
import { TripsRepository } from '../src/main/db/repositories/trips-repository';
import { compileCampaign, createCampaignRun, sortTripsChronologically, type CampaignTrip } from '../src/main/domain/campaigns';
import { DEMO_OPERATORS, ILE_DE_FRANCE, PAYS_DE_LA_LOIRE, type DemoRegion } from '../src/main/domain/demo/demo-geography';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import type { TripRow } from '../src/main/domain/trips/trip-row';
import { createAppServices } from '../src/main/services/app-services';
import { bundledWorker } from '../src/main/workers/worker-location';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
const rows = Number(values.rows);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'atelier-bench-campaign-'));
const fmt = (n: number, digits = 1): string => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
const rssMb = (): number => process.resourceUsage().maxRSS / 1024;

const CASES: Array<{ campaign: string; region: DemoRegion; firstDay: string }> = [
  { campaign: '459', region: ILE_DE_FRANCE, firstDay: '2025-01-01' },
  { campaign: 'pdll_2024', region: PAYS_DE_LA_LOIRE, firstDay: '2024-04-01' },
];
const DAYS = 90;
const OPERATOR_IDS = Object.fromEntries(DEMO_OPERATORS.map((operator, index) => [operator.name, index + 1]));
const UUID_BY_ID = new Map(DEMO_OPERATORS.map((operator, index) => [index + 1, operator.uuid]));

function journeys(region: DemoRegion, firstDay: string): Generator<TripRow> {
  return generateDemoTrips({ seed: 3, journeys: rows, firstDay, days: DAYS, operatorIds: OPERATOR_IDS, region });
}

/** A stored row as the simulation maps it (same fields as db/campaign-trip-source.ts). */
function asCampaignTrip(trip: TripRow): CampaignTrip {
  const place = (end: 'start' | 'end'): CampaignTrip['start'] => ({
    com: trip[`${end}_com`], arr: trip[`${end}_insee`], epci: trip[`${end}_epci`], aom: trip[`${end}_aom`], dep: trip[`${end}_dep`], reg: trip[`${end}_reg`], country: trip[`${end}_country`],
  });
  return {
    datetime: trip.start_at, distance: trip.distance_m ?? 0, seats: trip.seats ?? 1, operator_class: trip.operator_class,
    operator_uuid: UUID_BY_ID.get(trip.operator_id ?? 0) ?? null, operator_id: trip.operator_id, operator_journey_id: trip.operator_journey_id,
    operator_trip_id: trip.operator_trip_id, driver_identity_key: trip.driver_identity_key ?? '', passenger_identity_key: trip.passenger_identity_key ?? '',
    passenger_is_over_18: null, driver_revenue: trip.driver_revenue_cents, passenger_contribution: trip.passenger_contribution_cents,
    start: place('start'), end: place('end'), start_lat: trip.start_lat, start_lon: trip.start_lon, end_lat: trip.end_lat, end_lon: trip.end_lon,
  };
}

async function fill(dbFile: string, region: DemoRegion, firstDay: string): Promise<void> {
  const db = await openMigratedDatabase(dbFile);
  const trips = new TripsRepository(db);
  for (const operator of DEMO_OPERATORS) await trips.operatorId(operator.name, operator.uuid);
  const batchId = await trips.createBatch({ jobId: null, source: 'bench:campaign', format: 'demo', startedAt: new Date().toISOString() });
  let batch: TripRow[] = [];
  for (const trip of journeys(region, firstDay)) {
    batch.push(trip);
    if (batch.length === 5_000) {
      await trips.insertTrips(batchId, batch);
      batch = [];
    }
  }
  await trips.insertTrips(batchId, batch);
  await trips.commitBatch(batchId, { rowsRead: rows, rowsInserted: rows, rowsUpdated: 0, rowsUnchanged: 0, rowsRejected: 0, periodFrom: firstDay, periodTo: null }, new Date().toISOString());
  await db.destroy();
}

async function main(): Promise<void> {
  const catalogue = loadCatalogue();
  for (const { campaign, region, firstDay } of CASES) {
    const definition = catalogue.find((entry) => entry.id === campaign);
    if (!definition) throw new Error(`campagne absente du catalogue : ${campaign}`);
    console.log(`— ${definition.name} (${campaign}), ${fmt(rows, 0)} trajets générés (région ${region}, ${DAYS} jours dès le ${firstDay})`);

    const inMemory = sortTripsChronologically([...journeys(region, firstDay)].map(asCampaignTrip));
    const run = createCampaignRun(compileCampaign(definition, {}), { options: { explain: false } });
    let paid = 0;
    let cents = 0;
    const started = performance.now();
    for (const trip of inMemory) {
      const result = run.evaluate(trip);
      if (result.amountCents > 0) paid += 1;
      cents += result.amountCents;
    }
    const engineSeconds = (performance.now() - started) / 1000;
    console.log(`  moteur seul : ${fmt(engineSeconds, 2)} s, ${fmt(rows / engineSeconds, 0)} trajets/s — ${fmt(paid, 0)} incités, ${fmt(cents / 100, 2)} €`);

    const dbFile = join(dir, `${campaign}.sqlite`);
    if (!existsSync(dbFile)) await fill(dbFile, region, firstDay);
    const services = await createAppServices({ dbFile, dataDir: dir, mode: 'cli', worker: bundledWorker(resolve(__dirname, '../out/main')), version: 'bench' });
    try {
      const lastDay = new Date(Date.parse(`${firstDay}T00:00:00Z`) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      const e2eStarted = performance.now();
      const { jobId, simulationId } = await services.campaigns.simulate({ campaignId: campaign, from: firstDay, to: lastDay, includeFlagged: true });
      const done = await services.runner.wait(jobId);
      const e2eSeconds = (performance.now() - e2eStarted) / 1000;
      if (done?.status !== 'done') throw new Error(`simulation en échec : ${done?.error ?? 'inconnu'}`);
      const result = await services.campaigns.result(simulationId);
      console.log(
        `  de bout en bout depuis la base (job de simulation) : ${fmt(e2eSeconds, 2)} s, ${fmt(rows / e2eSeconds, 0)} trajets/s ` +
          `(dont moteur et lectures dans le fil de travail : ${fmt(result.seconds, 2)} s) — ${fmt(result.totals.paid, 0)} incités, ${fmt(result.totals.amountCents / 100, 2)} € ` +
          `(${result.totals.amountCents === cents ? 'identique au moteur seul' : 'DIFFÉRENT du moteur seul'}) ; objectif < 3 s`,
      );
    } finally {
      await services.close();
    }
  }
  console.log(`Pic RSS du processus (fil principal + fil de travail) : ${fmt(rssMb(), 0)} Mo`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  });
