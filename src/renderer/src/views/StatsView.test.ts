import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, fakeStatsResult, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { createAppI18n } from '@renderer/i18n';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import StatsView from './StatsView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas, so chart.js cannot draw here: the charts are stubbed with a plain canvas (the real
// drawing is covered by the Chromium end-to-end test); their titles, units and data tables are what is tested.
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

const NNBSP = '\u202f';

async function mountStats(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(StatsView, api);
  await flushPromises();
  return { api, wrapper };
}

function queries(api: FakeApi): unknown[] {
  return api.calls.filter((call) => call.channel === 'stats:query').map((call) => call.req);
}

describe('StatsView', () => {
  it('opens on the busiest département over the last three months covered, with French key figures', async () => {
    const { api, wrapper } = await mountStats();
    expect(queries(api)).toEqual([{ level: 'dep', code: '44', direction: 'both', granularity: 'month', from: '2026-08-01', to: '2026-10-31' }]);
    expect(wrapper.get('[data-testid="stats-period"]').text()).toBe('Données agrégées du 01/08/2026 au 31/10/2026.');
    expect(wrapper.get('[data-testid="stats-heading"]').text()).toContain('Loire-Atlantique (Département)');
    expect(wrapper.get('[data-testid="key-passengers"]').text()).toContain(`13${NNBSP}020`);
    expect(wrapper.get('[data-testid="key-peoplePerVehicle"]').text()).toContain('2,32');
    expect(wrapper.get('[data-testid="key-internalShare"]').text()).toMatch(/41,2\s%/);
    expect(wrapper.get('[data-testid="key-rpcIncentives"]').text()).toContain(`23${NNBSP}456,00`);
    expect(document.documentElement.dataset.appReady).toBe('true');
  });

  it('puts every chart’s values in an accessible table with units and French formats', async () => {
    const { wrapper } = await mountStats();
    const trend = wrapper.get('[data-testid="chart-trend-table"]');
    expect(trend.get('caption').text()).toBe('Évolution du nombre de trajets');
    expect(trend.findAll('tbody tr').map((row) => row.text())).toEqual([
      `août 20263${NNBSP}1202${NNBSP}480`,
      `septembre 20264${NNBSP}7103${NNBSP}700`,
      `octobre 20264${NNBSP}6503${NNBSP}690`,
    ]);
    expect(wrapper.get('[data-testid="chart-weekdays-table"]').text()).toContain('Dimanche');
    expect(wrapper.get('[data-testid="chart-incentives-table"]').text()).toContain('8\u202f756,00');
    expect(wrapper.get('[data-testid="chart-trend"]').text()).toContain('Unité : trajets');
    expect(wrapper.get('[data-testid="top-flows"]').text()).toContain('Saint-Herblain (44162)');
  });

  it('names each chart and sums it up in text: highest, lowest and total', async () => {
    const { wrapper } = await mountStats();
    expect(wrapper.get('[data-testid="chart-trend"] canvas').attributes('aria-label')).toBe('Graphique : Évolution du nombre de trajets');
    expect(wrapper.get('[data-testid="chart-trend-summary"]').text()).toBe(
      `Trajets : maximum 4${NNBSP}710 (septembre 2026), minimum 3${NNBSP}120 (août 2026), total 12${NNBSP}480.` +
        `Covoiturages : maximum 3${NNBSP}700 (septembre 2026), minimum 2${NNBSP}480 (août 2026), total 9${NNBSP}870.`,
    );
    expect(wrapper.find('[data-testid="chart-trend-partial-note"]').exists()).toBe(false);
  });

  it('marks the weeks the period cuts, in the chart’s note and in its table, and leaves them out of the lowest', async () => {
    const week = (period: string, from: string, to: string, journeys: number) => ({
      period, from, to, partial: from !== period, journeys, trips: journeys, passengers: journeys, distanceKm: 0, rpcCents: journeys * 10,
    });
    const { wrapper } = await mountStats({
      'stats:query': (query) => ({
        ...fakeStatsResult(query),
        series: [week('2026-07-27', '2026-08-01', '2026-08-02', 90), week('2026-08-03', '2026-08-03', '2026-08-09', 700), week('2026-08-10', '2026-08-10', '2026-08-16', 650)],
      }),
    });
    await wrapper.get('select[data-testid="stats-granularity"], [data-testid="stats-granularity"] select').setValue('week');
    await wrapper.get('[data-testid="stats-form"]').trigger('submit');
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="chart-trend-table"] tbody tr');
    expect(rows.map((row) => row.attributes('data-partial'))).toEqual(['true', undefined, undefined]);
    expect(rows.map((row) => row.findAll('th, td').at(-1)?.text())).toEqual(['partiel : du 01/08/2026 au 02/08/2026', 'complet', 'complet']);
    expect(rows[0]?.get('th').text()).toBe('semaine du 27/07/2026');
    expect(wrapper.get('[data-testid="chart-trend-partial-note"]').text()).toContain('points creux');
    expect(wrapper.get('[data-testid="chart-incentives-partial-note"]').text()).toContain('barres hachurées');
    expect(wrapper.get('[data-testid="chart-trend-summary"]').text()).toContain('minimum 650 (semaine du 10/08/2026), hors périodes incomplètes, total 1 440.');
    // The distributions are not time steps: nothing partial there.
    expect(wrapper.find('[data-testid="chart-hours-partial-note"]').exists()).toBe(false);
  });

  it('runs the query of the form, and shows a refused one', async () => {
    const { api, wrapper } = await mountStats({
      'stats:query': (query) => {
        if (query.from > '2026-09-01') throw new ApiError('invalid_input', 'la date de début doit précéder la date de fin');
        return createFakeApi().invoke('stats:query', query);
      },
    });
    await wrapper.get('select[data-testid="stats-direction"], [data-testid="stats-direction"] select').setValue('intra');
    await wrapper.get('select[data-testid="stats-granularity"], [data-testid="stats-granularity"] select').setValue('week');
    await wrapper.get('[data-testid="stats-form"]').trigger('submit');
    await flushPromises();
    expect(queries(api).at(-1)).toMatchObject({ direction: 'intra', granularity: 'week', code: '44' });

    await wrapper.get('input[data-testid="stats-from"], [data-testid="stats-from"] input').setValue('2026-10-15');
    await wrapper.get('[data-testid="stats-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('la date de début doit précéder la date de fin');
  });

  it('keeps the form in the statistics store: coming back to the page shows the fields as they were left', async () => {
    const { wrapper, pinia, router } = mountWithApp(StatsView, createFakeApi());
    await flushPromises();
    await wrapper.get('select[data-testid="stats-direction"], [data-testid="stats-direction"] select').setValue('intra');
    wrapper.unmount();
    const again = mount(StatsView, { attachTo: document.body, global: { plugins: [pinia, createAppI18n(), router] } });
    await flushPromises();
    // The option the select renders as chosen (happy-dom does not carry it over to `value`).
    expect(again.get('[data-testid="stats-direction"] option[selected]').attributes('value')).toBe('intra');
    // The figures are still those of the query last run, until the form is sent.
    expect(again.get('[data-testid="stats-heading"]').text()).toContain('Départ ou arrivée dans le territoire');
  });

  it('says how to get statistics on an empty store', async () => {
    const { wrapper, api } = await mountStats({ 'stats:period': () => null });
    expect(wrapper.get('[data-testid="stats-empty"]').text()).toContain('importez des extraits');
    expect(queries(api)).toEqual([]);
  });
});

describe('StatsView — export', () => {
  it('writes the workbook of the query shown and follows the job', async () => {
    const { api, wrapper } = await mountStats();
    await wrapper.get('[data-testid="stats-export"]').trigger('click');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'exports:stats').map((call) => call.req)).toEqual([
      { query: { level: 'dep', code: '44', direction: 'both', granularity: 'month', from: '2026-08-01', to: '2026-10-31' } },
    ]);
    expect(wrapper.get('[data-testid="job-detail"]').text()).toContain('Fichier en cours d’écriture : /donnees/atelier/exports/statistiques-dep-44-2026-08-01_2026-10-31.xlsx');
    expect(wrapper.get('[data-testid="job-progress"]').text()).toContain('Classeur statistique du territoire');
  });
});
