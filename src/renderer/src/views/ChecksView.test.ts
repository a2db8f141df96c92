import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import ChecksView from './ChecksView.vue';

enableAutoUnmount(afterEach);

describe('ChecksView', () => {
  it('shows the latest scan, starts a new one, and lists a check’s flags with their evidence', async () => {
    const api = createFakeApi();
    const { wrapper } = mountWithApp(ChecksView, api);
    await flushPromises();
    expect(wrapper.get('[data-testid="checks-run"]').text()).toBe('Dernière analyse (n° 3) le 20/11/2026 11:00:00 : 12\u202f000 trajets, 41 signalements.');
    expect(wrapper.get('[data-testid="check-show-H02@1"]').attributes('disabled')).toBeDefined();

    await wrapper.get('[data-testid="checks-scan"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="job-progress"]').text()).toContain('Contrôles anti-fraude');

    await wrapper.get('[data-testid="check-show-T04@1"]').trigger('click');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'checks:flags').map((call) => call.req)).toEqual([{ checkId: 'T04@1', limit: 200 }]);
    expect(wrapper.get('[data-testid="flag-row"]').text()).toContain('speed_kmh = 212.4 ; threshold_kmh = 160');
  });
});
