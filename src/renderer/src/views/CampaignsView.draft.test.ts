import { createTestingPinia } from '@pinia/testing';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory } from 'vue-router';
import type { SimulationPreflight } from '@shared/types/territory';
import { createFakeApi, fakeSimulationResult, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { fakeComparableCampaigns } from '@renderer/api/fake-territory';
import { setApi } from '@renderer/api/instance';
import { createAppI18n } from '@renderer/i18n';
import { createAppRouter } from '@renderer/router';
import { useCampaignsStore } from '@renderer/stores/campaigns-store';
import CampaignsView from './CampaignsView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: charts are stubbed, their data tables are what is tested (see StatsView.test.ts).
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

const NNBSP = '\u202f';
const NANTES_METROPOLE = { level: 'aom', code: '244400404' } as const;

/** The Campagnes page as the home page leaves it: a draft prepared first (`withDraft`), then the page opened. */
async function mountCampaigns(overrides: Partial<FakeHandlers> = {}, withDraft = true) {
  const api = createFakeApi(overrides);
  setApi(api);
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  const [comparable] = fakeComparableCampaigns();
  if (withDraft && comparable) await useCampaignsStore(pinia).prepareDraft(comparable, NANTES_METROPOLE);
  const wrapper = mount(CampaignsView, { attachTo: document.body, global: { plugins: [pinia, createAppI18n(), createAppRouter(createMemoryHistory())] } });
  await flushPromises();
  return { api, wrapper };
}

function callsTo(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

const draftRequest = {
  definition: { format: 1, id: 'brouillon-grand_poitiers_2025', name: 'Brouillon pour Nantes Métropole', status: 'campaign', territory: { aom: ['244400404'] } },
  from: '2025-11-01',
  to: '2026-10-31',
  includeFlagged: false,
  includeConfirmedFraud: false,
};

const emptyPeriod: SimulationPreflight = {
  journeysInPeriod: 0,
  journeysInTerritory: 0,
  warnings: [{ code: 'no_journeys_in_period', message: 'Aucun trajet de la base entre le 01/11/2025 et le 31/10/2026.' }],
  suggestedPeriod: { from: '2026-02-01', to: '2026-10-31' },
};

describe('CampaignsView — a draft from the home page', () => {
  it('opens with the draft in the form on its own period, checks it before running it, and answers how much, for how many, for whom', async () => {
    const { api, wrapper } = await mountCampaigns();
    const notice = wrapper.get('[data-testid="draft-notice"]');
    expect(notice.text()).toContain('La définition tirée de « Communauté urbaine du Grand Poitiers (2025) » est dans l’éditeur');
    expect(notice.text()).toContain('du 01/11/2025 au 31/10/2026');
    expect(notice.text()).toContain('territoire : Nantes Métropole au lieu du territoire d’origine');
    expect((wrapper.get('select[data-testid="simulation-campaign"]').element as HTMLSelectElement).value).toBe('__editor__');
    expect((wrapper.get('input[data-testid="simulation-from"]').element as HTMLInputElement).value).toBe('2025-11-01');
    expect(callsTo(api, 'stats:period')).toEqual([]);

    await wrapper.get('[data-testid="simulation-form"] form').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'simulations:preflight')).toEqual([draftRequest]);
    expect(callsTo(api, 'simulations:start')).toEqual([draftRequest]);
    expect(wrapper.find('[data-testid="preflight-alert"]').exists()).toBe(false);

    api.emit('job:done', { jobId: 'job-1', kind: 'campaign.simulate', status: 'done', summary: {}, error: null });
    await flushPromises();
    const answer = wrapper.get('[data-testid="simulation-answer"]');
    expect(answer.get('[data-testid="answer-amount"]').text()).toBe(`42${NNBSP}150,50${'\u00a0'}€`);
    expect(answer.text()).toContain('budget épuisé le 20/10/2026');
    expect(answer.get('[data-testid="answer-paid"]').text()).toBe(`21${NNBSP}000 trajets incités`);
    expect(answer.text()).toContain(`sur 30${NNBSP}000 trajets simulés`);
    expect(answer.text()).toContain(`2,01${'\u00a0'}€ par trajet incité en moyenne`);
    expect(answer.get('[data-testid="answer-drivers"]').text()).toBe(`5${NNBSP}200 conducteurs payés`);
    expect(answer.text()).toContain(`Par opérateur : BlaBlaCar Daily 71,2${'\u00a0'}%, Karos 28,8${'\u00a0'}%`);
  });

  it('holds back a simulation that would run on no journey, says why, and shifts it to the suggested period', async () => {
    const answers = [emptyPeriod, { journeysInPeriod: 30_000, journeysInTerritory: 12_000, warnings: [], suggestedPeriod: null }];
    const { api, wrapper } = await mountCampaigns({ 'simulations:preflight': () => answers.shift() ?? emptyPeriod });
    await wrapper.get('[data-testid="simulation-form"] form').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'simulations:start')).toEqual([]);
    const alert = wrapper.get('[data-testid="preflight-alert"]');
    expect(alert.text()).toContain('Cette simulation risque de ne rien payer');
    expect(alert.get('[data-testid="preflight-no_journeys_in_period"]').text()).toBe('Aucun trajet de la base entre le 01/11/2025 et le 31/10/2026.');
    expect(alert.text()).toContain('Trajets de la base : aucun trajet dans la période, dont aucun trajet dans le territoire de la campagne.');

    const shift = alert.get('[data-testid="preflight-shift"]');
    expect(shift.text()).toBe('Simuler plutôt du 01/02/2026 au 31/10/2026');
    await shift.trigger('click');
    await flushPromises();
    const shifted = { ...draftRequest, from: '2026-02-01', to: '2026-10-31' };
    expect(callsTo(api, 'simulations:preflight')).toEqual([draftRequest, shifted]);
    expect(callsTo(api, 'simulations:start')).toEqual([shifted]);
    expect((wrapper.get('input[data-testid="simulation-from"]').element as HTMLInputElement).value).toBe('2026-02-01');
    expect(wrapper.find('[data-testid="preflight-alert"]').exists()).toBe(false);
  });

  it('says what it is doing from the click until the job shows its progress: checking, then starting', async () => {
    let answerPreflight = (): void => undefined;
    let answerStart = (): void => undefined;
    const { api, wrapper } = await mountCampaigns({
      'simulations:preflight': () => new Promise((resolve) => (answerPreflight = () => resolve({ journeysInPeriod: 30_000, journeysInTerritory: 30_000, warnings: [], suggestedPeriod: null }))),
      // Starting checks the period again and saves the simulation: seconds on a busy store.
      'simulations:start': () => new Promise((resolve) => (answerStart = () => resolve({ simulationId: 7, jobId: 'job-1' }))),
    });
    const status = () => wrapper.find('[data-testid="simulation-status"]');
    await wrapper.get('[data-testid="simulation-form"] form').trigger('submit');
    await flushPromises();
    expect(status().text()).toBe('Vérification de la période et du territoire de la campagne…');
    answerPreflight();
    await flushPromises();
    expect(callsTo(api, 'simulations:start')).toEqual([draftRequest]);
    expect(status().text()).toBe('Lancement de la simulation…');
    expect(status().attributes('role')).toBe('status');
    answerStart();
    await flushPromises();
    expect(status().exists()).toBe(false);
    expect(wrapper.find('[data-testid="campaigns-panel-simulate"] [data-testid="job-progress"]').exists()).toBe(true);
  });

  it('runs it anyway when asked, warnings read', async () => {
    const { api, wrapper } = await mountCampaigns({ 'simulations:preflight': () => emptyPeriod });
    await wrapper.get('[data-testid="simulation-form"] form').trigger('submit');
    await flushPromises();
    await wrapper.get('[data-testid="preflight-run-anyway"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'simulations:start')).toEqual([draftRequest]);
  });

  it('never shows a bare zero: a result that pays nothing says why', async () => {
    const nothing = fakeSimulationResult();
    const { api, wrapper } = await mountCampaigns({
      'simulations:result': () => ({
        ...nothing,
        totals: { ...nothing.totals, paid: 0, amountCents: 0, exhaustedOn: null },
        byOperator: nothing.byOperator.map((row) => ({ ...row, paid: 0, amountCents: 0 })),
        drivers: { ...nothing.drivers, paid: 0 },
        warnings: [{ code: 'nothing_paid', message: 'Aucun trajet de la période n’est dans le territoire de la campagne.' }],
      }),
    });
    await wrapper.get('[data-testid="simulation-form"] form').trigger('submit');
    await flushPromises();
    api.emit('job:done', { jobId: 'job-1', kind: 'campaign.simulate', status: 'done', summary: {}, error: null });
    await flushPromises();
    const alert = wrapper.get('[data-testid="simulation-nothing-paid"]');
    expect(alert.text()).toContain('Cette campagne n’aurait rien payé sur cette période.');
    expect(alert.text()).toContain('Aucun trajet de la période n’est dans le territoire de la campagne.');
    expect(alert.text()).toContain(`Première raison : classe de preuve B hors campagne (C attendue) (3${NNBSP}000 trajets).`);
  });

  it('opens without a draft on the last three months covered, as before', async () => {
    const { api, wrapper } = await mountCampaigns({}, false);
    expect(wrapper.find('[data-testid="draft-notice"]').exists()).toBe(false);
    expect(callsTo(api, 'stats:period')).toEqual([{}]);
    expect((wrapper.get('input[data-testid="simulation-from"]').element as HTMLInputElement).value).toBe('2026-08-01');
  });
});
