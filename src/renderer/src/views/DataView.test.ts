import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@shared/ipc/channels';
import { createFakeApi, fakeCoverage, fakeSyncLogEntry, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import DataView from './DataView.vue';

enableAutoUnmount(afterEach);

/** French typography separates thousands with a narrow no-break space. */
const NNBSP = '\u202f';

const electron: Partial<FakeHandlers> = {
  'app:info': () => ({ version: '0.0.0-test', mode: 'electron', dataDir: '/donnees/atelier', timeZone: 'Europe/Paris' }),
};

async function mountData(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(DataView, api);
  await flushPromises();
  return { api, wrapper };
}

function callsTo(api: FakeApi, channel: Channel): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

describe('DataView', () => {
  beforeEach(() => {
    delete document.documentElement.dataset.appReady;
  });

  it('in browser mode, imports the trimmed non-empty lines of the path field and follows each file', async () => {
    const { api, wrapper } = await mountData();
    expect(wrapper.get('h1').text()).toBe('Données');
    expect(wrapper.get('[data-testid="browser-notice"]').text()).toContain('désignez les fichiers par leur chemin');
    expect(wrapper.get('[data-testid="drop-zone"]').element.tagName).toBe('DIV');
    const field = wrapper.get('[data-testid="import-paths"]');
    expect(field.element.tagName).toBe('TEXTAREA');
    expect(wrapper.get(`label[for="${field.attributes('id')}"]`).text()).toContain('Chemin du fichier sur ce poste');

    await field.setValue('  /extraits/export-territoire.csv \n\n\t/extraits/operateurs.zip  \n   \n');
    await wrapper.get('[data-testid="import-submit"]').trigger('submit');
    await flushPromises();

    expect(callsTo(api, 'extracts:import')).toEqual([{ paths: ['/extraits/export-territoire.csv', '/extraits/operateurs.zip'] }]);
    const jobs = wrapper.findAll('[data-testid="job-progress"]');
    expect(jobs.map((job) => job.get('[data-testid="job-detail"]').text())).toEqual([
      '/extraits/export-territoire.csv',
      '/extraits/operateurs.zip',
    ]);
    expect(jobs[0]?.text()).toContain('Import d’extrait');
    expect(jobs[0]?.find('[data-testid="job-cancel"]').exists()).toBe(true);
    expect((field.element as HTMLTextAreaElement).value).toBe('');
    expect(wrapper.get('[data-testid="import-section"]').text()).not.toContain('Indiquez le chemin');
  });

  it('refuses an empty path field without calling the main side', async () => {
    const { api, wrapper } = await mountData();
    await wrapper.get('[data-testid="import-paths"]').setValue(' \n ');
    await wrapper.get('[data-testid="import-submit"]').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'extracts:import')).toEqual([]);
    expect(wrapper.get('[data-testid="import-section"]').text()).toContain('Indiquez le chemin d’au moins un fichier.');
  });

  it('in the desktop app, opens the file picker from the drop zone, then imports the chosen files', async () => {
    const { api, wrapper } = await mountData(electron);
    expect(wrapper.find('[data-testid="import-paths"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="browser-notice"]').exists()).toBe(false);
    await wrapper.get('[data-testid="drop-zone"]').trigger('click');
    await flushPromises();

    const channels = api.calls.map((call) => call.channel);
    expect(channels.filter((channel) => channel === 'extracts:pick-files' || channel === 'extracts:import')).toEqual([
      'extracts:pick-files',
      'extracts:import',
    ]);
    expect(callsTo(api, 'extracts:import')).toEqual([
      { paths: ['/donnees/extraits/export-territoire-2026-11.csv', '/donnees/extraits/export-operateur-2026-11.csv.gz'] },
    ]);
    expect(wrapper.findAll('[data-testid="job-progress"]')).toHaveLength(2);
  });

  it('shows the coverage in French, with the journeys per status', async () => {
    const { wrapper } = await mountData();
    const coverage = wrapper.get('[data-testid="coverage"]');
    expect(coverage.get('[data-testid="coverage-journeys"]').text()).toBe(`59${NNBSP}940`);
    expect(coverage.get('[data-testid="coverage-trips"]').text()).toBe(`41${NNBSP}322`);
    expect(coverage.get('[data-testid="coverage-communes"]').text()).toBe(`1${NNBSP}284`);
    expect(coverage.get('[data-testid="coverage-period"]').text()).toBe('du 01/09/2026 au 31/10/2026');
    const statuses = coverage.findAll('[data-testid="coverage-statuses"] tbody tr').map((row) => row.text());
    expect(statuses).toEqual([
      `valide57${NNBSP}00195,1\u00a0%`,
      `en attente1${NNBSP}5002,5\u00a0%`,
      `anomalie1${NNBSP}1271,9\u00a0%`,
      'fraude3120,5\u00a0%',
    ]);
    expect(document.documentElement.dataset.appReady).toBe('true');
  });

  it('says so when the store holds no journey, and names open-data journeys', async () => {
    const { wrapper } = await mountData({
      'extracts:coverage': () => fakeCoverage({ journeys: 0, periodFrom: null, periodTo: null, byStatus: {} }),
    });
    expect(wrapper.get('[data-testid="coverage-empty"]').text()).toBe('La base ne contient encore aucun trajet.');

    const other = await mountData({ 'extracts:coverage': () => fakeCoverage({ journeys: 10, byStatus: { inconnu: 10 } }) });
    expect(other.wrapper.get('[data-testid="coverage-statuses"] tbody').text()).toContain('inconnu (données ouvertes)');
  });

  it('lists the sync log with French labels, numbers, periods and durations', async () => {
    const { wrapper } = await mountData();
    const rows = wrapper.findAll('[data-testid="sync-row"]');
    expect(rows.map((row) => row.attributes('data-batch-id'))).toEqual(['3', '2', '1']);
    const [first, second, third] = rows;
    expect(first?.text()).toContain('export-territoire-2026-10.csv');
    expect(first?.text()).toContain('Lancé le 28/11/2026 17:40:00');
    expect(first?.text()).toContain('export territoire');
    expect(first?.text()).toContain('terminé');
    expect(first?.text()).toContain('du 01/10/2026 au 31/10/2026');
    expect(first?.get('[data-count="rowsRead"]').text()).toBe(`48${NNBSP}213`);
    expect(first?.get('[data-count="rowsInserted"]').text()).toBe(`47${NNBSP}950`);
    expect(first?.get('[data-count="rowsRejected"]').text()).toContain('143');
    expect(first?.text()).toContain('38 s');
    const codes = first?.get('[data-testid="unresolved-codes"]');
    expect(codes?.get('summary').text()).toBe('3 codes');
    expect(codes?.findAll('li').map((item) => item.text())).toEqual([
      '97501 : 4 trajets',
      '75056 : 2 trajets',
      '13055 : 1 trajet',
    ]);
    expect(second?.text()).toContain('export territoire + export opérateur');
    expect(third?.text()).toContain('échoué');
    expect(third?.text()).toContain('Fichier tronqué');
    expect(third?.find('[data-testid="show-rejected"]').exists()).toBe(false);
  });

  it('says which encoding a file was read in, and what to know about it', async () => {
    const { wrapper } = await mountData({
      'extracts:sync-log': () => [fakeSyncLogEntry({ encoding: 'windows-1252', warnings: ['vide.csv : aucune ligne de données, seulement l’en-tête'] })],
    });
    expect(wrapper.get('[data-testid="sync-encoding"]').text()).toBe('Encodage : windows-1252');
    expect(wrapper.get('[data-testid="sync-warning"]').text()).toBe('Attention : vide.csv : aucune ligne de données, seulement l’en-tête');
  });

  it('shows a file still being imported as running, without duration, and an unknown format as is', async () => {
    const { wrapper } = await mountData({
      'extracts:sync-log': () => [
        fakeSyncLogEntry({ status: 'running', format: 'à détecter', endedAt: null, durationSeconds: null, rowsRejected: 0, unresolvedCodes: {}, encoding: null }),
      ],
    });
    const row = wrapper.get('[data-testid="sync-row"]');
    expect(row.attributes('data-status')).toBe('running');
    expect(row.findAll('td').map((cell) => cell.text())).toEqual([
      'à détecter',
      'en cours',
      'du 01/10/2026 au 31/10/2026',
      `48${NNBSP}213`,
      `47${NNBSP}950`,
      '120',
      '0',
      '0',
      'en cours',
      '0',
    ]);
  });

  it('reloads the sync log and the coverage when a job ends', async () => {
    let journeys = 59_940;
    const { api, wrapper } = await mountData({ 'extracts:coverage': () => fakeCoverage({ journeys }) });
    journeys = 61_000;
    api.emit('job:done', { jobId: 'job-1', kind: 'extract.import', status: 'done', summary: null, error: null });
    await flushPromises();
    expect(callsTo(api, 'extracts:sync-log')).toHaveLength(2);
    expect(wrapper.get('[data-testid="coverage-journeys"]').text()).toBe(`61${NNBSP}000`);
  });

  it('reloads when the imported data it shows changes, and no longer once the page is left', async () => {
    const { api, wrapper } = await mountData();
    api.emit('data:changed', { tables: ['settings'] });
    await flushPromises();
    expect(callsTo(api, 'extracts:sync-log')).toHaveLength(1);
    api.emit('data:changed', { tables: ['trips', 'import_batches'] });
    await flushPromises();
    expect(callsTo(api, 'extracts:sync-log')).toHaveLength(2);

    wrapper.unmount();
    api.emit('data:changed', { tables: ['trips'] });
    api.emit('job:done', { jobId: 'job-2', kind: 'extract.import', status: 'done', summary: null, error: null });
    await flushPromises();
    expect(callsTo(api, 'extracts:sync-log')).toHaveLength(2);
  });

  it('filters the rejected lines by reason, by the batch of a log row, and pages them', async () => {
    const { api, wrapper } = await mountData();
    expect(wrapper.get('[data-testid="rejected-total"]').text()).toBe('157');
    expect(wrapper.findAll('[data-testid="rejected-row"]')).toHaveLength(50);
    const select = wrapper.get('[data-testid="rejected-reason"]');
    expect(select.findAll('option:not([hidden])').map((option) => option.text())[0]).toBe('Tous les motifs');
    expect(select.text()).toContain('classe de preuve inconnue (64)');

    await select.setValue('ligne incomplète');
    await flushPromises();
    expect(callsTo(api, 'extracts:rejected').at(-1)).toEqual({ reason: 'ligne incomplète', offset: 0, limit: 50 });
    expect(wrapper.get('[data-testid="rejected-total"]').text()).toBe('32');
    expect(wrapper.findAll('[data-testid="rejected-row"]').every((row) => row.text().includes('ligne entière'))).toBe(true);

    await wrapper.get('[data-testid="sync-row"][data-batch-id="2"] [data-testid="show-rejected"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'extracts:rejected').at(-1)).toEqual({ batchId: 2, offset: 0, limit: 50 });
    expect(wrapper.get('[data-testid="rejected-total"]').text()).toBe('14');
    expect(wrapper.get('[data-testid="rejected-batch"]').text()).toContain('Fichier : operateurs-2026-09.zip (lot n° 2)');
    expect(document.activeElement?.id).toBe('rejected-title');
    expect((wrapper.get('[data-testid="rejected-reason"]').element as HTMLSelectElement).value).toBe('');

    await wrapper.get('[data-testid="rejected-clear-batch"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="rejected-total"]').text()).toBe('157');
    expect(wrapper.find('[data-testid="rejected-batch"]').exists()).toBe(false);

    await wrapper.get('[data-testid="rejected"] nav a[title="Page 2"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'extracts:rejected').at(-1)).toEqual({ offset: 50, limit: 50 });
    expect(wrapper.get('[data-testid="rejected-table"] caption').text()).toBe('Lignes rejetées, page 2 sur 4');
  });

  it('shows a long raw line cut, with its full text in a details element', async () => {
    const { wrapper } = await mountData();
    const row = wrapper.get('[data-testid="rejected-row"]');
    const details = row.get('details');
    expect(details.get('summary code').text()).toMatch(/^"4200002";"op-trip-2";.{30,}…$/);
    expect(details.get('pre').text()).toContain('"48.85";"2.35"');
  });

  it('exports the rejected lines of the filter and shows where the file went', async () => {
    const { api, wrapper } = await mountData();
    await wrapper.get('[data-testid="sync-row"][data-batch-id="3"] [data-testid="show-rejected"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="rejected-export"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'extracts:rejected-export')).toEqual([{ batchId: 3 }]);
    expect(wrapper.get('[data-testid="rejected-export-done"]').text()).toContain(
      '143 lignes enregistrées dans /donnees/atelier/exports/lignes-rejetees-2026-11-28T17-00-00.csv',
    );
  });

  it('saves the watched folder and stops watching it', async () => {
    const { api, wrapper } = await mountData();
    expect(wrapper.get('[data-testid="watch-status"]').text()).toBe('Aucun dossier n’est surveillé.');
    expect(wrapper.get('[data-testid="watch-stop"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="watch-input"]').setValue('  /partage/extraits  ');
    await wrapper.get('[data-testid="watch-save"]').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'settings:set')).toEqual([{ key: 'sync.watchFolder', value: '/partage/extraits' }]);
    expect(wrapper.get('[data-testid="watch-status"]').text()).toBe('Surveillance active : /partage/extraits');
    expect(wrapper.get('[data-testid="watch-outcome"]').text()).toContain('Dossier surveillé enregistré.');

    await wrapper.get('[data-testid="watch-stop"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'settings:set').at(-1)).toEqual({ key: 'sync.watchFolder', value: null });
    expect(wrapper.get('[data-testid="watch-status"]').text()).toBe('Aucun dossier n’est surveillé.');
    expect((wrapper.get('[data-testid="watch-input"]').element as HTMLInputElement).value).toBe('');
  });
});
