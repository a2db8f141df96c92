import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import AttestationsView from './AttestationsView.vue';

enableAutoUnmount(afterEach);

async function mountAttestations(overrides: Partial<FakeHandlers> = {}) {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(AttestationsView, api);
  await flushPromises();
  return { api, wrapper };
}

/** The input or select of a DSFR field by its test id (on the control or on its wrapper). */
const control = (wrapper: VueWrapper, testId: string, tag: 'input' | 'select' = 'input') => wrapper.get(`${tag}[data-testid="${testId}"], [data-testid="${testId}"] ${tag}`);

describe('AttestationsView', () => {
  it('asks for the issuer first, checks the SIRET as the main side does, and saves it', async () => {
    const { api, wrapper } = await mountAttestations();
    expect(wrapper.get('h1').text()).toBe('Attestations');
    expect(wrapper.get('[data-testid="issuer-missing"]').text()).toContain('Renseignez l’émetteur');
    await control(wrapper, 'issuer-name').setValue('Région Pays de la Loire');
    await control(wrapper, 'issuer-siret').setValue('23440003400027');
    await wrapper.get('[data-testid="attestations-issuer"] form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="attestations-issuer"]').text()).toContain('SIRET invalide');
    expect(api.calls.some((call) => call.channel === 'settings:set')).toBe(false);
    await control(wrapper, 'issuer-siret').setValue('234 400 034 00026');
    await wrapper.get('[data-testid="attestations-issuer"] form').trigger('submit');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'settings:set').map((call) => call.req)).toEqual([
      { key: 'attestations.issuerName', value: 'Région Pays de la Loire' },
      { key: 'attestations.issuerSiret', value: '23440003400026' },
    ]);
    expect(wrapper.find('[data-testid="issuer-missing"]').exists()).toBe(false);
  });

  it('issues an attestation for an operator’s user over the last three months covered, shows its figures, and lists it', async () => {
    const { api, wrapper } = await mountAttestations();
    await wrapper.get('[data-testid="issue-person-operator"]').setValue(true);
    await control(wrapper, 'issue-user-id').setValue(' karos-77 ');
    expect((control(wrapper, 'issue-from').element as HTMLInputElement).value).toBe('2026-08-01');
    await wrapper.get('[data-testid="attestations-issue"] form').trigger('submit');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'attestations:create').map((call) => call.req)).toEqual([
      { person: { kind: 'operator', operatorId: 1, userId: 'karos-77' }, from: '2026-08-01', to: '2026-10-31' },
    ]);
    expect(wrapper.get('[data-testid="issue-result"]').text()).toContain('Attestation n° 1 émise');
    expect(wrapper.get('[data-testid="issue-figures-total-driver"]').text()).toBe('21');
    expect(wrapper.get('[data-testid="issue-figures-total-distance"]').text()).toBe('545,5');
    expect(wrapper.findAll('[data-testid="register-row"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="register-count"]').text()).toBe('1 attestation émise');
  });

  it('verifies a code and an edited PDF, with the verdict in French', async () => {
    const { wrapper } = await mountAttestations();
    await control(wrapper, 'issue-identity-key').setValue('ab'.repeat(32));
    await wrapper.get('[data-testid="attestations-issue"] form').trigger('submit');
    await flushPromises();
    await wrapper.get('[data-testid="verify-by-code"]').setValue(true);
    await control(wrapper, 'verify-code').setValue('0001-A1B2-C3D4-E5F6');
    await wrapper.get('[data-testid="attestations-verify"] form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="verify-result"]').attributes('data-authentic')).toBe('true');
    expect(wrapper.get('[data-testid="verify-result"]').text()).toContain('Authentique');
    await wrapper.get('[data-testid="verify-by-file"]').setValue(true);
    await control(wrapper, 'verify-path').setValue('/donnees/atelier/exports/attestation-1-modifiee.pdf');
    await wrapper.get('[data-testid="attestations-verify"] form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="verify-result"]').attributes('data-authentic')).toBe('false');
    expect(wrapper.get('[data-testid="verify-result"]').text()).toContain('Le contenu du PDF a été modifié');
  });

  it('starts a batch from a CSV list as a followed job', async () => {
    const { api, wrapper } = await mountAttestations();
    await control(wrapper, 'batch-path').setValue('/donnees/salaries.csv');
    await wrapper.get('[data-testid="attestations-batch"] form').trigger('submit');
    await flushPromises();
    expect(api.calls.filter((call) => call.channel === 'attestations:batch').map((call) => call.req)).toEqual([
      { source: { kind: 'csv', path: '/donnees/salaries.csv' }, from: '2026-08-01', to: '2026-10-31' },
    ]);
    expect(wrapper.get('[data-testid="attestations-batch"] [data-testid="job-progress"]').text()).toContain('Lot d’attestations de covoiturage');
  });
});
