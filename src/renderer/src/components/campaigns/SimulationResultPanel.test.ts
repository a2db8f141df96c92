import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createFakeApi, fakeSimulationResult } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import SimulationResultPanel from './SimulationResultPanel.vue';

enableAutoUnmount(afterEach);

// happy-dom has no 2D canvas: charts are stubbed (see StatsView.test.ts).
vi.mock('vue-chartjs', () => {
  const stub = defineComponent({ props: { data: { type: Object, required: true } }, setup: () => () => h('canvas') });
  return { Bar: stub, Line: stub, Doughnut: stub };
});

describe('SimulationResultPanel — journeys confirmed as fraud', () => {
  it('says how many were left out, or that they were kept', () => {
    const excluded = mountWithApp(SimulationResultPanel, createFakeApi(), { result: fakeSimulationResult() }).wrapper;
    expect(excluded.get('[data-testid="simulation-confirmed-fraud"]').text()).toBe('14 trajets exclus (fraude confirmée)');
    const one = mountWithApp(SimulationResultPanel, createFakeApi(), { result: { ...fakeSimulationResult(), excludedConfirmedFraud: 1 } }).wrapper;
    expect(one.get('[data-testid="simulation-confirmed-fraud"]').text()).toBe('1 trajet exclu (fraude confirmée)');
    const kept = mountWithApp(SimulationResultPanel, createFakeApi(), { result: { ...fakeSimulationResult(), includeConfirmedFraud: true, excludedConfirmedFraud: 0 } }).wrapper;
    expect(kept.get('[data-testid="simulation-confirmed-fraud"]').text()).toBe('Trajets marqués fraude confirmée inclus');
  });
});
