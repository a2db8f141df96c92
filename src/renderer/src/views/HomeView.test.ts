import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ApiError } from '@shared/ipc/result';
import { settingDefaults, type Settings } from '@shared/types/settings';
import { createFakeApi, fakeStoreInfo, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { fakeTerritorySummary } from '@renderer/api/fake-territory';
import { useCampaignsStore } from '@renderer/stores/campaigns-store';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import HomeView from './HomeView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: charts are stubbed, their data tables are what is tested (see StatsView.test.ts).
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

const NNBSP = '\u202f';
const NANTES_METROPOLE = { level: 'aom', code: '244400404' } as const;

function storeWithTrips(trips: number) {
  return fakeStoreInfo({ tables: [{ name: 'trips', rows: trips }] });
}

/** Settings as stored, with `overrides`; `settings:set` keeps working on the fake's own copy. */
function settingsWith(overrides: Partial<Settings>): Partial<FakeHandlers> {
  return { 'settings:list': () => ({ ...settingDefaults, ...overrides }) };
}

async function mountHome(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi({ 'store:info': () => storeWithTrips(20_000), ...overrides });
  const { wrapper, router } = mountWithApp(HomeView, api);
  await flushPromises();
  return { api, wrapper, router };
}

function callsTo(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

/** Types in the territory search and lets its pause (debounce) and the answer go by. */
async function search(wrapper: VueWrapper, text: string): Promise<void> {
  await wrapper.get('[data-testid="territory-search"]').setValue(text);
  await vi.advanceTimersByTimeAsync(300);
  await flushPromises();
}

describe('HomeView — an empty store', () => {
  beforeEach(() => {
    delete document.documentElement.dataset.appReady;
  });

  it('offers the demo data on a first run, loads it and follows the job, then marks the app ready', async () => {
    const { api, wrapper } = await mountHome({ 'store:info': () => storeWithTrips(0) });
    expect(document.documentElement.dataset.appReady).toBe('true');
    const offer = wrapper.get('[data-testid="demo-offer"]');
    expect(offer.text()).toContain('Charger des données de démonstration ?');
    expect(wrapper.find('[data-testid="territory-chooser"]').exists()).toBe(false);

    await offer.get('input').setValue('5000');
    await offer.get('[data-testid="demo-load"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'demo:start')).toEqual([{ trips: 5_000 }]);
    expect(callsTo(api, 'settings:set')).toEqual([{ key: 'demo.offerAnswered', value: true }]);
    expect(wrapper.get('[data-testid="job-progress"]').attributes('data-status')).toBe('running');
  });

  it('after « Non merci », still says where to import and keeps the demo one click away', async () => {
    const { api, wrapper } = await mountHome({ 'store:info': () => storeWithTrips(0) });
    await wrapper.get('[data-testid="demo-decline"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'settings:set')).toEqual([{ key: 'demo.offerAnswered', value: true }]);
    const notice = wrapper.get('[data-testid="empty-store"]');
    expect(notice.text()).toContain('Votre base est vide');
    expect(notice.get('a').attributes('href')).toBe('/donnees');
    expect(notice.find('[data-testid="demo-load"]').exists()).toBe(true);
  });

  it('shows the territory chooser once the demo job has filled the store', async () => {
    let trips = 0;
    const { api, wrapper } = await mountHome({ 'store:info': () => storeWithTrips(trips) });
    trips = 20_000;
    api.emit('job:done', { jobId: 'job-1', kind: 'demo.load', status: 'done', summary: null, error: null });
    await flushPromises();
    expect(wrapper.find('[data-testid="demo-offer"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="territory-chooser"]').exists()).toBe(true);
  });
});

describe('HomeView — choosing the territory', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('finds territories by name with their context, chooses one with the keyboard and remembers it', async () => {
    const { api, wrapper } = await mountHome();
    expect(wrapper.get('h1').text()).toBe('Mon territoire');
    const input = wrapper.get('[data-testid="territory-search"]');
    expect(input.attributes('role')).toBe('combobox');
    expect(input.attributes('aria-expanded')).toBe('false');

    await search(wrapper, 'nantes');
    expect(callsTo(api, 'territory:search')).toEqual([{ text: 'nantes', limit: 10 }]);
    expect(input.attributes('aria-expanded')).toBe('true');
    expect(wrapper.get('[data-testid="territory-search-status"]').text()).toBe('3 territoires trouvés.');
    const options = wrapper.findAll('[role="option"]');
    expect(options.map((option) => option.text())).toEqual([
      `Nantes — commune, Loire-Atlantique · 320${NNBSP}732 hab. · 7${NNBSP}400 trajets dans la base`,
      `Nantes Métropole — AOM, Loire-Atlantique · 683${NNBSP}000 hab. · 9${NNBSP}100 trajets dans la base`,
      `Nantes Métropole — EPCI, Loire-Atlantique · 683${NNBSP}000 hab. · 9${NNBSP}100 trajets dans la base`,
    ]);

    await input.trigger('keydown', { key: 'ArrowDown' });
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe(options[1]?.attributes('id'));
    expect(options[1]?.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();

    expect(callsTo(api, 'settings:set')).toEqual([{ key: 'home.territory', value: NANTES_METROPOLE }]);
    expect(callsTo(api, 'territory:summary')).toEqual([NANTES_METROPOLE]);
    expect(wrapper.get('h1').text()).toBe('Mon territoire : Nantes Métropole');
    expect(document.activeElement).toBe(wrapper.get('h1').element);
  });

  it('says when nothing matches, and closes the list on Escape', async () => {
    const { wrapper } = await mountHome();
    await search(wrapper, 'xyz');
    expect(wrapper.get('[data-testid="territory-search-status"]').text()).toBe('Aucun territoire ne correspond à « xyz ».');
    await search(wrapper, 'saint');
    const input = wrapper.get('[data-testid="territory-search"]');
    expect(input.attributes('aria-expanded')).toBe('true');
    await input.trigger('keydown', { key: 'Escape' });
    expect(input.attributes('aria-expanded')).toBe('false');
  });

  it('offers the busiest territories of the store as one-click choices', async () => {
    const { api, wrapper } = await mountHome({
      'stats:territories': ({ level }) => (level === 'aom' ? [{ code: '244400404', name: 'Nantes Métropole', journeys: 9_100 }] : [{ code: '44', name: 'Loire-Atlantique', journeys: 30_000 }]),
    });
    const suggestion = wrapper.get('[data-testid="territory-suggestion-aom-244400404"]');
    expect(suggestion.text()).toBe('Nantes Métropole (AOM)');
    expect(wrapper.get('[data-testid="territory-suggestion-dep-44"]').text()).toBe('Loire-Atlantique (département)');
    await suggestion.trigger('click');
    await flushPromises();
    expect(callsTo(api, 'settings:set')).toEqual([{ key: 'home.territory', value: NANTES_METROPOLE }]);
    expect(wrapper.find('[data-testid="headline-figures"]').exists()).toBe(true);
  });
});

describe('HomeView — the territory', () => {
  beforeEach(() => {
    delete document.documentElement.dataset.appReady;
  });

  it('shows the headline figures with their trend against a year before, each linked to Statistiques', async () => {
    const { api, wrapper } = await mountHome(settingsWith({ 'home.territory': NANTES_METROPOLE }));
    expect(callsTo(api, 'territory:summary')).toEqual([NANTES_METROPOLE]);
    expect(document.documentElement.dataset.appReady).toBe('true');
    expect(wrapper.get('[data-testid="home-period"]').text()).toBe('Du 01/08/2026 au 31/10/2026.');
    expect(wrapper.text()).toContain('Comparaison avec la même période un an plus tôt, du 01/08/2025 au 31/10/2025.');

    const journeys = wrapper.get('[data-testid="figure-journeys"]');
    expect(journeys.get('[data-testid="figure-value"]').text()).toBe(`13${NNBSP}860`);
    expect(journeys.get('[data-testid="figure-trend"]').text()).toBe(`+12${'\u00a0'}% par rapport à la même période un an plus tôt`);
    expect(journeys.get('a').attributes('href')).toBe('/statistiques?level=aom&code=244400404&from=2026-08-01&to=2026-10-31');
    expect(journeys.get('a').text()).toBe('Trajets : le détail dans Statistiques');
    expect(wrapper.get('[data-testid="figure-incentivesCents"] [data-testid="figure-value"]').text()).toBe(`23${NNBSP}456,00${'\u00a0'}€`);
    expect(wrapper.get('[data-testid="figure-distanceKm"] [data-testid="figure-value"]').text()).toBe(`291${NNBSP}900 km`);
    expect(wrapper.get('[data-testid="figure-co2Tonnes"] [data-testid="figure-value"]').text()).toBe('41,2 t');
    expect(wrapper.get('[data-testid="figure-internal-share"]').text()).toBe(`42${'\u00a0'}% des trajets sont internes au territoire.`);
  });

  it('says when the store has no year before to compare with', async () => {
    const { wrapper } = await mountHome({
      ...settingsWith({ 'home.territory': NANTES_METROPOLE }),
      'territory:summary': (request) => {
        const summary = fakeTerritorySummary(request);
        const without = (figure: { value: number }) => ({ value: figure.value, yearBefore: null });
        const f = summary.figures;
        return {
          ...summary,
          yearBefore: null,
          figures: { ...f, journeys: without(f.journeys), carpools: without(f.carpools), carpoolers: without(f.carpoolers), distanceKm: without(f.distanceKm), incentivesCents: without(f.incentivesCents), operators: without(f.operators), co2Tonnes: without(f.co2Tonnes) },
        };
      },
    });
    expect(wrapper.text()).toContain('La base ne couvre pas la même période un an plus tôt : pas de comparaison.');
    expect(wrapper.get('[data-testid="figure-journeys"] [data-testid="figure-trend"]').text()).toBe('pas de comparaison sur un an');
  });

  it('lists the main flows with the map link, operators, hours and days, incentives paid and by whom', async () => {
    const { wrapper } = await mountHome(settingsWith({ 'home.territory': NANTES_METROPOLE }));
    const flows = wrapper.findAll('[data-testid="main-flow"]');
    expect(flows[0]?.text()).toBe(`Nantes (44109)Saint-Herblain (44162)1${NNBSP}830`);
    expect(wrapper.get('[data-testid="flows-map-link"]').attributes('href')).toBe('/carte?level=aom&code=244400404&from=2026-08-01&to=2026-10-31');
    expect(wrapper.findAll('[data-testid="operator-share"]').map((row) => row.text())).toEqual([
      `BlaBlaCar Daily6${NNBSP}93050${'\u00a0'}%`,
      `Karos4${NNBSP}15830${'\u00a0'}%`,
      `Klaxit2${NNBSP}77220${'\u00a0'}%`,
    ]);
    expect(wrapper.get('[data-testid="home-months-table"]').text()).toContain('août 2026');
    expect(wrapper.get('[data-testid="home-weekdays-table"]').text()).toContain('Lundi');
    expect(wrapper.get('[data-testid="home-hours-table"]').text()).toContain('7 h');
    expect(wrapper.get('[data-testid="incentives-summary"]').text()).toBe(`9${NNBSP}800 trajets incités pour 23${NNBSP}456,00${'\u00a0'}€`);
    expect(wrapper.findAll('[data-testid="incentive-payer"]')[0]?.text()).toContain('Région Pays de la Loire');
  });

  it('says what waits for the user, each with the page where it is done, and what the store covers', async () => {
    const { wrapper } = await mountHome(settingsWith({ 'home.territory': NANTES_METROPOLE }));
    const rejected = wrapper.get('[data-testid="waiting-rejected"]');
    expect(rejected.text()).toContain('157 lignes rejetées à l’import dans 2 imports');
    expect(rejected.get('a').attributes('href')).toBe('/donnees');
    expect(wrapper.get('[data-testid="waiting-flagged"]').text()).toContain('41 trajets signalés pas encore instruits');
    expect(wrapper.get('[data-testid="waiting-flagged"] a').attributes('href')).toBe('/controles');
    expect(wrapper.get('[data-testid="waiting-simulations"] a').attributes('href')).toBe('/campagnes');
    expect(wrapper.get('[data-testid="store-period"]').text()).toBe('Trajets du 01/01/2025 au 31/10/2026.');
    expect(wrapper.get('[data-testid="store-last-sync"]').text()).toBe('Dernière synchronisation le 28/11/2026 17:40:38.');
    expect(wrapper.get('[data-testid="store-coverage"]').find('a[href="/a-propos"]').exists()).toBe(true);
  });

  it('changes territory, or keeps the current one', async () => {
    const { wrapper } = await mountHome(settingsWith({ 'home.territory': NANTES_METROPOLE }));
    await wrapper.get('[data-testid="territory-change"]').trigger('click');
    expect(wrapper.find('[data-testid="territory-chooser"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="headline-figures"]').exists()).toBe(false);
    await wrapper.get('[data-testid="territory-keep"]').trigger('click');
    expect(wrapper.find('[data-testid="headline-figures"]').exists()).toBe(true);
  });

  it('reloads the figures when data change', async () => {
    const { api } = await mountHome(settingsWith({ 'home.territory': NANTES_METROPOLE }));
    api.emit('data:changed', { tables: ['stats_day'] });
    await flushPromises();
    expect(callsTo(api, 'territory:summary')).toHaveLength(2);
  });

  it('shows a failed summary in an alert and does not mark the app ready', async () => {
    const { wrapper } = await mountHome({
      ...settingsWith({ 'home.territory': NANTES_METROPOLE }),
      'territory:summary': () => {
        throw new ApiError('internal', 'Lecture des agrégats impossible.');
      },
    });
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('Lecture des agrégats impossible.');
    expect(document.documentElement.dataset.appReady).toBeUndefined();
  });
});

describe('HomeView — towards a campaign and the report', () => {
  it('lists comparable campaigns with why, how they pay and what they paid, and prepares a draft for the Campagnes page', async () => {
    const { api, wrapper, router } = await mountHome(settingsWith({ 'home.territory': NANTES_METROPOLE }));
    expect(callsTo(api, 'campaigns:comparable')).toEqual([{ territory: NANTES_METROPOLE }]);
    const poitiers = wrapper.get('[data-testid="comparable-grand_poitiers_2025"]');
    expect(poitiers.text()).toContain('Territoire : Grand Poitiers');
    expect(poitiers.text()).toContain(`Proximité : 82${'\u00a0'}%`);
    expect(poitiers.text()).toContain('population comparable : 200 000 hab.');
    expect(poitiers.text()).toContain('2 € par trajet de 5 à 20 km');
    expect(poitiers.get('[data-testid="comparable-paid"]').text()).toBe(`Ce qu’elle a payé : 12${NNBSP}500,00${'\u00a0'}€ pour 6${NNBSP}200 trajets (trajets de la base).`);
    expect(wrapper.get('[data-testid="comparable-1"] [data-testid="comparable-paid"]').text()).toBe('Ce qu’elle a payé : aucun de ses paiements n’est dans la base.');

    await poitiers.get('[data-testid="prepare-grand_poitiers_2025"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'campaigns:draft')).toEqual([{ campaignId: 'grand_poitiers_2025', territory: NANTES_METROPOLE }]);
    expect(router.currentRoute.value.name).toBe('campaigns');
    const campaigns = useCampaignsStore();
    expect(JSON.parse(campaigns.editorText)).toMatchObject({ id: 'brouillon-grand_poitiers_2025', territory: { aom: ['244400404'] } });
    expect(campaigns.draft).toMatchObject({ sourceName: 'Communauté urbaine du Grand Poitiers (2025)', from: '2025-11-01', to: '2026-10-31' });
  });

  it('writes the one-page report of the period shown, with a saved simulation when chosen, and follows its job', async () => {
    const { api, wrapper } = await mountHome(settingsWith({ 'home.territory': NANTES_METROPOLE }));
    const report = wrapper.get('[data-testid="territory-report"]');
    await report.get('select[data-testid="report-simulation"]').setValue('7');
    await report.get('[data-testid="report-button"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'territory:report')).toEqual([{ territory: NANTES_METROPOLE, from: '2026-08-01', to: '2026-10-31', simulationId: 7 }]);
    const progress = report.get('[data-testid="job-progress"]');
    expect(progress.get('[data-testid="job-detail"]').text()).toBe('Fichier : /donnees/atelier/exports/rapport-aom-244400404.pdf');

    api.emit('job:done', { jobId: 'job-1', kind: 'territory.report', status: 'done', summary: null, error: null });
    await flushPromises();
    expect(report.get('[data-testid="job-progress"]').attributes('data-status')).toBe('done');
    expect(report.get('[data-testid="job-progress"]').text()).toContain('Rapport de territoire (PDF)');
  });
});
