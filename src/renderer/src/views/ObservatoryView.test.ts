import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ApiError } from '@shared/ipc/result';
import { settingDefaults } from '@shared/types/settings';
import { createFakeApi, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { fakeObservatoryIndicators } from '@renderer/api/fake-territory';
import { useJobsStore } from '@renderer/stores/jobs-store';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import ObservatoryView from './ObservatoryView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: charts are stubbed, their data tables are what is tested (see StatsView.test.ts).
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

const NNBSP = '\u202f';
const NANTES_METROPOLE = { level: 'aom', code: '244400404' } as const;

async function mountObservatory(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(ObservatoryView, api);
  await flushPromises();
  return { api, wrapper };
}

function callsTo(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

describe('ObservatoryView', () => {
  beforeEach(() => {
    delete document.documentElement.dataset.appReady;
  });

  it('shows the indicators of the whole store with their definitions, charts with tables and the CO₂ method', async () => {
    const { api, wrapper } = await mountObservatory();
    expect(callsTo(api, 'observatory:indicators')).toEqual([{ territory: null }]);
    expect(document.documentElement.dataset.appReady).toBe('true');
    expect(wrapper.get('[data-testid="observatory-heading"]').text()).toBe('Toute la base — du 01/11/2025 au 31/10/2026');
    expect(wrapper.get('[data-testid="observatory-journeys"]').text()).toContain(`163${NNBSP}800`);
    expect(wrapper.get('[data-testid="observatory-operators"]').text()).toContain('Opérateurs qui envoient des preuves');
    expect(wrapper.get('[data-testid="observatory-authorities"]').text()).toContain('2');
    expect(wrapper.get('[data-testid="observatory-attestations"]').text()).toContain('0');
    expect(wrapper.get('[data-testid="observatory-co2"]').text()).toContain('480,5 t');
    expect(wrapper.get('[data-testid="observatory-months-table"]').text()).toContain('novembre 2025');
    expect(wrapper.get('[data-testid="observatory-operators-table"]').text()).toContain('octobre 2026');
    expect(wrapper.get('[data-testid="evolution-withCampaign"]').text()).toBe(`AOM avec une campagne28${NNBSP}00010${NNBSP}000+25${'\u00a0'}%`);
    expect(wrapper.get('[data-testid="campaign-effect"]').text()).toContain('Premier mois (novembre 2025)');
    expect(wrapper.get('[data-testid="observatory-evolution-table"]').text()).toContain('25 %');
    expect(wrapper.findAll('[data-testid="authority-row"]')[0]?.text()).toContain('Région Pays de la Loire');
    expect(wrapper.get('[data-testid="observatory-co2-method"]').text()).toContain('195 g CO₂e');
    // The period shown is put in the empty fields, so the user sees what the figures cover.
    expect((wrapper.get('input[data-testid="observatory-from"]').element as HTMLInputElement).value).toBe('2025-11-01');
  });

  it('says which counts the privacy threshold hides, never showing them as 0', async () => {
    const { wrapper } = await mountObservatory({
      'observatory:indicators': ({ territory }) => {
        const indicators = fakeObservatoryIndicators(territory);
        return {
          ...indicators,
          carpoolers: null,
          months: indicators.months.map((row, index) => (index === 0 ? { ...row, journeys: null, carpools: null } : row)),
          evolution: { ...indicators.evolution, withoutCampaign: { aoms: 5, first: null, last: 2_100, change: null } },
        };
      },
    });
    expect(wrapper.get('[data-testid="observatory-carpoolers"]').text()).toContain('moins de 6');
    expect(wrapper.get('[data-testid="observatory-hidden-months"]').text()).toBe('1 mois sous le seuil de confidentialité (6 trajets) n’est pas montré.');
    expect(wrapper.get('[data-testid="observatory-months-table"]').text()).not.toContain('novembre 2025');
    expect(wrapper.get('[data-testid="evolution-withoutCampaign"]').text()).toContain('moins de 6');
    expect(wrapper.get('[data-testid="evolution-withoutCampaign"]').text()).toContain('non calculable');
  });

  it('observes the home page territory over a chosen period', async () => {
    const { api, wrapper } = await mountObservatory({ 'settings:list': () => ({ ...settingDefaults, 'home.territory': NANTES_METROPOLE }) });
    await wrapper.get('[data-testid="observatory-scope-territory"]').setValue(true);
    await wrapper.get('input[data-testid="observatory-from"]').setValue('2026-01-01');
    await wrapper.get('input[data-testid="observatory-to"]').setValue('2026-06-30');
    await wrapper.get('[data-testid="observatory-form"]').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'observatory:indicators').at(-1)).toEqual({ territory: NANTES_METROPOLE, from: '2026-01-01', to: '2026-06-30' });
    expect(wrapper.get('[data-testid="observatory-heading"]').text()).toBe('Nantes Métropole — du 01/01/2026 au 30/06/2026');
  });

  it('offers the territory only once one is chosen on the home page, and refuses half a period', async () => {
    const { api, wrapper } = await mountObservatory();
    expect(wrapper.get('[data-testid="observatory-scope-territory"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('Choisissez votre territoire sur la page d’accueil');
    await wrapper.get('input[data-testid="observatory-to"]').setValue('');
    await wrapper.get('[data-testid="observatory-form"]').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'observatory:indicators')).toHaveLength(1);
    expect(wrapper.text()).toContain('Indiquez les deux dates, la première avant la seconde, ou aucune.');
  });

  it('publishes the site of what the page shows, follows the job and gives the folder', async () => {
    const { api, wrapper } = await mountObservatory();
    // The shell listens to the job events from start-up on (App.vue).
    await useJobsStore().start();
    await wrapper.get('[data-testid="observatory-publish-button"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'observatory:publish')).toEqual([{ territory: null }]);
    const progress = wrapper.get('[data-testid="observatory-publish"] [data-testid="job-progress"]');
    expect(progress.get('[data-testid="job-detail"]').text()).toBe('Dossier : /donnees/atelier/exports/observatoire-2026-12-07');
    expect(progress.text()).toContain('Publication de l’observatoire (site statique)');
    api.emit('job:done', { jobId: 'job-1', kind: 'observatory.publish', status: 'done', summary: null, error: null });
    await flushPromises();
    expect(wrapper.get('[data-testid="observatory-publish"] [data-testid="job-progress"]').attributes('data-status')).toBe('done');
  });

  it('shows a failure in an alert and does not mark the app ready', async () => {
    const { wrapper } = await mountObservatory({
      'observatory:indicators': () => {
        throw new ApiError('internal', 'Indicateurs indisponibles.');
      },
    });
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('Indicateurs indisponibles.');
    expect(document.documentElement.dataset.appReady).toBeUndefined();
  });
});
