/**
 * Benchmark of the campaign engine: IDFM (459) on 1,000,000 generated Île-de-France journeys and Pays de la Loire
 * 2024 (pdll_2024) on 1,000,000 generated Pays de la Loire journeys, inside each campaign's window. For each:
 * the engine alone (trips already in memory, registry order, explanations off as bulk runs use them) and end to
 * end from the store (the simulation job: paged reads through the worker's connection, engine, summary). Prints
 * trips/s, seconds and peak RSS; target < 3 s for 1 M trips end to end.
 *
 *   npm run bench:campaign -- [--rows 1000000] [--keep DIR]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogue } from '../src/main/campaigns/catalogue-files';
import { compileCampaign, createCampaignRun, sortTripsChronologically, type CampaignTrip } from '../src/main/domain/campaigns';
import { DEMO_OPERATORS, ILE_DE_FRANCE, PAYS_DE_LA_LOIRE, type DemoRegion } from '../src/main/domain/demo/demo-geography';
import { generateDemoTrips } from '../src/main/domain/demo/generate-demo-trips';
import type { TripRow } from '../src/main/domain/trips/trip-row';
import { benchDir, DEMO_OPERATOR_IDS, fillStore, fmt, openServices, peakRssMb, runAtelierJson, runMain, type ChildRun } from './common';

const CASES: Array<{ campaign: string; region: DemoRegion; firstDay: string }> = [
  { campaign: '459', region: ILE_DE_FRANCE, firstDay: '2025-01-01' },
  { campaign: 'pdll_2024', region: PAYS_DE_LA_LOIRE, firstDay: '2024-04-01' },
];
const DAYS = 90;
const UUID_BY_ID = new Map(DEMO_OPERATORS.map((operator, index) => [index + 1, operator.uuid]));

function journeys(rows: number, region: DemoRegion, firstDay: string): Generator<TripRow> {
  return generateDemoTrips({ seed: 3, journeys: rows, firstDay, days: DAYS, operatorIds: DEMO_OPERATOR_IDS, region });
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

/** One campaign's figures: the engine alone on trips in memory, then the simulation job on the filled store. */
export interface CampaignFigures {
  campaign: string;
  name: string;
  region: DemoRegion;
  firstDay: string;
  engineSeconds: number;
  enginePaid: number;
  engineCents: number;
  /** The simulation job, from its start to its saved result. */
  endToEndSeconds: number;
  /** Engine and reads in the worker (the job's own `seconds`). */
  workerSeconds: number;
  paid: number;
  amountCents: number;
}

/** Both campaigns on `rows` generated journeys each (stores kept in `dir` and reused when present); and the peak RSS. */
export async function measureCampaigns(rows: number, dir: string): Promise<{ cases: CampaignFigures[]; peakRssMb: number }> {
  const catalogue = loadCatalogue();
  const cases: CampaignFigures[] = [];
  for (const { campaign, region, firstDay } of CASES) {
    const definition = catalogue.find((entry) => entry.id === campaign);
    if (!definition) throw new Error(`campagne absente du catalogue : ${campaign}`);

    const inMemory = sortTripsChronologically([...journeys(rows, region, firstDay)].map(asCampaignTrip));
    const run = createCampaignRun(compileCampaign(definition, {}), { options: { explain: false } });
    let enginePaid = 0;
    let engineCents = 0;
    const started = performance.now();
    for (const trip of inMemory) {
      const result = run.evaluate(trip);
      if (result.amountCents > 0) enginePaid += 1;
      engineCents += result.amountCents;
    }
    const engineSeconds = (performance.now() - started) / 1000;

    const storeAddress = join(dir, `${campaign}.sqlite`);
    if (!existsSync(storeAddress)) await fillStore(storeAddress, { source: 'bench:campaign', journeys: journeys(rows, region, firstDay), periodFrom: firstDay, periodTo: null });
    const services = await openServices(storeAddress, dir);
    try {
      const lastDay = new Date(Date.parse(`${firstDay}T00:00:00Z`) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      const e2eStarted = performance.now();
      const { jobId, simulationId } = await services.campaigns.simulate({ campaignId: campaign, from: firstDay, to: lastDay, includeFlagged: true });
      const done = await services.runner.wait(jobId);
      const endToEndSeconds = (performance.now() - e2eStarted) / 1000;
      if (done?.status !== 'done') throw new Error(`simulation en échec : ${done?.error ?? 'inconnu'}`);
      const result = await services.campaigns.result(simulationId);
      cases.push({
        campaign, name: definition.name, region, firstDay, engineSeconds, enginePaid, engineCents, endToEndSeconds,
        workerSeconds: result.seconds, paid: result.totals.paid, amountCents: result.totals.amountCents,
      });
    } finally {
      await services.close();
    }
  }
  return { cases, peakRssMb: peakRssMb() };
}

/** What `atelier campaign simulate --json` answers. */
export interface CliSimulation {
  journeys: number;
  eligible: number;
  incentivised: number;
  amount_cents: number;
  /** The simulation job's wall time, as the command measures it. */
  seconds: number;
  simulation_id: number;
}

/** `atelier campaign simulate` on a store, as a child process: its JSON, wall time (startup included) and peak RSS. */
export function simulateWithCli(storeAddress: string, campaign: string, from: string, to: string): Promise<ChildRun<CliSimulation>> {
  return runAtelierJson<CliSimulation>(['campaign', 'simulate', '--db', storeAddress, '--campaign', campaign, '--from', from, '--to', to, '--json']);
}

function print(rows: number, figures: { cases: CampaignFigures[]; peakRssMb: number }): void {
  for (const c of figures.cases) {
    console.log(`— ${c.name} (${c.campaign}), ${fmt(rows, 0)} trajets générés (région ${c.region}, ${DAYS} jours dès le ${c.firstDay})`);
    console.log(`  moteur seul : ${fmt(c.engineSeconds, 2)} s, ${fmt(rows / c.engineSeconds, 0)} trajets/s — ${fmt(c.enginePaid, 0)} incités, ${fmt(c.engineCents / 100, 2)} €`);
    console.log(
      `  de bout en bout depuis la base (job de simulation) : ${fmt(c.endToEndSeconds, 2)} s, ${fmt(rows / c.endToEndSeconds, 0)} trajets/s ` +
        `(dont moteur et lectures dans le fil de travail : ${fmt(c.workerSeconds, 2)} s) — ${fmt(c.paid, 0)} incités, ${fmt(c.amountCents / 100, 2)} € ` +
        `(${c.amountCents === c.engineCents ? 'identique au moteur seul' : 'DIFFÉRENT du moteur seul'}) ; objectif < 3 s`,
    );
  }
  console.log(`Pic RSS du processus (fil principal + fil de travail) : ${fmt(figures.peakRssMb, 0)} Mo`);
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
  const { dir, dispose } = benchDir('campaign', values.keep);
  const rows = Number(values.rows);
  runMain(async () => print(rows, await measureCampaigns(rows, dir)), dispose);
}
