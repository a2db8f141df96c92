import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import { useJobsStore } from '@renderer/stores/jobs-store';
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
    expect(wrapper.get('[data-testid="export-row"] td:nth-child(3)').classes()).toContain('fr-cell--right');
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
      { filter: { from: '2026-08-01', to: '2026-10-31', territory: { level: 'dep', code: '44' }, status: 'ok' }, format: 'xlsx', csvDialect: 'excel-fr', includeConfirmedFraud: false },
    ]);
    expect(wrapper.find('[data-testid="trip-export-dialect-excel-fr"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="trip-export"] [data-testid="job-detail"]').text()).toBe(
      'Fichier en cours d’écriture : /donnees/atelier/exports/trajets-2026-08-01_2026-10-31.xlsx',
    );
  });

  it('offers CSV for French Excel by default, or standard CSV', async () => {
    const { api, wrapper } = await mountExports();
    await wrapper.get('select[data-testid="trip-export-format"], [data-testid="trip-export-format"] select').setValue('csv');
    const excel = wrapper.get('[data-testid="trip-export-dialect-excel-fr"]');
    expect((excel.element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.get(`label[for="${excel.attributes('id')}"]`).text()).toBe('Excel français (par défaut)');
    await wrapper.get('[data-testid="trip-export-dialect-standard"]').setValue(true);
    await wrapper.get('[data-testid="trip-export"] form').trigger('submit');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'exports:trips').map((call) => call.req)).toMatchObject([{ format: 'csv', csvDialect: 'standard' }]);
  });

  it('says the file was written once the job is done, not that it is being written', async () => {
    const { api, wrapper } = await mountExports();
    // The shell has the jobs store listen to job events; this view alone does not.
    await useJobsStore().start();
    await wrapper.get('[data-testid="trip-export"] form').trigger('submit');
    await flushPromises();
    const progress = () => wrapper.get('[data-testid="trip-export"] [data-testid="job-progress"]');
    expect(progress().get('[data-testid="job-detail"]').text()).toContain('Fichier en cours d’écriture');
    const file = '/donnees/atelier/exports/trajets-2026-08-01_2026-10-31.xlsx';
    const newest = async (): Promise<string> => (await api.invoke('jobs:list', { limit: 1 }))[0]?.id ?? '';
    api.emit('job:done', { jobId: await newest(), kind: 'export.trips', status: 'done', summary: { file, rows: 12, bytes: 3_000, excludedConfirmedFraud: 0 }, error: null });
    await flushPromises();
    expect(progress().attributes('data-status')).toBe('done');
    expect(progress().get('[data-testid="job-detail"]').text()).toBe(`Fichier écrit : ${file}`);
    expect(progress().text()).not.toContain('en cours');

    await wrapper.get('[data-testid="apdf-export"] form').trigger('submit');
    await flushPromises();
    api.emit('job:done', { jobId: await newest(), kind: 'export.apdf', status: 'failed', summary: null, error: 'Classeur APDF incohérent' });
    await flushPromises();
    expect(wrapper.get('[data-testid="apdf-export"] [data-testid="job-detail"]').text()).toBe('Aucun fichier n’a été écrit.');
  });

  it('says when the APDF workbook has the registry’s « Synthèse par tranche » sheet', async () => {
    const { wrapper } = await mountExports();
    expect(wrapper.get('[data-testid="apdf-sheets"]').text()).toContain('seulement pour une campagne qui déclare des tranches de distance');
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
