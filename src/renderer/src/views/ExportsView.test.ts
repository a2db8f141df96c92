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
