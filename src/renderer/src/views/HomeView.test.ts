import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/ipc/result';
import { settingDefaults } from '@shared/types/settings';
import { createFakeApi, fakeStoreInfo, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import HomeView from './HomeView.vue';

enableAutoUnmount(afterEach);

const NNBSP = '\u202f';

function storeWithTrips(trips: number) {
  return fakeStoreInfo({
    tables: [
      { name: 'jobs', rows: 3 },
      { name: 'operators', rows: 12 },
      { name: 'trips', rows: trips },
    ],
  });
}

async function mountHome(overrides: Partial<FakeHandlers> = {}): Promise<{ api: FakeApi; wrapper: ReturnType<typeof mountWithApp>['wrapper'] }> {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(HomeView, api);
  await flushPromises();
  return { api, wrapper };
}

function callsTo(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

describe('HomeView', () => {
  beforeEach(() => {
    delete document.documentElement.dataset.appReady;
  });

  it('shows the store facts and its row counts in French, then marks the app ready', async () => {
    const { wrapper } = await mountHome({ 'store:info': () => storeWithTrips(1_234_567) });
    const section = wrapper.get('[data-testid="store-info"]');
    expect(section.get('[data-testid="count-trips"]').text()).toBe(`1${NNBSP}234${NNBSP}567`);
    expect(section.get('[data-testid="count-operators"]').text()).toBe('12');
    expect(section.get('[data-testid="store-file"]').text()).toBe('/donnees/atelier/atelier.sqlite');
    expect(section.get('[data-testid="store-size"]').text()).toBe('96\u00a0ko');
    expect(section.get('[data-testid="store-schema"]').text()).toContain('202611281210_trips');
    expect(section.get('[data-testid="store-schema"]').text()).toContain('2 migrations appliquées');
    expect(section.get('[data-testid="store-sqlite"]').text()).toBe('3.50.4');
    expect(section.text()).toContain('Trajets');
    // Between the store's facts and its counts: whether the disk holding it is encrypted (issue 16, item 8).
    expect(section.get('[data-testid="disk-encryption-status"]').text()).toContain('Le disque qui contient la base est chiffré (LUKS)');
    expect(document.documentElement.dataset.appReady).toBe('true');
  });

  it('offers demo data when the store has no trip and the offer was never answered', async () => {
    const { wrapper } = await mountHome({ 'store:info': () => storeWithTrips(0) });
    const offer = wrapper.get('[data-testid="demo-offer"]');
    expect(offer.text()).toContain('Charger des données de démonstration ?');
    expect((offer.get('input').element as HTMLInputElement).value).toBe(String(settingDefaults['demo.defaultTrips']));
    expect(wrapper.find('[data-testid="demo-section"]').exists()).toBe(false);
  });

  it('does not offer demo data when the store already has trips, but keeps the demo button', async () => {
    const { wrapper } = await mountHome({ 'store:info': () => storeWithTrips(5) });
    expect(wrapper.find('[data-testid="demo-offer"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="demo-section"] [data-testid="demo-load"]').text()).toBe(
      'Charger les données de démonstration',
    );
  });

  it('does not offer demo data again once the offer was answered', async () => {
    const { wrapper } = await mountHome({
      'settings:list': () => ({ ...settingDefaults, 'demo.offerAnswered': true }),
    });
    expect(wrapper.find('[data-testid="demo-offer"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="demo-section"]').exists()).toBe(true);
  });

  it('starts the demo job with the chosen number of trips, records the answer and follows the job', async () => {
    const { api, wrapper } = await mountHome();
    await wrapper.get('[data-testid="demo-offer"] input').setValue('5000');
    await wrapper.get('[data-testid="demo-offer"] [data-testid="demo-load"]').trigger('click');
    await flushPromises();

    expect(callsTo(api, 'demo:start')).toEqual([{ trips: 5_000 }]);
    expect(callsTo(api, 'settings:set')).toEqual([{ key: 'demo.offerAnswered', value: true }]);
    expect(api.calls.map((call) => call.channel).filter((c) => c === 'demo:start' || c === 'settings:set')).toEqual([
      'demo:start',
      'settings:set',
    ]);
    expect(wrapper.get('[data-testid="job-progress"]').attributes('data-status')).toBe('running');
    expect(wrapper.find('[data-testid="demo-offer"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="demo-section"] [data-testid="demo-load"]').attributes('disabled')).toBeDefined();
  });

  it('refuses a number of trips the main side would refuse, without calling it', async () => {
    const { api, wrapper } = await mountHome();
    await wrapper.get('[data-testid="demo-offer"] input').setValue('12');
    await wrapper.get('[data-testid="demo-offer"] form').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'demo:start')).toEqual([]);
    expect(wrapper.get('[data-testid="demo-offer"]').text()).toContain(
      `Indiquez un nombre entier entre 100 et 2${NNBSP}000${NNBSP}000.`,
    );
  });

  it('hides the offer for good on "Non merci"', async () => {
    const { api, wrapper } = await mountHome();
    await wrapper.get('[data-testid="demo-decline"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'settings:set')).toEqual([{ key: 'demo.offerAnswered', value: true }]);
    expect(callsTo(api, 'demo:start')).toEqual([]);
    expect(wrapper.find('[data-testid="demo-offer"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="demo-section"]').exists()).toBe(true);
  });

  it('reloads the store when a job ends and when data changes', async () => {
    let trips = 0;
    const { api, wrapper } = await mountHome({ 'store:info': () => storeWithTrips(trips) });
    trips = 20_000;
    api.emit('job:done', { jobId: 'job-1', kind: 'demo.load', status: 'done', summary: null, error: null });
    await flushPromises();
    expect(wrapper.get('[data-testid="count-trips"]').text()).toBe(`20${NNBSP}000`);

    trips = 25_000;
    api.emit('data:changed', { tables: ['trips'] });
    await flushPromises();
    expect(wrapper.get('[data-testid="count-trips"]').text()).toBe(`25${NNBSP}000`);
  });

  it('shows an API failure in an alert instead of swallowing it', async () => {
    const { wrapper } = await mountHome({
      'store:info': () => {
        throw new ApiError('internal', 'Impossible d’ouvrir la base locale.');
      },
    });
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('Impossible d’ouvrir la base locale.');
    expect(document.documentElement.dataset.appReady).toBeUndefined();
  });

  it('lists the last jobs with their French status', async () => {
    const { wrapper } = await mountHome({
      'jobs:list': () => [
        {
          id: 'job-1',
          kind: 'demo.load',
          status: 'done',
          params: {},
          summary: null,
          error: null,
          startedAt: '2026-11-28T17:00:00.000Z',
          endedAt: '2026-11-28T17:04:20.000Z',
          current: 20_000,
          total: 20_000,
          step: 'finalize',
        },
      ],
    });
    const row = wrapper.get('[data-testid="recent-jobs"] tbody tr');
    expect(row.text()).toContain('Chargement des données de démonstration');
    expect(row.text()).toContain('Terminé');
    expect(row.text()).toContain('28/11/2026 18:00:00');
    expect(row.text()).toContain('4 min 20 s');
  });
});
