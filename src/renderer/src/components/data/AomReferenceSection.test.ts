import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import AomReferenceSection from './AomReferenceSection.vue';

enableAutoUnmount(afterEach);

const NNBSP = '\u202f';

async function mountSection(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(AomReferenceSection, api);
  await flushPromises();
  return { api, wrapper };
}

describe('AomReferenceSection', () => {
  it('shows the AOM table per source in French and starts the Cerema import, followed as a job', async () => {
    const { api, wrapper } = await mountSection();
    const cerema = wrapper.get('[data-testid="aom-source-cerema"]');
    expect(cerema.text()).toContain('Fichier Cerema');
    expect(cerema.text()).toContain(`34${NNBSP}935`);
    expect(cerema.text()).toContain('812');

    await wrapper.get('[data-testid="aom-path"]').setValue('  /partage/aom-2026.xlsx ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(api.calls.filter((call) => call.channel === 'aom:import').map((call) => call.req)).toEqual([{ path: '/partage/aom-2026.xlsx' }]);
    expect(wrapper.get('[data-testid="job-progress"]').text()).toContain('Import du référentiel des AOM (Cerema)');
  });

  it('asks for a path instead of calling the main side, and shows a refusal', async () => {
    const { api, wrapper } = await mountSection({
      'aom:import': () => {
        throw new ApiError('not_found', 'Fichier introuvable : /x.xlsx');
      },
    });
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('Indiquez le chemin du fichier.');
    expect(api.calls.some((call) => call.channel === 'aom:import')).toBe(false);

    await wrapper.get('[data-testid="aom-path"]').setValue('/x.xlsx');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.text()).toContain('Fichier introuvable : /x.xlsx');
  });
});
