import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { useJobsStore } from '@renderer/stores/jobs-store';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import DeclarationsView from './DeclarationsView.vue';

enableAutoUnmount(afterEach);

async function mountDeclarations(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const mounted = mountWithApp(DeclarationsView, api);
  await flushPromises();
  return { api, ...mounted };
}

/** The input of a DSFR field by its test id (on the input or on its wrapper). */
const control = (wrapper: VueWrapper, testId: string) => wrapper.get(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

describe('DeclarationsView', () => {
  it('says declared journeys stay apart from the registry, and writes the template', async () => {
    const { wrapper } = await mountDeclarations();
    expect(wrapper.get('h1').text()).toBe('Déclarations');
    expect(wrapper.text()).toContain('absents des statistiques, des simulations de campagne, des classeurs APDF et des exports de trajets');
    await wrapper.get('[data-testid="declarations-template"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="declarations-template-written"]').attributes('data-path')).toBe('/donnees/atelier/exports/modele-trajets-declares.csv');
  });

  it('imports a dropped file by its text, follows the job, then shows the batch’s rows not accepted', async () => {
    const { api, wrapper, pinia } = await mountDeclarations();
    // The application starts the jobs store's listening (App.vue); a page mounted alone needs it started here.
    const jobs = useJobsStore(pinia);
    await jobs.start();
    const text = 'date;heure de départ\r\n16/10/2026;07:45\r\n';
    await wrapper.get('[data-testid="declaration-drop-zone"]').trigger('drop', { dataTransfer: { files: [new File([text], 'trajets.csv', { type: 'text/csv' })] } });
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'declarations:import').map((call) => call.req)).toEqual([{ fileName: 'trajets.csv', text }]);
    expect(wrapper.get('[data-testid="job-progress"]').text()).toContain('Import de trajets déclarés');
    const [jobId] = Object.keys(jobs.byId);
    api.emit('job:done', { jobId: jobId as string, kind: 'declaration.import', status: 'done', error: null, summary: { batchId: 1, fileName: 'trajets.csv', rows: 4, accepted: 2, duplicates: 1, rejected: 1 } });
    await flushPromises();
    expect(wrapper.get('[data-testid="declarations-upload-result"]').text()).toContain('trajets.csv : 4 ligne(s) lue(s) — 2 acceptée(s), 1 déjà déclarée(s), 1 rejetée(s).');
    const rows = wrapper.findAll('[data-testid="declarations-report-table"] tbody tr');
    expect(rows.map((row) => [row.attributes('data-line'), row.attributes('data-reason')])).toEqual([['3', 'unknown_commune'], ['5', 'duplicate_declared']]);
    expect(rows[0]?.text()).toContain('commune de départ');
    await wrapper.get('[data-testid="declarations-report-export"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="declarations-report-exported"]').text()).toContain('trajets-non-retenus-20261207-110000.csv (2 lignes)');
  });

  it('refuses a file that is not a CSV without calling the main side', async () => {
    const { api, wrapper } = await mountDeclarations();
    await wrapper.get('[data-testid="declaration-drop-zone"]').trigger('drop', { dataTransfer: { files: [new File(['x'], 'trajets.xlsx')] } });
    await flushPromises();
    expect(wrapper.get('[data-testid="declaration-drop-message"]').text()).toContain('« trajets.xlsx » n’est pas un fichier CSV.');
    expect(api.calls.some((call) => call.channel === 'declarations:import')).toBe(false);
  });

  it('declares one journey, shows a field’s problem where it is, and lists what was recorded', async () => {
    const { api, wrapper } = await mountDeclarations();
    await control(wrapper, 'declare-date').setValue('2026-10-16');
    await control(wrapper, 'declare-time').setValue('07:45');
    await control(wrapper, 'declare-from').setValue('00000');
    await control(wrapper, 'declare-to').setValue('44162');
    await control(wrapper, 'declare-distance').setValue('9,5');
    await control(wrapper, 'declare-declarant').setValue('agent-1');
    await wrapper.get('[data-testid="declarations-form"] form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="declare-result"]').attributes('data-outcome')).toBe('rejected');
    expect(wrapper.get('[data-testid="declarations-form"]').text()).toContain('commune de départ inconnue « 00000 »');

    await control(wrapper, 'declare-from').setValue('44109');
    await wrapper.get('[data-testid="declarations-form"] form').trigger('submit');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'declarations:add').at(-1)?.req).toEqual({
      date: '2026-10-16', time: '07:45', from: '44109', to: '44162', role: 'driver', seats: 1, distanceKm: 9.5, declarant: 'agent-1',
    });
    expect(wrapper.get('[data-testid="declare-result"]').text()).toContain('Trajet déclaré enregistré : Nantes → Saint-Herblain, le 16/10/2026 à 07:45, 9,5 km.');
    expect(wrapper.get('[data-testid="declarations-trips-count"]').text()).toBe('1 trajet déclaré');
    expect(wrapper.get('[data-testid="declarations-trips-table"]').text()).toContain('Nantes → Saint-Herblain');
    expect(wrapper.findAll('[data-testid="declarations-batches-table"] tbody tr')).toHaveLength(2);
  });
});
