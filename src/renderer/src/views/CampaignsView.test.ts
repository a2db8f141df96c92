import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createFakeApi, type FakeApi } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import CampaignsView from './CampaignsView.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: charts are stubbed, their data tables are what is tested (see StatsView.test.ts).
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

const NNBSP = '\u202f';

async function mountCampaigns() {
  const api = createFakeApi();
  const { wrapper } = mountWithApp(CampaignsView, api);
  await flushPromises();
  return { api, wrapper };
}

function requests(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

describe('CampaignsView', () => {
  it('lists the catalogue, filters it, and simulates a campaign on the last three months covered', async () => {
    const { api, wrapper } = await mountCampaigns();
    expect(wrapper.findAll('[data-testid="catalogue-row"]')).toHaveLength(2);
    // Territories by name (the main side's geography), periods in French dates.
    expect(wrapper.findAll('[data-testid="catalogue-territory"]').map((cell) => cell.text())).toEqual(['Île-de-France Mobilités, AOM 287500078', 'à choisir']);
    expect(wrapper.findAll('[data-testid="catalogue-period"]').map((cell) => cell.text())).toEqual(['du 20/05/2021 au 31/12/2025', 'à choisir']);
    await wrapper.get('input[data-testid="catalogue-search"], [data-testid="catalogue-search"] input').setValue('ile-de-france');
    expect(wrapper.findAll('[data-testid="catalogue-row"]')).toHaveLength(1);

    await wrapper.get('[data-testid="simulate-459"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="simulation-form"] form').trigger('submit');
    await flushPromises();
    expect(requests(api, 'simulations:start')).toEqual([{ campaignId: '459', from: '2026-08-01', to: '2026-10-31', includeFlagged: false, includeConfirmedFraud: false }]);
    expect(wrapper.get('[data-testid="job-progress"]').text()).toContain('Simulation de campagne');

    api.emit('job:done', { jobId: 'job-1', kind: 'campaign.simulate', status: 'done', summary: {}, error: null });
    await flushPromises();
    expect(wrapper.get('[data-testid="simulation-cost"]').text()).toBe(`42${NNBSP}150,50${'\u00a0'}€`);
    expect(wrapper.get('[data-testid="simulation-exhausted"]').text()).toBe('20/10/2026');
    expect(wrapper.get('[data-testid="simulation-reasons"]').text()).toContain('classe de preuve B hors campagne');
  });

  it('clones a campaign into the editor, validates it live and previews amounts by distance', async () => {
    vi.useFakeTimers();
    try {
      const { api, wrapper } = await mountCampaigns();
      await wrapper.get('[data-testid="clone-459"]').trigger('click');
      await flushPromises();
      const text = wrapper.get('[data-testid="editor-text"]');
      expect((text.element as HTMLTextAreaElement).value).toContain('"id": "459"');
      await vi.advanceTimersByTimeAsync(500);
      await flushPromises();
      expect(wrapper.get('[data-testid="editor-status"]').text()).toBe('Définition valide.');
      expect(wrapper.get('[data-testid="editor-preview-table"]').text()).toContain('16 km');

      await text.setValue('{"id": "x"}');
      await vi.advanceTimersByTimeAsync(500);
      await flushPromises();
      expect(wrapper.get('[data-testid="editor-issues"]').text()).toContain('format : champ obligatoire');
      expect(requests(api, 'campaigns:validate').length).toBeGreaterThanOrEqual(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('edits the main fields in the form, which rewrites the JSON', async () => {
    const { wrapper } = await mountCampaigns();
    await wrapper.get('[data-testid="clone-459"]').trigger('click');
    await flushPromises();
    await wrapper.get('input[data-testid="form-name"], [data-testid="form-name"] input').setValue('IDFM simulée');
    await wrapper.get('select[data-testid="form-level"], [data-testid="form-level"] select').setValue('dep');
    const codes = wrapper.get('input[data-testid="form-codes"], [data-testid="form-codes"] input');
    await codes.setValue('75, 92');
    await codes.trigger('change');
    const budget = wrapper.get('input[data-testid="form-budget"], [data-testid="form-budget"] input');
    await budget.setValue('150 000,50');
    await budget.trigger('change');
    const json = JSON.parse((wrapper.get('[data-testid="editor-text"]').element as HTMLTextAreaElement).value) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'IDFM simulée', territory: { dep: ['75', '92'] }, budget_cents: 15_000_050 });
  });

  it('compares two saved simulations side by side', async () => {
    const { api, wrapper } = await mountCampaigns();
    await wrapper.get('[data-testid="compare-7"]').setValue(true);
    await wrapper.get('[data-testid="compare-6"]').setValue(true);
    await wrapper.get('[data-testid="compare-submit"]').trigger('click');
    await flushPromises();
    expect(requests(api, 'simulations:result')).toEqual([{ id: 7 }, { id: 6 }]);
    const comparison = wrapper.get('[data-testid="comparison"]');
    expect(comparison.text()).toContain('Île-de-France Mobilités');
    expect(comparison.text()).toContain('Modèle 1');
    expect(comparison.text()).toContain('Coût par trajet incité');
  });
});
