import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDone } from '@shared/types/jobs';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { useJobsStore } from '@renderer/stores/jobs-store';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import JobProgress from './JobProgress.vue';

enableAutoUnmount(afterEach);

/** French typography separates thousands with a narrow no-break space. */
const NNBSP = '\u202f';

async function mountJob(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(JobProgress, api, { jobId: 'job-1' });
  const jobs = useJobsStore();
  await jobs.start();
  api.emit('job:progress', {
    jobId: 'job-1',
    kind: 'demo.load',
    step: 'write',
    current: 12_345,
    total: 20_000,
    rowsPerSecond: 1_534.6,
    etaSeconds: 265,
  });
  await flushPromises();
  return { api, wrapper };
}

/** A job progress mounted before its job's first event. */
async function mountFresh(jobId: string) {
  const api = createFakeApi();
  const { wrapper } = mountWithApp(JobProgress, api, { jobId });
  await useJobsStore().start();
  return { api, wrapper };
}

function done(status: JobDone['status'], error: string | null = null): JobDone {
  return { jobId: 'job-1', kind: 'demo.load', status, summary: null, error };
}

describe('JobProgress', () => {
  it('shows the step and figures of a running job in French', async () => {
    const { wrapper } = await mountJob();
    const root = wrapper.get('[data-testid="job-progress"]');
    expect(root.attributes('data-status')).toBe('running');
    expect(root.text()).toContain('Chargement des données de démonstration');
    expect(wrapper.get('[data-testid="job-step"]').text()).toBe('Étape : Écriture dans la base');
    expect(wrapper.get('[data-testid="job-rows"]').text()).toBe(`12${NNBSP}345 / 20${NNBSP}000 lignes`);
    // ICU puts a no-break space before `%`, narrow or not depending on its version; 61.7 % is rounded down.
    expect(wrapper.get('[data-testid="job-percent"]').text()).toMatch(/^61[\u00a0\u202f]%$/);
    expect(wrapper.get('[data-testid="job-rate"]').text()).toBe(`1${NNBSP}535 lignes/s`);
    expect(wrapper.get('[data-testid="job-eta"]').text()).toBe('Temps restant estimé : 4 min 25 s');
    const bar = wrapper.get('progress');
    expect(bar.attributes('value')).toBe('12345');
    expect(bar.attributes('max')).toBe('20000');
  });

  it('shows an untranslated step under its own name, without figures it cannot name, and an indeterminate bar', async () => {
    const { api, wrapper } = await mountJob();
    api.emit('job:progress', {
      jobId: 'job-1',
      kind: 'demo.load',
      step: 'index',
      current: 3_000,
      total: 0,
      rowsPerSecond: 0,
      etaSeconds: null,
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="job-step"]').text()).toBe('Étape : index');
    expect(wrapper.find('[data-testid="job-rows"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="job-percent"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="job-eta"]').exists()).toBe(false);
    expect(wrapper.get('progress').attributes('value')).toBeUndefined();
  });

  it('counts each step of a scan in its own unit, without a rate before it is measured, up to 100 %', async () => {
    const { api, wrapper } = await mountFresh('scan-1');
    const scan = { jobId: 'scan-1', kind: 'checks.scan', etaSeconds: null } as const;
    api.emit('job:progress', { ...scan, step: 'scan', current: 0, total: 28, rowsPerSecond: 0 });
    await flushPromises();
    expect(wrapper.get('[data-testid="job-step"]').text()).toBe('Étape : Passage des contrôles');
    expect(wrapper.get('[data-testid="job-rows"]').text()).toBe('0 / 28 contrôles');
    expect(wrapper.get('[data-testid="job-percent"]').text()).toMatch(/^0[\u00a0\u202f]%$/);
    expect(wrapper.find('[data-testid="job-rate"]').exists()).toBe(false);

    api.emit('job:progress', { ...scan, step: 'scan', current: 28, total: 28, rowsPerSecond: 14, etaSeconds: 0 });
    await flushPromises();
    expect(wrapper.get('[data-testid="job-rows"]').text()).toBe('28 / 28 contrôles');
    expect(wrapper.find('[data-testid="job-eta"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="job-percent"]').text()).toMatch(/^100[\u00a0\u202f]%$/);
    expect(wrapper.get('[data-testid="job-rate"]').text()).toBe('14 contrôles/s');

    api.emit('job:progress', { ...scan, step: 'store', current: 1, total: 1, rowsPerSecond: 0 });
    await flushPromises();
    expect(wrapper.get('[data-testid="job-step"]').text()).toBe('Étape : Enregistrement des signalements');
    expect(wrapper.get('[data-testid="job-rows"]').text()).toBe('1 / 1 signalement');

  });

  it('counts a statistics refresh in months, rounding the percentage down', async () => {
    const { api, wrapper } = await mountFresh('stats-1');
    api.emit('job:progress', { jobId: 'stats-1', kind: 'stats.refresh', step: 'aggregate', current: 2, total: 3, rowsPerSecond: 0, etaSeconds: null });
    await flushPromises();
    expect(wrapper.get('[data-testid="job-rows"]').text()).toBe('2 / 3 mois');
    expect(wrapper.get('[data-testid="job-percent"]').text()).toMatch(/^66[\u00a0\u202f]%$/);
  });

  it('shows only the name of a step that counts nothing shown (finalising)', async () => {
    const { api, wrapper } = await mountJob();
    api.emit('job:progress', { jobId: 'job-1', kind: 'demo.load', step: 'finalize', current: 20_000, total: 20_000, rowsPerSecond: 0, etaSeconds: null });
    await flushPromises();
    expect(wrapper.get('[data-testid="job-step"]').text()).toBe('Étape : Finalisation');
    expect(wrapper.find('[data-testid="job-rows"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="job-percent"]').exists()).toBe(false);
    expect(wrapper.get('progress').attributes('value')).toBe('20000');
  });

  it('names an extract import with its file and translates its steps', async () => {
    const api = createFakeApi();
    const { wrapper } = mountWithApp(JobProgress, api, { jobId: 'job-2', detail: '/extraits/export-territoire.csv' });
    await useJobsStore().start();
    const steps: Array<[string, string]> = [
      ['queued', 'En attente'],
      ['start', 'Démarrage'],
      ['hash', 'Empreinte du fichier'],
      ['import', 'Import'],
      ['finalize', 'Finalisation'],
    ];
    for (const [step, label] of steps) {
      api.emit('job:progress', { jobId: 'job-2', kind: 'extract.import', step, current: 0, total: 0, rowsPerSecond: 0, etaSeconds: null });
      await flushPromises();
      expect(wrapper.get('[data-testid="job-step"]').text()).toBe(`Étape : ${label}`);
    }
    const root = wrapper.get('[data-testid="job-progress"]');
    expect(root.text()).toContain('Import d’extrait');
    const detail = wrapper.get('[data-testid="job-detail"]');
    expect(detail.text()).toBe('/extraits/export-territoire.csv');
    expect(root.attributes('aria-labelledby')?.split(' ')).toContain(detail.attributes('id'));
  });

  it('asks for cancellation with jobs:cancel and does not ask twice', async () => {
    const { api, wrapper } = await mountJob();
    const button = wrapper.get('[data-testid="job-cancel"]');
    expect(button.text()).toBe('Annuler');
    await button.trigger('click');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'jobs:cancel')).toEqual([
      { channel: 'jobs:cancel', req: { jobId: 'job-1' } },
    ]);
    expect(button.attributes('disabled')).toBeDefined();
    expect(button.text()).toBe('Annulation demandée…');
  });

  it('shows a refused cancellation and lets the user try again', async () => {
    const { wrapper } = await mountJob({
      'jobs:cancel': () => {
        throw new ApiError('conflict', 'Ce travail ne peut plus être annulé.');
      },
    });
    await wrapper.get('[data-testid="job-cancel"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('Ce travail ne peut plus être annulé.');
    expect(wrapper.get('[data-testid="job-cancel"]').attributes('disabled')).toBeUndefined();
  });

  it.each([
    [done('done'), 'Terminé.'],
    [done('failed', 'Disque plein'), 'Échoué : Disque plein'],
    [done('cancelled'), 'Annulé'],
    [done('interrupted'), 'Interrompu'],
  ])('reflects the end of the job (%o)', async (event, text) => {
    const { api, wrapper } = await mountJob();
    api.emit('job:done', event);
    await flushPromises();
    const root = wrapper.get('[data-testid="job-progress"]');
    expect(root.attributes('data-status')).toBe(event.status);
    expect(wrapper.get('[data-testid="job-outcome"]').text()).toContain(text);
    expect(wrapper.find('[data-testid="job-cancel"]').exists()).toBe(false);
    expect(wrapper.find('progress').exists()).toBe(false);
  });
});
