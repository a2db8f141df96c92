import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/ipc/result';
import { settingDefaults } from '@shared/types/settings';
import { createFakeApi, fakeStoreInfo, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import AboutView from './AboutView.vue';

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

async function mountAbout(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(AboutView, api);
  await flushPromises();
  return { api, wrapper };
}

function callsTo(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

describe('AboutView', () => {
  beforeEach(() => {
    delete document.documentElement.dataset.appReady;
  });

  it('shows the store facts and its row counts in French, then marks the app ready', async () => {
    const { wrapper } = await mountAbout({ 'store:info': () => storeWithTrips(1_234_567) });
    expect(wrapper.get('h1').text()).toBe('À propos / diagnostic');
    const section = wrapper.get('[data-testid="store-info"]');
    expect(section.get('[data-testid="count-trips"]').text()).toBe(`1${NNBSP}234${NNBSP}567`);
    expect(section.get('[data-testid="count-operators"]').text()).toBe('12');
    expect(section.get('[data-testid="store-file"]').text()).toBe('/donnees/atelier/atelier.sqlite');
    expect(section.get('[data-testid="store-size"]').text()).toBe('96\u00a0ko');
    expect(section.get('[data-testid="store-schema"]').text()).toContain('2 migrations appliquées');
    expect(section.get('[data-testid="store-engine"]').text()).toBe('SQLite 3.50.4');
    expect(section.get('[data-testid="disk-encryption-status"]').text()).toContain('Le disque qui contient la base est chiffré (LUKS)');
    expect(document.documentElement.dataset.appReady).toBe('true');
  });

  it('loads demo data with the number of trips chosen, whatever the first-run offer got as an answer, and follows the job', async () => {
    const { api, wrapper } = await mountAbout({ 'settings:list': () => ({ ...settingDefaults, 'demo.offerAnswered': true }) });
    expect(wrapper.find('[data-testid="demo-offer"]').exists()).toBe(false);
    const section = wrapper.get('[data-testid="demo-section"]');
    await section.get('input').setValue('5000');
    await section.get('[data-testid="demo-load"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'demo:start')).toEqual([{ trips: 5_000 }]);
    expect(wrapper.get('[data-testid="job-progress"]').attributes('data-status')).toBe('running');
    expect(section.get('[data-testid="demo-load"]').attributes('disabled')).toBeDefined();
  });

  it('reloads the counts when a job ends and when data change', async () => {
    let trips = 0;
    const { api, wrapper } = await mountAbout({ 'store:info': () => storeWithTrips(trips) });
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
    const { wrapper } = await mountAbout({
      'store:info': () => {
        throw new ApiError('internal', 'Impossible d’ouvrir la base locale.');
      },
    });
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('Impossible d’ouvrir la base locale.');
    expect(document.documentElement.dataset.appReady).toBeUndefined();
  });

  it('lists the last jobs with their French status', async () => {
    const { wrapper } = await mountAbout({
      'jobs:list': () => [
        {
          id: 'job-1', kind: 'demo.load', status: 'done', params: {}, summary: null, error: null,
          startedAt: '2026-11-28T17:00:00.000Z', endedAt: '2026-11-28T17:04:20.000Z', current: 20_000, total: 20_000, step: 'finalize',
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
