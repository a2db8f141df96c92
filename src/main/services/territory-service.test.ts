import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResult } from '../../shared/types/stats';
import type { TerritorySummary } from '../../shared/types/territory';
import { formatCents, formatInteger } from '../../shared/util/format';
import { PAYS_DE_LA_LOIRE } from '../domain/demo/demo-geography';
import { campaignOnTerritory } from '../domain/territory/campaign-on-territory';
import type { TripRow } from '../domain/trips/trip-row';
import { generateExtractFile } from '../extracts/generate-extract';
import { TempStore } from '../testing/temp-store';
import type { AppServices } from './app-services';

/**
 * « Mon territoire » on real stores: the summary against the Statistiques page's dashboard and the stored journeys,
 * the year before, the search by name on the shipped geography, what waits for the user, and the PDF report read
 * back with pdftotext.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const NANTES_METROPOLE = '244400404';
const NANTES = '44109';

/** Loads `trips` demo journeys of the three months before `now`'s month, then (re)builds the statistics. */
async function loadDemo(services: AppServices, trips: number, seed: number, patterns = 0): Promise<void> {
  expect((await services.runner.wait(await services.demo.start({ trips, seed, patterns })))?.status).toBe('done');
  expect((await services.runner.wait((await services.stats.refresh()) ?? ''))?.status).toBe('done');
}

/** The Statistiques page's dashboard the summary must equal. */
function dashboard(services: AppServices, level: 'aom' | 'com', code: string, from: string, to: string): Promise<StatsResult> {
  return services.stats.query({ level, code, direction: 'both', from, to, granularity: 'month' });
}

/** Every figure of the summary against the dashboard of the same territory and period. */
function expectSameFigures(summary: TerritorySummary, stats: StatsResult): void {
  const f = summary.figures;
  expect(f.journeys.value).toBe(stats.key.journeys);
  expect(f.carpools.value).toBe(stats.key.trips);
  expect(f.carpoolers.value).toBe(stats.key.carpoolers);
  expect(f.distanceKm.value).toBeCloseTo(stats.series.reduce((sum, point) => sum + point.distanceKm, 0), 6);
  expect(f.incentivesCents.value).toBe(stats.key.rpcCents);
  expect(f.operators.value).toBe(stats.byOperator.length);
  expect(f.co2Tonnes.value).toBeCloseTo(stats.key.co2Tonnes, 9);
  expect(f.internalShare).toBe(stats.key.internalShare);
  expect(summary.byHour).toEqual(stats.byHour);
  expect(summary.byWeekday).toEqual(stats.byWeekday);
  expect(summary.operators.map((row) => [row.operator, row.journeys])).toEqual(stats.byOperator.map((row) => [row.operator, row.journeys]));
  expect(summary.months.filter((month) => month.journeys > 0)).toEqual(stats.series.map((point) => ({ month: point.period, journeys: point.journeys })));
  expect(summary.incentives.journeys).toBe(stats.key.incented);
  expect(summary.incentives.cents).toBe(stats.key.rpcCents);
}

describe('TerritoryService on the demo store', () => {
  let store: TempStore;
  let services: AppServices;
  let trips: TripRow[];

  beforeAll(async () => {
    store = new TempStore();
    services = await store.open({ now: () => NOW });
    await loadDemo(services, 3_000, 21);
    trips = (await store.sql()('trips').select('*')) as TripRow[];
  });

  afterAll(async () => {
    await store.cleanup();
  });

  it('defaults to the last three complete months and gives the Statistiques page’s figures (AOM)', async () => {
    const summary = await services.territory.summary({ level: 'aom', code: NANTES_METROPOLE });
    expect(summary.territory).toEqual({ level: 'aom', code: NANTES_METROPOLE, name: 'Nantes Métropole' });
    expect([summary.from, summary.to]).toEqual(['2026-08-01', '2026-10-31']);
    expect(summary.months.map((month) => month.month)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(summary.figures.journeys.value).toBeGreaterThan(500);
    expectSameFigures(summary, await dashboard(services, 'aom', NANTES_METROPOLE, '2026-08-01', '2026-10-31'));
    expect(summary.operators.reduce((sum, row) => sum + row.share, 0)).toBeCloseTo(1, 9);
    // The store holds nothing a year before: no comparison, rather than a fall from zero.
    expect(summary.yearBefore).toBeNull();
    expect(Object.values(summary.figures).every((figure) => figure === null || typeof figure === 'number' || figure.yearBefore === null)).toBe(true);
    const days = trips.map((trip) => trip.start_local.slice(0, 10)).sort();
    expect(summary.store).toMatchObject({ from: days[0], to: days.at(-1) });
    expect(summary.store.lastSync).not.toBeNull();
  });

  it('gives the same figures for a commune over a period asked, months without journeys at 0', async () => {
    const summary = await services.territory.summary({ level: 'com', code: NANTES, from: '2026-07-01', to: '2026-09-30' });
    expect(summary.territory.name).toBe('Nantes');
    expect(summary.months).toEqual([{ month: '2026-07', journeys: 0 }, ...summary.months.slice(1)]);
    expectSameFigures(summary, await dashboard(services, 'com', NANTES, '2026-07-01', '2026-09-30'));
  });

  it('says who paid the incentives, as the stored journeys do', async () => {
    const summary = await services.territory.summary({ level: 'aom', code: NANTES_METROPOLE });
    const paid = trips.filter(
      (trip) =>
        trip.status === 'ok' &&
        (trip.start_aom === NANTES_METROPOLE || trip.end_aom === NANTES_METROPOLE) &&
        trip.start_local >= '2026-08-01' && trip.start_local < '2026-11-01' &&
        (trip.rpc_incentive_0_cents ?? 0) > 0,
    );
    expect(paid.length).toBeGreaterThan(0);
    const byCampaign = new Map<string, { journeys: number; cents: number }>();
    for (const trip of paid) {
      const key = `${trip.rpc_incentive_0_campaign_name ?? ''}|${trip.rpc_incentive_0_name ?? ''}`;
      const entry = byCampaign.get(key) ?? { journeys: 0, cents: 0 };
      entry.journeys += 1;
      entry.cents += trip.rpc_incentive_0_cents ?? 0;
      byCampaign.set(key, entry);
    }
    expect(new Map(summary.incentives.payers.map((payer) => [`${payer.campaign}|${payer.authority ?? ''}`, { journeys: payer.journeys, cents: payer.cents }]))).toEqual(byCampaign);
    expect(summary.incentives.payers.reduce((sum, payer) => sum + payer.cents, 0)).toBe(summary.incentives.cents);
  });

  it('lists the Carte page’s main flows between communes, privacy threshold applied', async () => {
    const summary = await services.territory.summary({ level: 'aom', code: NANTES_METROPOLE });
    const map = await services.map.flows({ level: 'com', territory: { level: 'aom', code: NANTES_METROPOLE }, from: summary.from, to: summary.to, direction: 'both' });
    expect(summary.topFlows.length).toBeGreaterThan(0);
    expect(summary.topFlows).toEqual(
      map.flows.filter((flow) => !flow.internal).slice(0, 10).map(({ origin, originName, destination, destinationName, journeys }) => ({ origin, originName, destination, destinationName, journeys })),
    );
    expect(summary.topFlows.every((flow) => flow.journeys >= map.minCount)).toBe(true);
  });

  it('finds territories by name on the shipped geography, with context, population and journeys', async () => {
    const nantes = await services.territory.search('Nantes', 5);
    expect(nantes[0]).toMatchObject({ level: 'com', code: NANTES, name: 'Nantes', context: 'Loire-Atlantique (44)' });
    expect(nantes[0]?.population).toBeGreaterThan(300_000);
    const stats = await dashboard(services, 'com', NANTES, '2000-01-01', '2099-12-31');
    expect(nantes[0]?.journeys).toBe(stats.key.journeys);
    expect(nantes.slice(1, 3).map((match) => `${match.level}:${match.code}`).sort()).toEqual([`aom:${NANTES_METROPOLE}`, `epci:${NANTES_METROPOLE}`]);

    const metropole = await services.territory.search('nantes metropole', 5);
    expect(metropole.slice(0, 2).map((match) => match.level).sort()).toEqual(['aom', 'epci']);
    expect(metropole[0]).toMatchObject({ name: 'Nantes Métropole', context: 'Loire-Atlantique' });
    expect(metropole[0]?.journeys).toBeGreaterThan(0);

    const [loireAtlantique] = await services.territory.search('Loire-Atl', 5);
    expect(loireAtlantique).toMatchObject({ level: 'dep', code: '44', name: 'Loire-Atlantique', context: 'Pays de la Loire' });
    expect(loireAtlantique?.population).toBeGreaterThan(1_400_000);
    expect(await services.territory.search('RÉZÉ', 1)).toMatchObject([{ level: 'com', code: '44143', context: 'Loire-Atlantique (44)' }]);
  });

  it('refuses half a period', async () => {
    await expect(services.territory.summary({ level: 'aom', code: NANTES_METROPOLE, from: '2026-08-01' })).rejects.toThrow('Indiquez le début et la fin de la période.');
  });

  it('writes the one-page report with the figures in French, the flows map and a simulation', async () => {
    const territory = { level: 'aom' as const, code: NANTES_METROPOLE };
    const definition = campaignOnTerritory(services.campaigns.catalogueDefinition('1'), territory, 'Nantes Métropole', { from: '2026-08-01', to: '2026-10-31' });
    const simulation = await services.campaigns.simulate({ definition, from: '2026-08-01', to: '2026-10-31' });
    expect((await services.runner.wait(simulation.jobId))?.status).toBe('done');
    const { totals } = await services.campaigns.result(simulation.simulationId);
    expect(totals.paid).toBeGreaterThan(0);

    const { jobId, file } = await services.territory.report({ territory, simulationId: simulation.simulationId });
    expect(file).toBe(join(store.dir, 'exports', `rapport-territoire-aom-${NANTES_METROPOLE}-2026-08-01_2026-10-31-simulation-${simulation.simulationId}.pdf`));
    const done = await services.runner.wait(jobId);
    if (done?.status !== 'done') throw new Error(`rapport non écrit : ${done?.error ?? ''}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);

    const summary = await services.territory.summary(territory);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const plain = (value: string): string => value.replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('Le covoiturage — Nantes Métropole');
    expect(text).toContain('du 1er août 2026 au 31 octobre 2026');
    expect(text).toContain(plain(formatInteger(summary.figures.journeys.value)));
    expect(text).toContain(plain(formatInteger(summary.figures.carpoolers.value)));
    expect(text).toContain(plain(formatCents(summary.figures.incentivesCents.value)));
    expect(text).toContain(`${plain(formatInteger(summary.figures.distanceKm.value))} km`);
    expect(text).toContain('Pas de comparaison sur un an');
    expect(text).toContain(`Simulation n° ${simulation.simulationId}`);
    expect(text).toContain(plain(formatCents(totals.amountCents)));
    expect(text).toContain(`${summary.topFlows[0]?.originName ?? ''} vers ${summary.topFlows[0]?.destinationName ?? ''}`);
    expect(text).toMatch(/Seuil de confidentialité des flux : \d+ trajets/);
    expect(text).toContain('Généré le 28/11/2026 11:00:00');
    expect(done.summary.figures).toMatchObject({
      territory: summary.territory,
      figures: { journeys: { value: summary.figures.journeys.value, year_before: null, change: null } },
      simulation: { id: simulation.simulationId, amount_cents: totals.amountCents },
    });
  });

  it('refuses a report on an unknown simulation before starting a job, and keeps any report in the exports folder', async () => {
    await expect(services.territory.report({ territory: { level: 'aom', code: NANTES_METROPOLE }, simulationId: 999 })).rejects.toThrow('Simulation introuvable');
    const { jobId, file } = await services.territory.report({ territory: { level: 'com', code: '../../x' }, from: '2026-09-01', to: '2026-09-30' });
    expect(file).toBe(join(store.dir, 'exports', 'rapport-territoire-com-______x-2026-09-01_2026-09-30.pdf'));
    expect((await services.runner.wait(jobId))?.status).toBe('done');
  });
});

describe('TerritoryService — the year before', () => {
  let store: TempStore;
  let services: AppServices;

  beforeAll(async () => {
    store = new TempStore();
    // A demo loaded a year earlier, then this year's: the store covers August–October 2025 and 2026.
    const earlier = await store.open({ now: () => new Date('2025-11-28T10:00:00Z') });
    expect((await earlier.runner.wait(await earlier.demo.start({ trips: 1_500, seed: 3, patterns: 0 })))?.status).toBe('done');
    await earlier.close();
    services = await store.open({ now: () => NOW });
    await loadDemo(services, 1_500, 4);
  });

  afterAll(async () => {
    await store.cleanup();
  });

  it('compares with the same period a year before when the store covers it', async () => {
    const summary = await services.territory.summary({ level: 'aom', code: NANTES_METROPOLE });
    expect(summary.yearBefore).toEqual({ from: '2025-08-01', to: '2025-10-31' });
    const before = await dashboard(services, 'aom', NANTES_METROPOLE, '2025-08-01', '2025-10-31');
    expect(before.key.journeys).toBeGreaterThan(0);
    expect(summary.figures.journeys.yearBefore).toBe(before.key.journeys);
    expect(summary.figures.carpoolers.yearBefore).toBe(before.key.carpoolers);
    expect(summary.figures.incentivesCents.yearBefore).toBe(before.key.rpcCents);
    expect(summary.figures.operators.yearBefore).toBe(before.byOperator.length);
    expectSameFigures(summary, await dashboard(services, 'aom', NANTES_METROPOLE, '2026-08-01', '2026-10-31'));
  });

  it('prints the changes over a year on the report', async () => {
    const summary = await services.territory.summary({ level: 'aom', code: NANTES_METROPOLE });
    const { jobId, file } = await services.territory.report({ territory: { level: 'aom', code: NANTES_METROPOLE } });
    expect((await services.runner.wait(jobId))?.status).toBe('done');
    const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Évolutions comparées à la même période un an avant (du 1er août 2025 au 31 octobre 2025).');
    const { value, yearBefore } = summary.figures.journeys;
    const change = (value - (yearBefore ?? 0)) / (yearBefore ?? 1);
    const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(Math.abs(change)).replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain(`${change > 0 ? '+' : '-'}${percent} sur un an`);
    expect(text).not.toContain('Simulation n°');
  });

  it('does not compare when the store stops short of the year before', async () => {
    const summary = await services.territory.summary({ level: 'aom', code: NANTES_METROPOLE, from: '2025-09-01', to: '2025-09-30' });
    expect(summary.yearBefore).toBeNull();
    expect(summary.figures.journeys.yearBefore).toBeNull();
    expect(summary.figures.journeys.value).toBeGreaterThan(0);
  });
});

describe('TerritoryService — what waits for the user', () => {
  let store: TempStore;
  let services: AppServices;
  const region = { level: 'reg' as const, code: PAYS_DE_LA_LOIRE };

  beforeAll(async () => {
    store = new TempStore();
    services = await store.open({ now: () => NOW });
    await loadDemo(services, 1_500, 8, 2);
    const scanned = await services.runner.wait(await services.checks.scan({}));
    expect(scanned?.error ?? scanned?.status).toBe('done');
  });

  afterAll(async () => {
    await store.cleanup();
  });

  it('counts imports with rejected lines, flagged journeys without decision and saved simulations', async () => {
    const waiting = async (): Promise<TerritorySummary['waiting']> => (await services.territory.summary(region)).waiting;
    const start = await waiting();
    expect(start).toMatchObject({ importsWithRejectedRows: 0, rejectedRows: 0, savedSimulations: 0 });
    expect(start.flaggedNotReviewed).toBeGreaterThan(0);

    // An extract of another period with one line the importer rejects.
    const file = join(store.dir, 'extrait.csv');
    await generateExtractFile({ rows: 50, format: 'territory', seed: 6, out: file, region: PAYS_DE_LA_LOIRE, firstDay: '2024-03-01', days: 10 });
    const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
    const columns = (header as string).split(';').map((cell) => cell.replace(/"/g, ''));
    const bad = (lines[0] as string).split(';');
    bad[columns.indexOf('journey_id')] = '999999999';
    bad[columns.indexOf('operator_class')] = 'D';
    const withBad = join(store.dir, 'avec-rejet.csv');
    writeFileSync(withBad, `${header}\n${lines.join('\n')}\n${bad.join(';')}\n`);
    expect((await services.runner.wait((await services.imports.importFiles([withBad]))[0] ?? ''))?.summary).toMatchObject({ rowsRejected: 1 });
    expect(await waiting()).toMatchObject({ importsWithRejectedRows: 1, rejectedRows: 1 });

    const [flagged] = (await services.reviews.page({ kind: 'journeys', territory: region, decision: 'none', limit: 1 })).journeys;
    await services.reviews.decide({ subjects: [{ kind: 'journey', key: flagged?.naturalKey ?? '' }], decision: 'legitimate', comment: 'vérifié avec l’opérateur' });
    expect((await waiting()).flaggedNotReviewed).toBe(start.flaggedNotReviewed - 1);

    const simulation = await services.campaigns.simulate({ campaignId: '1', from: '2026-08-01', to: '2026-10-31' });
    expect((await services.runner.wait(simulation.jobId))?.status).toBe('done');
    expect((await waiting()).savedSimulations).toBe(1);
  });
});
