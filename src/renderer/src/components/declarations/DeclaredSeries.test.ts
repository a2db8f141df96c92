import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '@renderer/api/fake';
import FiguresTable from '@renderer/components/attestations/FiguresTable.vue';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import DeclaredInStats from './DeclaredInStats.vue';

enableAutoUnmount(afterEach);

const QUERY = { level: 'reg', code: '52', direction: 'both', from: '2026-08-01', to: '2026-10-31' } as const;
const NNBSP = '\u202f';

describe('declared journeys where other pages show them apart', () => {
  it('are counted beside the statistics only when asked, as a separate figure', async () => {
    const api = createFakeApi();
    const { wrapper } = mountWithApp(DeclaredInStats, api, { query: QUERY });
    await flushPromises();
    expect(wrapper.find('[data-testid="stats-declared-figure"]').exists()).toBe(false);
    expect(api.calls.some((call) => call.channel === 'declarations:count')).toBe(false);
    await wrapper.get('[data-testid="stats-declared-toggle"]').setValue(true);
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'declarations:count').map((call) => call.req)).toEqual([QUERY]);
    expect(wrapper.get('[data-testid="stats-declared-figure"]').text()).toContain('12 trajets déclarés par 3 déclarant(s) sur ce territoire et cette période, 142,5 km');
    expect(wrapper.get('[data-testid="stats-declared-figure"]').text()).toContain('ne sont comptés dans aucun chiffre de cette page');
    await wrapper.get('[data-testid="stats-declared-toggle"]').setValue(false);
    expect(wrapper.find('[data-testid="stats-declared-figure"]').exists()).toBe(false);
  });

  it('are shown under an attestation’s figures, apart and labelled, only when there are some', async () => {
    const figures = {
      months: [{ month: '2026-09', journeysAsDriver: 3, journeysAsPassenger: 0, days: 3, distanceM: 30_000, amountPaidCents: 0, amountReceivedCents: 900, incentivesCents: 0 }],
      totals: { journeysAsDriver: 3, journeysAsPassenger: 0, days: 3, distanceM: 30_000, amountPaidCents: 0, amountReceivedCents: 900, incentivesCents: 0 },
      declared: { months: [{ month: '2026-09', journeysAsDriver: 2, journeysAsPassenger: 1, days: 2, distanceM: 1_234_500 }], totals: { journeysAsDriver: 2, journeysAsPassenger: 1, days: 2, distanceM: 1_234_500 } },
    };
    const { wrapper } = mountWithApp(FiguresTable, createFakeApi(), { figures, from: '2026-09-01', to: '2026-09-30', testId: 'figures' });
    expect(wrapper.get('[data-testid="figures-total-driver"]').text()).toBe('3');
    expect(wrapper.get('[data-testid="figures-declared"]').text()).toContain('Trajets déclarés (hors registre)');
    expect(wrapper.get('[data-testid="figures-declared-total-driver"]').text()).toBe('2');
    expect(wrapper.get('[data-testid="figures-declared-total-distance"]').text()).toBe(`1${NNBSP}234,5`);
    const none = { ...figures, declared: { months: [], totals: { journeysAsDriver: 0, journeysAsPassenger: 0, days: 0, distanceM: 0 } } };
    const empty = mountWithApp(FiguresTable, createFakeApi(), { figures: none, from: '2026-09-01', to: '2026-09-30', testId: 'figures' }).wrapper;
    expect(empty.find('[data-testid="figures-declared"]').exists()).toBe(false);
  });
});
