import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreDiskEncryption } from '@shared/types/store';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import DiskEncryptionNotice from './DiskEncryptionNotice.vue';

enableAutoUnmount(afterEach);

async function mountNotice(answer: FakeHandlers['store:disk-encryption']) {
  const api = createFakeApi({ 'store:disk-encryption': answer });
  const { wrapper } = mountWithApp(DiskEncryptionNotice, api);
  await flushPromises();
  return { api, wrapper };
}

const NOT_ENCRYPTED: Omit<StoreDiskEncryption, 'platform'> = {
  state: 'not_encrypted',
  method: null,
  detail: 'BitLocker ne protège pas le lecteur C:, qui contient la base.',
};

describe('DiskEncryptionNotice', () => {
  it('asks once and announces an encrypted disk as a success, naming the method, in a status region', async () => {
    const { api, wrapper } = await mountNotice(() => ({
      state: 'encrypted', method: 'LUKS', detail: 'Couche chiffrée LUKS (nvme0n1p3_crypt sur nvme0n1p3).', platform: 'linux',
    }));
    expect(api.calls.filter((call) => call.channel === 'store:disk-encryption')).toHaveLength(1);
    const status = wrapper.get('[data-testid="disk-encryption-status"]');
    expect(status.attributes('role')).toBe('status');
    expect(status.attributes('data-state')).toBe('encrypted');
    const alert = status.get('.fr-alert--success');
    expect(alert.text()).toContain('Le disque qui contient la base est chiffré (LUKS)');
    expect(alert.text()).toContain('nvme0n1p3_crypt');
    expect(wrapper.find('[data-testid="disk-encryption-how-to"]').exists()).toBe(false);
  });

  it('warns when the disk is not encrypted, says how to turn it on for this system, and links to the help on personal data', async () => {
    const { wrapper } = await mountNotice(() => ({ ...NOT_ENCRYPTED, platform: 'windows' }));
    const alert = wrapper.get('[data-testid="disk-encryption-status"] .fr-alert--warning');
    expect(alert.text()).toContain('Le disque qui contient la base n’est pas chiffré');
    expect(alert.text()).toContain('BitLocker ne protège pas le lecteur C:');
    expect(wrapper.get('[data-testid="disk-encryption-how-to"]').text()).toContain('activez BitLocker');
    // No developer's document: the in-app help, at its « Données personnelles » section.
    expect(alert.text()).not.toContain('docs/');
    const help = alert.get('[data-testid="help-link-privacy"]');
    expect(help.text()).toBe('Aide : Données personnelles');
    expect(help.attributes('href')).toBe('/aide#donnees-personnelles');

    const mac = await mountNotice(() => ({ ...NOT_ENCRYPTED, platform: 'macos' }));
    expect(mac.wrapper.get('[data-testid="disk-encryption-how-to"]').text()).toContain('FileVault');
    const linux = await mountNotice(() => ({ ...NOT_ENCRYPTED, platform: 'linux' }));
    expect(linux.wrapper.get('[data-testid="disk-encryption-how-to"]').text()).toContain('LUKS');
  });

  it('informs, with the reason, when it cannot be told', async () => {
    const { wrapper } = await mountNotice(() => ({
      state: 'unknown',
      method: null,
      detail: 'Windows réserve aux administrateurs la lecture de l’état BitLocker du lecteur C:.',
      platform: 'windows',
    }));
    const alert = wrapper.get('[data-testid="disk-encryption-status"] .fr-alert--info');
    expect(alert.text()).toContain('L’application n’a pas pu savoir si le disque qui contient la base est chiffré.');
    expect(alert.text()).toContain('réserve aux administrateurs');
    expect(wrapper.find('[data-testid="disk-encryption-how-to"]').exists()).toBe(false);
  });

  it('shows a failed call as an error, not as a verdict', async () => {
    const { wrapper } = await mountNotice(() => {
      throw new ApiError('internal', 'Erreur interne : lecture impossible');
    });
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('lecture impossible');
    expect(wrapper.get('[data-testid="disk-encryption-status"]').text()).toBe('');
  });
});
