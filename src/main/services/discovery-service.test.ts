import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDefinition, Predicate } from '../../shared/campaigns/definition-types';
import type { AppServices } from './app-services';
import { TempStore } from '../testing/temp-store';

/**
 * From discovery to a campaign on the demo (Pays de la Loire, August–October 2026): catalogue campaigns comparable to
 * Nantes Métropole, a draft of one for it, the preflight of simulations, and the simulation path that never returns
 * a silent zero — the catalogue campaign on the demo period warns, its draft pays.
 */

const NOW = new Date('2026-11-28T10:00:00Z');
const NANTES = { level: 'aom', code: '244400404' } as const;
const PERIOD = { from: '2026-08-01', to: '2026-10-31' } as const;
let store: TempStore;
let services: AppServices;

beforeAll(async () => {
  store = new TempStore();
  services = await store.open({ now: () => NOW });
  expect((await services.runner.wait(await services.demo.start({ trips: 4_000, seed: 12 })))?.status).toBe('done');
  expect((await services.runner.wait((await services.stats.refresh()) ?? ''))?.status).toBe('done');
});

afterAll(async () => {
  await store.cleanup();
});

describe('DiscoveryService.comparable', () => {
  it('proposes the catalogue campaigns closest to Nantes Métropole, closest first, each explained in French', async () => {
    const proposed = await services.discovery.comparable(NANTES);
    expect(proposed).toHaveLength(5);
    expect(proposed.map((campaign) => campaign.similarity)).toEqual([...proposed.map((campaign) => campaign.similarity)].sort((a, b) => b - a));
    // Its own two campaigns share its population and kind; the experiment (from 2 km) pays more of its journeys.
    expect(proposed[0]).toMatchObject({ campaignId: '656', territoryName: 'Nantes Métropole', paid: null });
    const nantes2024 = proposed.find((campaign) => campaign.campaignId === 'nantes_metropole_2024');
    expect(nantes2024).toMatchObject({ name: 'Nantes Métropole (2024-2025)', territoryName: 'Nantes Métropole', paid: null });
    expect(nantes2024?.similarity).toBeGreaterThan(0.9);
    expect(nantes2024?.reasons[0]).toMatch(/^population comparable : 689\s456 hab\. \(votre territoire : 689\s456 hab\.\)$/);
    expect(nantes2024?.reasons[1]).toBe('même type de territoire : une intercommunalité autour d’une grande ville (Nantes, 327\u202f734 hab.)');
    expect(nantes2024?.reasons[2]).toMatch(/^distances : paie les trajets de 5 à 60 km, soit \d+(,\d)?\s% des trajets de votre territoire$/);
    expect(nantes2024?.howItPays).toMatch(/^De 5 à 60 km : de 0,75\s€ à 2,00\s€ par trajet d’un passager selon la distance ; classe de preuve C ; opérateurs Blablacar Daily, Karos et Mobicoop ; plafonds : .*budget 500\s000,00\s€ ; du 01\/01\/2024 au 31\/12\/2025\.$/);
    // No template among them: they have no territory to compare.
    expect(proposed.map((campaign) => campaign.campaignId)).not.toContain('1');
  });
});

describe('DiscoveryService.draft', () => {
  it('turns a catalogue campaign into a valid draft for the territory and the store’s period, saying what changed', async () => {
    const draft = await services.discovery.draft({ campaignId: 'nantes_metropole_2024', territory: NANTES });
    expect(draft).toMatchObject(PERIOD);
    const definition = draft.definition as CampaignDefinition;
    expect(definition).toMatchObject({ id: 'nantes_metropole_2024-aom-244400404', territory: { aom: ['244400404'] }, window: { from: '2026-08-01', to: '2026-10-31' } });
    // 500 000 € × 92 / 731 days, the same population.
    expect(definition.budget_cents).toBe(6_290_000);
    expect(services.campaigns.validate(definition)).toEqual({ ok: true, issues: [] });
    const of = (definition.rules[0]?.eligibility as Extract<Predicate, { type: 'all' }>).of;
    // Nantes lies in the Pays de la Loire: that condition stays; the one on the campaign's own AOM reads the territory.
    expect(of).toContainEqual({ type: 'territory', at: 'both', in: { reg: ['52'] } });
    expect(of).toContainEqual({ type: 'territory', at: 'either', in: 'campaign' });
    expect(draft.changes[0]).toBe('Territoire : Nantes Métropole, celui de la campagne (inchangé).');
    expect(draft.changes[1]).toBe('Période : du 01/08/2026 au 31/10/2026 (campagne d’origine : du 01/01/2024 au 31/12/2025).');
  });

  it('adapts a campaign of another territory, and refuses an unknown one', async () => {
    const draft = await services.discovery.draft({ campaignId: 'pdll_2024', territory: { level: 'epci', code: '244400644' }, from: '2026-09-01', to: '2026-10-31' });
    const definition = draft.definition as CampaignDefinition;
    expect(definition.territory).toEqual({ epci: ['244400644'] });
    expect(definition.window).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(draft.changes[0]).toMatch(/^Territoire : CA de la Région Nazairienne et de l'Estuaire \(CARENE\) au lieu de Pays de la Loire\.$/);
    // A Région's budget for one agglomeration: scaled to its inhabitants and to two months of a year's campaign.
    expect(draft.changes.find((change) => change.startsWith('Budget'))).toMatch(/^Budget : [\d\s]+,00\s€ au lieu de 4\s400\s000,00\s€, à proportion de la durée \(61 jours sur 366\) et de la population \(\d+(,\d)?\s% de la sienne\)\.$/);
    await expect(services.discovery.draft({ campaignId: 'inconnue', territory: NANTES })).rejects.toThrow('Campagne inconnue : inconnue');
  });
});

describe('simulations: preflight and never a silent zero', () => {
  it('says before running that the catalogue campaign’s window misses the demo period; the result carries it', async () => {
    const request = { campaignId: 'nantes_metropole_2024', ...PERIOD, includeFlagged: false };
    const preflight = await services.campaigns.preflight(request);
    expect(preflight.journeysInPeriod).toBeGreaterThan(1_000);
    expect(preflight.journeysInTerritory).toBeGreaterThan(0);
    expect(preflight.journeysInTerritory).toBeLessThan(preflight.journeysInPeriod);
    expect(preflight.warnings.map((warning) => warning.code)).toEqual(['window_outside']);
    expect(preflight.warnings[0]?.message).toMatch(/^La campagne ne s’applique que du 01\/01\/2024 au 31\/12\/2025 : la période simulée \(du 01\/08\/2026 au 31\/10\/2026\)/);
    // The territory has no journey inside the campaign's window: no period to shift to.
    expect(preflight.suggestedPeriod).toBeNull();

    const { simulationId, jobId } = await services.campaigns.simulate(request);
    expect(await services.runner.wait(jobId)).toMatchObject({ status: 'done' });
    const result = await services.campaigns.result(simulationId);
    expect(result.totals.amountCents).toBe(0);
    expect(result.totals.trips).toBe(preflight.journeysInPeriod);
    expect(result.warnings).toEqual(preflight.warnings);
  });

  it('simulates the draft of that campaign for Nantes Métropole to a non-zero amount, with nothing to warn of', async () => {
    const draft = await services.discovery.draft({ campaignId: 'nantes_metropole_2024', territory: NANTES });
    const request = { definition: draft.definition, from: draft.from, to: draft.to, includeFlagged: false };
    expect((await services.campaigns.preflight(request)).warnings).toEqual([]);
    const { simulationId, jobId } = await services.campaigns.simulate(request);
    expect(await services.runner.wait(jobId)).toMatchObject({ status: 'done' });
    const result = await services.campaigns.result(simulationId);
    expect(result.totals.paid).toBeGreaterThan(0);
    expect(result.totals.amountCents).toBeGreaterThan(0);
    expect(result.warnings).toEqual([]);
  });

  it('warns of an empty period and offers the territory’s last period of the same length inside the window', async () => {
    const draft = await services.discovery.draft({ campaignId: 'nantes_metropole_2024', territory: NANTES, from: '2026-01-01', to: '2026-12-31' });
    const preflight = await services.campaigns.preflight({ definition: draft.definition, from: '2026-01-01', to: '2026-01-31', includeFlagged: false });
    expect(preflight).toMatchObject({ journeysInPeriod: 0, journeysInTerritory: 0 });
    expect(preflight.warnings.map((warning) => warning.code)).toEqual(['no_journeys_in_period']);
    expect(preflight.warnings[0]?.message).toBe('La base ne contient aucun trajet validé du 01/01/2026 au 31/01/2026 : elle couvre du 01/08/2026 au 31/10/2026.');
    expect(preflight.suggestedPeriod?.to).toBe('2026-10-31');
    expect(preflight.suggestedPeriod?.from).toBe('2026-10-01');
  });

  it('warns of a territory without journeys, and says after the run why nothing was paid when nothing warned', async () => {
    const draft = (await services.discovery.draft({ campaignId: 'nantes_metropole_2024', territory: NANTES })).definition as CampaignDefinition;
    const elsewhere = { ...draft, id: 'ailleurs', territory: { aom: ['243500139'] } };
    const outside = await services.campaigns.preflight({ definition: elsewhere, ...PERIOD, includeFlagged: false });
    expect(outside.journeysInTerritory).toBe(0);
    expect(outside.warnings.map((warning) => warning.code)).toEqual(['territory_outside']);
    expect(outside.suggestedPeriod).toBeNull();

    // Nothing over 500 km in the demo: the preflight sees no problem, the result says why it paid nothing.
    const far = { ...draft, id: 'loin', rules: draft.rules.map((rule) => ({ ...rule, eligibility: { type: 'distance', min_m: 500_000, bounds: '[)' } as Predicate })) };
    expect((await services.campaigns.preflight({ definition: far, ...PERIOD, includeFlagged: false })).warnings).toEqual([]);
    const { simulationId, jobId } = await services.campaigns.simulate({ definition: far, ...PERIOD, includeFlagged: false });
    await services.runner.wait(jobId);
    const result = await services.campaigns.result(simulationId);
    expect(result.totals.amountCents).toBe(0);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.code).toBe('nothing_paid');
    expect(result.warnings[0]?.message).toMatch(/^Aucun des [\d\s]+ trajets simulés n’est payé ; raison la plus fréquente : /);
  });

  it('counts every journey of the period for a template (no territory) and flagged ones when kept', async () => {
    const plain = await services.campaigns.preflight({ campaignId: '1', ...PERIOD, includeFlagged: false });
    const flagged = await services.campaigns.preflight({ campaignId: '1', ...PERIOD, includeFlagged: true });
    expect(plain.journeysInTerritory).toBe(plain.journeysInPeriod);
    expect(plain.warnings).toEqual([]);
    expect(flagged.journeysInPeriod).toBe(await store.count('trips'));
    expect(flagged.journeysInPeriod).toBeGreaterThan(plain.journeysInPeriod);
  });
});

describe('what catalogue campaigns paid', () => {
  it('reads the registry incentives of the store’s journeys carrying a campaign’s id', async () => {
    // Give the demo's own incentives the id of a catalogue campaign, as an extract of that campaign would.
    const paidRows = (await store.sql()('trips').where('rpc_incentive_0_cents', '>', 0).whereIn('status', ['ok']).select('id', 'rpc_incentive_0_cents')) as Array<{ id: number; rpc_incentive_0_cents: number }>;
    const sample = paidRows.slice(0, 50);
    await store.sql()('trips').whereIn('id', sample.map((row) => row.id)).update({ rpc_incentive_0_campaign_id: 'nantes_metropole_2024' });
    const proposed = await services.discovery.comparable(NANTES);
    expect(proposed.find((campaign) => campaign.campaignId === 'nantes_metropole_2024')?.paid).toEqual({
      journeys: sample.length,
      cents: sample.reduce((sum, row) => sum + row.rpc_incentive_0_cents, 0),
    });
  });
});
