import { createTestingPinia } from '@pinia/testing';
import { enableAutoUnmount, flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { setApi } from '@renderer/api/instance';
import { createAppI18n } from '@renderer/i18n';
import { createAppRouter } from '@renderer/router';
import { useJobsStore } from '@renderer/stores/jobs-store';
import CampaignsView from './CampaignsView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: charts are stubbed, their data tables are what is tested (see StatsView.test.ts).
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

const NNBSP = '\u202f';

/** The page opened at `address` (its query says the tab and the simulation shown), jobs followed as in the app. */
async function mountCampaigns(address = '/campagnes', overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  setApi(api);
  const pinia = createTestingPinia({ createSpy: vi.fn, stubActions: false });
  await useJobsStore(pinia).start();
  const router = createAppRouter(createMemoryHistory());
  await router.push(address);
  const wrapper = mount(CampaignsView, { attachTo: document.body, global: { plugins: [pinia, createAppI18n(), router] } });
  await flushPromises();
  return { api, wrapper, router };
}

function requests(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

/** The name of the selected tab (`simulate`, `results`, `catalogue`, `editor`). */
function selectedTab(wrapper: VueWrapper): string | undefined {
  return wrapper.find('[role="tab"][aria-selected="true"]').attributes('id')?.replace('campaigns-tab-', '');
}

/** Clicks a tab, and lets the router write the address. */
async function openTab(wrapper: VueWrapper, name: string): Promise<void> {
  await wrapper.get(`#campaigns-tab-${name}`).trigger('click');
  await flushPromises();
}

/** Ends the simulation the fake started (`job-1`): the page shows its result. */
async function finishSimulation(api: FakeApi): Promise<void> {
  api.emit('job:done', { jobId: 'job-1', kind: 'campaign.simulate', status: 'done', summary: {}, error: null });
  await flushPromises();
}

describe('CampaignsView — tabs', () => {
  it('lists the catalogue, filters it, and simulates a campaign on the last three months covered, then shows its results', async () => {
    const { api, wrapper, router } = await mountCampaigns();
    expect(wrapper.findAll('[role="tab"]').map((tab) => tab.text())).toEqual(['Simuler', 'Résultats', 'Catalogue', 'Éditeur']);
    expect(selectedTab(wrapper)).toBe('simulate');
    await openTab(wrapper, 'catalogue');
    expect(selectedTab(wrapper)).toBe('catalogue');
    expect(router.currentRoute.value.query.onglet).toBe('catalogue');
    expect(wrapper.findAll('[data-testid="catalogue-row"]')).toHaveLength(2);
    // Territories by name (the main side's geography), periods in French dates.
    expect(wrapper.findAll('[data-testid="catalogue-territory"]').map((cell) => cell.text())).toEqual(['Île-de-France Mobilités', 'à choisir']);
    expect(wrapper.findAll('[data-testid="catalogue-period"]').map((cell) => cell.text())).toEqual(['du 20/05/2021 au 31/12/2025', 'à choisir']);
    // Days written in the catalogue's descriptions read the French way too.
    expect(wrapper.get('[data-testid="catalogue-row"]').text()).toContain('Ynstant dès le 01/01/2023.');
    await wrapper.get('input[data-testid="catalogue-search"], [data-testid="catalogue-search"] input').setValue('ile-de-france');
    expect(wrapper.findAll('[data-testid="catalogue-row"]')).toHaveLength(1);

    // « Simuler » of a row: the form, with that campaign chosen.
    await wrapper.get('[data-testid="simulate-459"]').trigger('click');
    await flushPromises();
    expect(selectedTab(wrapper)).toBe('simulate');
    expect((wrapper.get('select[data-testid="simulation-campaign"]').element as HTMLSelectElement).value).toBe('459');
    await wrapper.get('[data-testid="simulation-form"] form').trigger('submit');
    await flushPromises();
    expect(requests(api, 'simulations:start')).toEqual([{ campaignId: '459', from: '2026-08-01', to: '2026-10-31', includeFlagged: false, includeConfirmedFraud: false }]);
    expect(wrapper.get('[data-testid="campaigns-panel-simulate"] [data-testid="job-progress"]').text()).toContain('Simulation de campagne');

    // Done: the results open, and the address says so (a reload reopens them).
    await finishSimulation(api);
    expect(selectedTab(wrapper)).toBe('results');
    expect(router.currentRoute.value.query).toEqual({ onglet: 'resultats', simulation: '7' });
    const results = wrapper.get('[data-testid="campaigns-panel-results"]');
    expect(results.get('[data-testid="simulation-cost"]').text()).toBe(`42${NNBSP}150,50${'\u00a0'}€`);
    expect(results.get('[data-testid="simulation-exhausted"]').text()).toBe('20/10/2026');
    expect(results.get('[data-testid="simulation-reasons"]').text()).toContain('classe de preuve B hors campagne');
  });

  it('keeps the form, the result, the editor’s text and the ticked simulations when switching tabs', async () => {
    const { api, wrapper } = await mountCampaigns();
    const budget = wrapper.get('input[data-testid="simulation-budget"], [data-testid="simulation-budget"] input');
    await budget.setValue('12 000');
    await wrapper.get('select[data-testid="simulation-campaign"]').setValue('459');
    await wrapper.get('[data-testid="simulation-form"] form').trigger('submit');
    await flushPromises();
    await finishSimulation(api);
    await wrapper.get('[data-testid="compare-6"]').setValue(true);
    await openTab(wrapper, 'editor');
    await wrapper.get('[data-testid="editor-text"]').setValue('{"id": "brouillon"}');

    for (const name of ['catalogue', 'simulate', 'results', 'editor', 'simulate']) await openTab(wrapper, name);
    expect((budget.element as HTMLInputElement).value).toBe('12 000');
    expect((wrapper.get('[data-testid="editor-text"]').element as HTMLTextAreaElement).value).toBe('{"id": "brouillon"}');
    expect(wrapper.get('[data-testid="campaigns-panel-results"] [data-testid="simulation-result"]').text()).toContain('Île-de-France Mobilités');
    expect((wrapper.get('[data-testid="compare-6"]').element as HTMLInputElement).checked).toBe(true);
  });

  it('moves between tabs with the arrow keys, as DSFR tabs do', async () => {
    const { wrapper } = await mountCampaigns();
    await wrapper.get('#campaigns-tab-simulate').trigger('keydown', { key: 'ArrowRight' });
    expect(selectedTab(wrapper)).toBe('results');
    await wrapper.get('#campaigns-tab-results').trigger('keydown', { key: 'End' });
    expect(selectedTab(wrapper)).toBe('editor');
    expect(document.activeElement?.id).toBe('campaigns-tab-editor');
  });

  it('reopens the tab and the simulation the address names', async () => {
    const { api, wrapper } = await mountCampaigns('/campagnes?onglet=resultats&simulation=6');
    expect(selectedTab(wrapper)).toBe('results');
    expect(requests(api, 'simulations:result')).toEqual([{ id: 6 }]);
    expect(wrapper.get('[data-testid="simulation-result"]').text()).toContain('Modèle 1');

    const other = await mountCampaigns('/campagnes?onglet=catalogue');
    expect(selectedTab(other.wrapper)).toBe('catalogue');
    expect(other.wrapper.find('[data-testid="simulation-result"]').exists()).toBe(false);
    expect(other.wrapper.get('[data-testid="results-none"]').text()).toContain('Aucun résultat affiché');
  });

  it('clones a campaign into the editor, validates it live, previews amounts by distance, and takes it to the form', async () => {
    vi.useFakeTimers();
    try {
      const { api, wrapper } = await mountCampaigns('/campagnes?onglet=catalogue');
      await wrapper.get('[data-testid="clone-459"]').trigger('click');
      await flushPromises();
      expect(selectedTab(wrapper)).toBe('editor');
      const text = wrapper.get('[data-testid="editor-text"]');
      expect((text.element as HTMLTextAreaElement).value).toContain('"id": "459"');
      await vi.advanceTimersByTimeAsync(500);
      await flushPromises();
      expect(wrapper.get('[data-testid="editor-status"]').text()).toBe('Définition valide.');
      expect(wrapper.get('[data-testid="editor-preview-table"]').text()).toContain('16 km');

      await wrapper.get('[data-testid="editor-simulate"]').trigger('click');
      expect(selectedTab(wrapper)).toBe('simulate');
      expect((wrapper.get('select[data-testid="simulation-campaign"]').element as HTMLSelectElement).value).toBe('__editor__');

      await text.setValue('{"id": "x"}');
      await vi.advanceTimersByTimeAsync(500);
      await flushPromises();
      expect(wrapper.get('[data-testid="editor-issues"]').text()).toContain('format : champ obligatoire');
      expect(wrapper.find('[data-testid="editor-simulate"]').exists()).toBe(false);
      expect(requests(api, 'campaigns:validate').length).toBeGreaterThanOrEqual(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('edits the main fields in the form, which rewrites the JSON', async () => {
    const { wrapper } = await mountCampaigns();
    await wrapper.get('[data-testid="clone-459"]').trigger('click');
    await flushPromises();
    await wrapper.get('input[data-testid="form-name"], [data-testid="form-name"] input').setValue('IDFM simulée');
    await wrapper.get('select[data-testid="form-level"], [data-testid="form-level"] select').setValue('dep');
    const codes = wrapper.get('input[data-testid="form-codes"], [data-testid="form-codes"] input');
    await codes.setValue('75, 92');
    await codes.trigger('change');
    const budget = wrapper.get('input[data-testid="form-budget"], [data-testid="form-budget"] input');
    await budget.setValue('150 000,50');
    await budget.trigger('change');
    const json = JSON.parse((wrapper.get('[data-testid="editor-text"]').element as HTMLTextAreaElement).value) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'IDFM simulée', territory: { dep: ['75', '92'] }, budget_cents: 15_000_050 });
  });
});

describe('CampaignsView — saved simulations', () => {
  it('ticks DSFR checkboxes labelled by the simulation’s name, and compares two side by side', async () => {
    const { api, wrapper } = await mountCampaigns('/campagnes?onglet=resultats');
    const box = wrapper.get('[data-testid="compare-7"]');
    expect(box.element.closest('.fr-checkbox-group')).not.toBeNull();
    expect(wrapper.get(`label[for="${box.attributes('id')}"]`).text()).toBe('Comparer « IDFM — 3 mois »');
    await box.setValue(true);
    await wrapper.get('[data-testid="compare-6"]').setValue(true);
    await wrapper.get('[data-testid="compare-submit"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'simulations:result')).toEqual([{ id: 7 }, { id: 6 }]);
    const comparison = wrapper.get('[data-testid="comparison"]');
    expect(comparison.text()).toContain('Île-de-France Mobilités');
    expect(comparison.text()).toContain('Modèle 1');
    expect(comparison.text()).toContain('Coût par trajet incité');
  });

  it('writes the APDF workbook of an operator × month of the result shown, and says which file', async () => {
    const { api, wrapper } = await mountCampaigns('/campagnes?onglet=resultats&simulation=7');
    const apdf = wrapper.get('[data-testid="simulation-apdf"]');
    const operator = apdf.get('select[data-testid="simulation-apdf-operator"]');
    expect(operator.findAll('option:not([disabled])').map((option) => option.text())).toEqual([
      `BlaBlaCar Daily (30${NNBSP}000,00${'\u00a0'}€ sur la période)`,
      `Karos (12${NNBSP}150,50${'\u00a0'}€ sur la période)`,
    ]);
    await operator.setValue('2');
    await apdf.get('select[data-testid="simulation-apdf-month"]').setValue('2026-09');
    await apdf.get('form').trigger('submit');
    await flushPromises();
    expect(requests(api, 'exports:apdf')).toEqual([{ simulationId: 7, operatorId: 2, month: '2026-09', includeConfirmedFraud: false }]);
    const jobId = 'job-1';
    expect(apdf.get('[data-testid="job-progress"]').text()).toContain('APDF');

    const file = '/donnees/atelier/exports/APDF-2026-09-459-2-10-7-16150-ile_de_france_mobilites.xlsx';
    api.emit('job:done', { jobId, kind: 'export.apdf', status: 'done', summary: { file, trips: 10, subsidized: 7, amountCents: 161_505 }, error: null });
    await flushPromises();
    expect(apdf.get('[data-testid="simulation-apdf-file"]').text()).toContain(`Classeur écrit (10 trajets, 1${NNBSP}615,05${'\u00a0'}€) : ${file}.`);
  });
});

describe('CampaignsView — explaining a journey', () => {
  it('says once, in one message, that a journey is not part of the simulation, and starts no job', async () => {
    const message = 'Le trajet 1 ne fait pas partie de cette simulation : aucun trajet de la base ne porte cet identifiant du registre.';
    const { api, wrapper } = await mountCampaigns('/campagnes?onglet=resultats&simulation=7', {
      'simulations:explain': () => {
        throw new ApiError('not_found', message);
      },
    });
    const explainer = wrapper.get('[data-testid="trip-explainer"]');
    await explainer.get('input[data-testid="explain-journey"], [data-testid="explain-journey"] input').setValue('1');
    await explainer.get('form').trigger('submit');
    await flushPromises();
    expect(explainer.findAll('[data-testid="api-error"]')).toHaveLength(1);
    expect(explainer.text().split(message)).toHaveLength(2);
    expect(explainer.find('[data-testid="job-progress"]').exists()).toBe(false);
    expect(requests(api, 'simulations:explain')).toEqual([{ id: 7, journeyId: '1' }]);
  });

  it('shows a job’s failure once, and a new question clears the previous answer', async () => {
    const { api, wrapper } = await mountCampaigns('/campagnes?onglet=resultats&simulation=7');
    const explainer = wrapper.get('[data-testid="trip-explainer"]');
    const input = explainer.get('input[data-testid="explain-journey"], [data-testid="explain-journey"] input');
    await input.setValue('48000001');
    await explainer.get('form').trigger('submit');
    await flushPromises();
    const failure = 'Le trajet 48000001 ne fait pas partie de cette simulation : il n’est plus parmi les trajets de la période simulée.';
    api.emit('job:done', { jobId: 'job-1', kind: 'campaign.explain', status: 'failed', summary: null, error: failure });
    await flushPromises();
    expect(explainer.text().split('ne fait pas partie')).toHaveLength(2);

    await input.setValue('48000002');
    await explainer.get('form').trigger('submit');
    await flushPromises();
    expect(explainer.text()).not.toContain('ne fait pas partie');
    const explanation = { journeyId: '48000002', day: '2026-09-14', distanceM: 12_400, eligible: true, amountCents: 200, statelessAmountCents: 200, reasons: [], terms: null, limits: [] };
    api.emit('job:done', { jobId: 'job-2', kind: 'campaign.explain', status: 'done', summary: { explanation }, error: null });
    await flushPromises();
    expect(explainer.get('[data-testid="explanation"]').text()).toContain(`Trajet 48000002 du 14/09/2026 (12,4 km) : éligible, 2,00${'\u00a0'}€ versés`);
    expect(explainer.find('[data-testid="job-progress"]').exists()).toBe(false);
  });
});
