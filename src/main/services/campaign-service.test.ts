import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TripRow } from '../domain/trips/trip-row';
import type { AppServices } from './app-services';
import { TempStore } from '../testing/temp-store';

/**
 * Simulations on the store: a template cloned onto Pays de la Loire simulated on the demo journeys through the
 * job worker, its result reconciled with the journeys and saved; catalogue, validation and preview.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
let store: TempStore;
let services: AppServices;
let trips: TripRow[];

/** Template 1 (2 € + 0,10 €/km from 20 to 50 km) on the Région, over the demo period, with a small budget. */
function clonedTemplate(budgetCents: number | null): Record<string, unknown> {
  const template = JSON.parse(readFileSync(join(__dirname, '../../../resources/campaigns/1.json'), 'utf8')) as Record<string, unknown>;
  return { ...template, id: 'essai_pdl', name: 'Essai Pays de la Loire', status: 'campaign', territory: { reg: ['52'] }, window: { from: '2026-08-01', to: '2026-10-31' }, budget_cents: budgetCents };
}

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 4_000, seed: 12 })))?.status).toBe('done');
  trips = (await store.sql()('trips').select('*')) as TripRow[];
});

afterAll(async () => {
  await store.cleanup();
});

describe('CampaignService', () => {
  it('lists the catalogue and validates a definition with JSON paths', async () => {
    const catalogue = await services.campaigns.catalogue();
    expect(catalogue).toHaveLength(46);
    expect(catalogue.find((entry) => entry.id === '459')).toMatchObject({ name: 'Île-de-France Mobilités', status: 'campaign', territory: 'aom 217500016, 287500078' });
    expect(services.campaigns.validate(clonedTemplate(null))).toEqual({ ok: true, issues: [] });
    const broken = services.campaigns.validate({ ...clonedTemplate(null), budget_cents: -5 });
    expect(broken.ok).toBe(false);
    expect(broken.issues[0]?.path).toBe('budget_cents');
  });

  it('names each territory from the geography: the COG, and the store’s AOM names (here the demo’s)', async () => {
    const names = new Map((await services.campaigns.catalogue()).map((entry) => [entry.id, entry.territoryName]));
    // AOM 244400404 is named by the store's AOM table; 217500016 too, 287500078 (known to neither) by the catalogue's
    // names of the AOM that are no EPCI: one name.
    expect(names.get('656')).toBe('Nantes Métropole');
    expect(names.get('459')).toBe('Île-de-France Mobilités');
    expect(names.get('petr_lunevillois_s1_2023')).toBe('PETR du Pays du Lunévillois');
    // Région and EPCI from the COG, an AOM without a name in the store by the EPCI of the same SIREN.
    expect(names.get('pdll_2024')).toBe('Pays de la Loire');
    expect(names.get('rennes_2025')).toBe('Rennes Métropole');
    expect(names.get('grand_chatellerault_2025')).toBe('CA Grand Châtellerault');
    expect(names.get('pmgf_2022')).toBe('Les 117 communes du Pôle métropolitain du Genevois français');
    expect(names.get('1')).toBe('');
  });

  it('previews the amount by distance of a sample trip', () => {
    const { points, sample } = services.campaigns.preview(clonedTemplate(null));
    expect(points).toHaveLength(100);
    expect(sample).toContain('reg 52');
    const at = (km: number): number | undefined => points.find((point) => point.km === km)?.cents;
    // Template 1: 2 € up to 20 km, then + 0,10 €/km up to 50 km (5 € from 50 km on).
    expect(at(10)).toBe(200);
    expect(at(30)).toBe(300);
    expect(at(60)).toBe(500);
  });

  it('simulates on the period’s journeys in the worker, saves and reopens the result, reconciled with the journeys', async () => {
    const { simulationId, jobId } = await services.campaigns.simulate({ definition: clonedTemplate(200_000), from: '2026-08-01', to: '2026-10-31', includeFlagged: false });
    const done = await services.runner.wait(jobId);
    expect(done).toMatchObject({ kind: 'campaign.simulate', status: 'done' });
    const result = await services.campaigns.result(simulationId);
    const ok = trips.filter((trip) => trip.status === 'ok');
    expect(result.totals.trips).toBe(ok.length);
    expect(result.totals.eligible).toBeLessThanOrEqual(result.totals.trips);
    expect(result.totals.paid).toBeLessThanOrEqual(result.totals.eligible);
    expect(result.byMonth.reduce((sum, month) => sum + month.amountCents, 0)).toBe(result.totals.amountCents);
    expect(result.byOperator.reduce((sum, row) => sum + row.trips, 0)).toBe(ok.length);
    expect(result.byDistance.reduce((sum, row) => sum + row.trips, 0)).toBe(ok.length);
    // The 2 000 € budget runs out: the last day of the budget curve reaches it, and the date is known.
    expect(result.totals.amountCents).toBeLessThanOrEqual(200_000);
    expect(result.totals.exhaustedOn).not.toBeNull();
    expect(result.budgetByDay.at(-1)?.cumulativeCents).toBe(result.totals.amountCents);
    expect(result.drivers.cutByLimit).toBeGreaterThan(0);
    expect((await services.campaigns.list()).map((saved) => [saved.id, saved.campaignId, saved.totals?.amountCents])).toContainEqual([simulationId, 'essai_pdl', result.totals.amountCents]);

    // Registry-flagged journeys are simulated only when asked.
    const flagged = await services.campaigns.simulate({ definition: clonedTemplate(null), from: '2026-08-01', to: '2026-10-31', includeFlagged: true });
    await services.runner.wait(flagged.jobId);
    expect((await services.campaigns.result(flagged.simulationId)).totals.trips).toBe(trips.length);
  });

  it('simulates a template without capping it by the budget given, and still says when that budget ran out (campaigns.md §5.14)', async () => {
    const { simulationId, jobId } = await services.campaigns.simulate({ campaignId: '1', from: '2026-08-01', to: '2026-10-31', includeFlagged: false, budgetCents: 20_000 });
    expect(await services.runner.wait(jobId)).toMatchObject({ status: 'done' });
    const result = await services.campaigns.result(simulationId);
    expect(result.totals.budgetCents).toBe(20_000);
    expect(result.totals.amountCents).toBeGreaterThan(20_000);
    expect(result.totals.exhaustedOn).not.toBeNull();
    expect(result.budgetByDay.at(-1)?.cumulativeCents).toBe(result.totals.amountCents);
    expect(result.drivers.cutByLimit).toBe(0);
  });

  it('refuses an invalid custom definition before starting anything', async () => {
    await expect(services.campaigns.simulate({ definition: { format: 1 }, from: '2026-08-01', to: '2026-10-31', includeFlagged: false })).rejects.toThrow(/Définition invalide/);
  });
});

describe('APDF from a simulation', () => {
  it('writes the operator × month workbook with the simulated amounts, consistent with the simulation', async () => {
    const { simulationId, jobId } = await services.campaigns.simulate({ definition: clonedTemplate(null), from: '2026-08-01', to: '2026-10-31', includeFlagged: false });
    await services.runner.wait(jobId);
    const result = await services.campaigns.result(simulationId);
    const operator = (await store.sql()('operators').where({ name: 'BlaBlaCar Daily' }).first('id')) as { id: number };
    const started = await services.exports.exportApdfFromSimulation({ simulationId, operatorId: operator.id, month: '2026-09' });
    const done = await services.runner.wait(started.jobId);
    expect(done).toMatchObject({ kind: 'export.apdf', status: 'done' });
    const summary = done?.summary as { file: string; trips: number; amountCents: number };
    expect(summary.file).toMatch(/APDF-2026-09-essai_pdl-\d+-\d+-\d+-\d+-essai_pays_de_la_loire\.xlsx$/);
    // The month's amounts for this operator are part of the simulated month's total.
    const month = result.byMonth.find((row) => row.key === '2026-09');
    expect(summary.amountCents).toBeGreaterThan(0);
    expect(summary.amountCents).toBeLessThanOrEqual(month?.amountCents ?? 0);
  });
});

describe('explaining one journey of a simulation', () => {
  it('replays the simulation up to the journey and explains its amount', async () => {
    const { simulationId, jobId } = await services.campaigns.simulate({ definition: clonedTemplate(null), from: '2026-08-01', to: '2026-10-31', includeFlagged: false });
    await services.runner.wait(jobId);
    const short = trips.find((trip) => trip.status === 'ok' && trip.operator_class === 'C' && (trip.distance_m ?? 0) > 5_000 && (trip.distance_m ?? 0) < 20_000);
    if (!short) throw new Error('aucun trajet court');
    const explain = await services.campaigns.explain(simulationId, String(short.journey_id));
    const done = await services.runner.wait(explain.jobId);
    expect(done).toMatchObject({ kind: 'campaign.explain', status: 'done' });
    const explanation = (done?.summary as { explanation: { eligible: boolean; statelessAmountCents: number; terms: unknown; day: string } }).explanation;
    // Template 1 pays 2 € up to 20 km.
    expect(explanation).toMatchObject({ eligible: true, statelessAmountCents: 200, day: short.start_local.slice(0, 10) });
    expect(explanation.terms).not.toBeNull();
  });

  it('says at once, in one sentence, why a journey is not in the simulation, and starts no job (a user mistake is no failed job)', async () => {
    // August only, registry-flagged journeys left out.
    const { simulationId, jobId } = await services.campaigns.simulate({ definition: clonedTemplate(null), from: '2026-08-01', to: '2026-08-31', includeFlagged: false });
    await services.runner.wait(jobId);
    const jobsBefore = (await services.jobs.list(100)).length;
    const later = trips.find((trip) => trip.status === 'ok' && trip.start_local.startsWith('2026-09'));
    const flagged = trips.find((trip) => trip.status === 'fraud_error' && trip.start_local.startsWith('2026-08'));
    if (!later || !flagged) throw new Error('la démo n’a pas de trajet de septembre ou de trajet signalé en août');
    const day = later.start_local.slice(0, 10).split('-').reverse().join('/');

    await expect(services.campaigns.explain(simulationId, '1')).rejects.toMatchObject({
      name: 'UserError', code: 'not_found',
      message: 'Le trajet 1 ne fait pas partie de cette simulation : aucun trajet de la base ne porte cet identifiant du registre.',
    });
    await expect(services.campaigns.explain(simulationId, String(later.journey_id))).rejects.toMatchObject({
      code: 'not_found',
      message: `Le trajet ${later.journey_id} ne fait pas partie de cette simulation : il date du ${day}, hors de la période simulée (du 01/08/2026 au 31/08/2026).`,
    });
    await expect(services.campaigns.explain(simulationId, String(flagged.journey_id))).rejects.toMatchObject({
      code: 'not_found',
      message: `Le trajet ${flagged.journey_id} ne fait pas partie de cette simulation : le registre l’a signalé en fraude, et la simulation a laissé de côté les trajets signalés par le registre.`,
    });
    expect(await services.jobs.list(100)).toHaveLength(jobsBefore);

    // Last in this file: confirmed fraud then leaves the journey out of every later simulation of the store.
    const confirmed = trips.find((trip) => trip.status === 'ok' && trip.start_local.startsWith('2026-08'));
    if (!confirmed) throw new Error('aucun trajet valide en août');
    await services.reviews.decide({ subjects: [{ kind: 'journey', key: confirmed.natural_key }], decision: 'confirmed', comment: 'trajet fictif' });
    await expect(services.campaigns.explain(simulationId, String(confirmed.journey_id))).rejects.toMatchObject({
      message: `Le trajet ${confirmed.journey_id} ne fait pas partie de cette simulation : il est marqué fraude confirmée (page Contrôles), et la simulation a laissé de côté ces trajets.`,
    });
  });
});
