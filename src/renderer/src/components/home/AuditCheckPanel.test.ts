import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditVerification } from '@shared/types/store';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import AuditCheckPanel from './AuditCheckPanel.vue';

enableAutoUnmount(afterEach);

const INTACT: AuditVerification = {
  entries: 12, intact: true, firstBrokenId: null, firstBroken: null, problems: [], keyedEntries: 10, legacyEntries: 2,
  decisionsChecked: 3, settingsChecked: 2, anchoredEntryId: 12, keyFile: '/clés/base.key',
};

function broken(): AuditVerification {
  const first = { entryId: 7, at: '2026-11-28T10:03:00Z', action: 'review.decide', reason: 'décision n° 2 (trajet K) modifiée dans la table : décision « légitime » dans la table, « fraude confirmée » au journal (entrée n° 7)' };
  return { ...INTACT, intact: false, firstBrokenId: 7, firstBroken: first, problems: [first, { ...first, entryId: 9 }] };
}

async function mountPanel(verify: FakeHandlers['audit:verify']) {
  const api = createFakeApi({ 'audit:verify': verify });
  const { wrapper } = mountWithApp(AuditCheckPanel, api);
  await flushPromises();
  return { api, wrapper };
}

describe('AuditCheckPanel', () => {
  it('verifies only when asked, then announces an intact journal in a status region', async () => {
    const { api, wrapper } = await mountPanel(() => INTACT);
    expect(api.calls.filter((call) => call.channel === 'audit:verify')).toHaveLength(0);
    const status = wrapper.get('[data-testid="audit-result"]');
    expect(status.attributes('role')).toBe('status');
    expect(status.text()).toBe('');

    await wrapper.get('[data-testid="audit-verify"]').trigger('click');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'audit:verify')).toHaveLength(1);
    expect(status.get('.fr-alert--success').text()).toContain('Journal intact');
    expect(status.text()).toContain('12 entrée(s) vérifiée(s), dont 2 de l’ancienne chaîne SHA-256 re-scellées ; 3 décision(s) et 2 réglage(s) conformes au journal');
    expect(wrapper.text()).toContain('/clés/base.key');
  });

  it('names the first broken entry (id, date, action, reason) and lists the others', async () => {
    const { wrapper } = await mountPanel(() => broken());
    await wrapper.get('[data-testid="audit-verify"]').trigger('click');
    await flushPromises();
    const alert = wrapper.get('[data-testid="audit-result"] .fr-alert--error');
    expect(alert.text()).toContain('Journal non intègre');
    expect(alert.text()).toContain('Première anomalie : entrée n° 7 du 28/11/2026 11:03:00 (review.decide) : décision n° 2 (trajet K) modifiée dans la table');
    const others = alert.get('[data-testid="audit-others"]');
    expect(others.get('summary').text()).toBe('1 autre anomalie');
    expect(others.findAll('li').map((item) => item.text())).toEqual([
      'entrée n° 9 du 28/11/2026 11:03:00 (review.decide) : décision n° 2 (trajet K) modifiée dans la table : décision « légitime » dans la table, « fraude confirmée » au journal (entrée n° 7)',
    ]);
    // The interface names no command: the other problems are all here.
    expect(alert.text()).not.toContain('atelier');
  });

  it('shows a refused verification as an error, not as a verdict', async () => {
    const { wrapper } = await mountPanel(() => {
      throw new ApiError('internal', 'Erreur interne : base verrouillée');
    });
    await wrapper.get('[data-testid="audit-verify"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('base verrouillée');
    expect(wrapper.get('[data-testid="audit-result"]').text()).toBe('');
  });
});
