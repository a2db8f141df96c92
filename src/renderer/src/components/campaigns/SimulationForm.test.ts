import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '@shared/types/campaigns';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import SimulationForm from './SimulationForm.vue';

enableAutoUnmount(afterEach);

const catalogue: CatalogueEntry[] = [
  { id: '459', name: 'Île-de-France Mobilités', description: '', status: 'campaign', from: null, to: null, budgetCents: null, territory: '', territoryName: '' },
];

async function mountForm(overrides: Partial<FakeHandlers> = {}) {
  const { wrapper } = mountWithApp(SimulationForm, createFakeApi(overrides), {
    catalogue, period: { from: '2026-08-01', to: '2026-10-31' }, editorText: '',
  });
  await flushPromises();
  await wrapper.get('select[data-testid="simulation-campaign"]').setValue('459');
  return wrapper;
}

describe('SimulationForm — journeys confirmed as fraud', () => {
  it('leaves them out by default, saying how many there are, and includes them when asked', async () => {
    const wrapper = await mountForm();
    expect(wrapper.get('[data-testid="simulation-confirmed-fraud-notice"]').text()).toBe('1 trajet est marqué fraude confirmée (décisions de la page Contrôles).');
    await wrapper.get('form').trigger('submit');
    await wrapper.get('[data-testid="simulation-confirmed-fraud"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('simulate')?.map(([request]) => request.includeConfirmedFraud)).toEqual([false, true]);
  });

  it('has no notice when none is confirmed', async () => {
    const wrapper = await mountForm({ 'checks:exclusions': () => ({ journeysConfirmed: 0, personsConfirmed: 0, excludedTrips: 0, excludedAtRiskCents: 0 }) });
    expect(wrapper.find('[data-testid="simulation-confirmed-fraud-notice"]').exists()).toBe(false);
  });
});
