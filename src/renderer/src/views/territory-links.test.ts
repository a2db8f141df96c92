import { createTestingPinia } from '@pinia/testing';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, type Component } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { createFakeApi, type FakeApi } from '@renderer/api/fake';
import { setApi } from '@renderer/api/instance';
import { createAppI18n } from '@renderer/i18n';
import { createAppRouter } from '@renderer/router';
import MapView from './MapView.vue';
import StatsView from './StatsView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: charts are stubbed (see StatsView.test.ts); the map draws nothing (see MapView.test.ts).
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

/** Opens `path` (with its query, as a link of the home page would) and mounts the page shown there. */
async function open(component: Component, path: string): Promise<FakeApi> {
  const api = createFakeApi();
  setApi(api);
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  mount(component, { attachTo: document.body, global: { plugins: [createTestingPinia({ createSpy: vi.fn, stubActions: false }), createAppI18n(), router] } });
  await flushPromises();
  return api;
}

function callsTo(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

describe('pages opened on the home page territory', () => {
  it('Statistiques shows the territory and period of the link, and lists the territories of its level', async () => {
    const api = await open(StatsView, '/statistiques?level=aom&code=244400404&from=2026-09-01&to=2026-10-31');
    expect(callsTo(api, 'stats:query')).toEqual([{ level: 'aom', code: '244400404', direction: 'both', granularity: 'month', from: '2026-09-01', to: '2026-10-31' }]);
    expect(callsTo(api, 'stats:territories').at(-1)).toEqual({ level: 'aom' });
  });

  it('Statistiques falls back to the last three months covered when the link has no period', async () => {
    const api = await open(StatsView, '/statistiques?level=dep&code=49');
    expect(callsTo(api, 'stats:query')).toEqual([{ level: 'dep', code: '49', direction: 'both', granularity: 'month', from: '2026-08-01', to: '2026-10-31' }]);
  });

  it('Carte maps the flows between the communes of the territory of the link, over its period', async () => {
    const api = await open(MapView, '/carte?level=aom&code=244400404&from=2026-09-01&to=2026-10-31');
    expect(callsTo(api, 'map:flows')).toEqual([
      { level: 'com', territory: { level: 'aom', code: '244400404' }, from: '2026-09-01', to: '2026-10-31', direction: 'both', minCount: 6 },
    ]);
  });
});
