import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import ExportsView from './ExportsView.vue';

enableAutoUnmount(afterEach);

async function mountExports(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(ExportsView, api);
  await flushPromises();
  return { api, wrapper };
}

describe('ExportsView', () => {
  it('lists the produced files, newest first, with French kinds, sizes and dates', async () => {
    const { wrapper } = await mountExports();
    const rows = wrapper.findAll('[data-testid="export-row"]').map((row) => row.findAll('td').map((cell) => cell.text()));
    expect(rows[0]).toEqual(['statistiques-dep-44-2026-08-01_2026-10-31.xlsx', 'Statistiques du territoire', '47,1\u00a0ko', '02/11/2026 10:30:00']);
    expect(rows[1]?.[1]).toBe('Lignes rejetées');
  });

  it('in browser mode, shows the folder instead of opening it', async () => {
    const { api, wrapper } = await mountExports();
    await wrapper.get('[data-testid="exports-open-folder"]').trigger('click');
    await flushPromises();
    expect(api.calls.some((call) => call.channel === 'exports:open-folder')).toBe(true);
    expect(wrapper.get('[data-testid="exports-folder"]').text()).toBe('Dossier des exports : /donnees/atelier/exports');
  });

  it('says when nothing was exported yet', async () => {
    const { wrapper } = await mountExports({ 'exports:list': () => [] });
    expect(wrapper.get('[data-testid="exports-empty"]').text()).toBe('Aucun fichier pour le moment.');
  });
});

describe('ExportsView — forms', () => {
  it('exports the trip list of a territory as Excel, starting on the period covered', async () => {
    const { api, wrapper } = await mountExports();
    expect((wrapper.get('input[data-testid="trip-export-from"], [data-testid="trip-export-from"] input').element as HTMLInputElement).value).toBe('2026-08-01');
    await wrapper.get('select[data-testid="trip-export-level"], [data-testid="trip-export-level"] select').setValue('dep');
    await wrapper.get('input[data-testid="trip-export-code"], [data-testid="trip-export-code"] input').setValue(' 44 ');
    await wrapper.get('[data-testid="trip-export"] form').trigger('submit');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'exports:trips').map((call) => call.req)).toEqual([
      { filter: { from: '2026-08-01', to: '2026-10-31', territory: { level: 'dep', code: '44' }, status: 'ok' }, format: 'xlsx', includeConfirmedFraud: false },
    ]);
    expect(wrapper.get('[data-testid="trip-export-file"]').text()).toContain('trajets-2026-08-01_2026-10-31.xlsx');
  });

  it('offers the campaigns of the extracts for an APDF workbook and starts it', async () => {
    const { api, wrapper } = await mountExports();
    expect(wrapper.get('[data-testid="apdf-export"]').text()).toContain('IDFM 2024 — BlaBlaCar Daily — septembre 2026');
    await wrapper.get('[data-testid="apdf-export"] form').trigger('submit');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'exports:apdf').map((call) => call.req)).toEqual([{ campaignId: '459', operatorId: 1, month: '2026-09', includeConfirmedFraud: false }]);
    expect(wrapper.get('[data-testid="apdf-export"] [data-testid="job-progress"]').text()).toContain('Classeur APDF');
  });

  it('keeps journeys confirmed as fraud out of both exports unless asked, saying how many there are', async () => {
    const { api, wrapper } = await mountExports();
    for (const testId of ['trip-export-confirmed-fraud', 'apdf-confirmed-fraud']) {
      expect(wrapper.get(`[data-testid="${testId}-notice"]`).text()).toBe('1 trajet est marqué fraude confirmée (décisions de la page Contrôles).');
      await wrapper.get(`[data-testid="${testId}"]`).setValue(true);
    }
    await wrapper.get('[data-testid="trip-export"] form').trigger('submit');
    await wrapper.get('[data-testid="apdf-export"] form').trigger('submit');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'exports:trips').map((call) => (call.req as { includeConfirmedFraud: boolean }).includeConfirmedFraud)).toEqual([true]);
    expect(api.calls.filter((call) => call.channel === 'exports:apdf').map((call) => (call.req as { includeConfirmedFraud: boolean }).includeConfirmedFraud)).toEqual([true]);
  });

  it('has no notice when no journey is confirmed as fraud', async () => {
    const { wrapper } = await mountExports({ 'checks:exclusions': () => ({ journeysConfirmed: 0, personsConfirmed: 0, excludedTrips: 0, excludedAtRiskCents: 0 }) });
    expect(wrapper.find('[data-testid="trip-export-confirmed-fraud-notice"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="apdf-confirmed-fraud"]').exists()).toBe(true);
  });
});
