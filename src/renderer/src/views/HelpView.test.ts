import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCampaignDefinition } from '@shared/campaigns/validate-definition';
import { createFakeApi } from '@renderer/api/fake';
import { HELP_TOPICS } from '@renderer/router/help';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import HelpView from './HelpView.vue';

enableAutoUnmount(afterEach);

async function mountHelp() {
  const { wrapper, router } = mountWithApp(HelpView, createFakeApi());
  await router.push('/aide');
  await flushPromises();
  return wrapper;
}

describe('HelpView', () => {
  it('lists its sections in a summary, each linking to the anchor of its heading', async () => {
    const wrapper = await mountHelp();
    expect(wrapper.get('h1').text()).toBe('Aide');
    const links = wrapper.findAll('.fr-summary__link');
    expect(links.map((link) => link.text())).toEqual([
      'Format des définitions de campagne',
      'Contrôles : familles T, H, G et D',
      'Définitions des statistiques',
      'Données personnelles',
      'Import en ligne de commande',
    ]);
    for (const [index, { anchor }] of Object.values(HELP_TOPICS).entries()) {
      expect(links[index]?.attributes('href')).toBe(`/aide#${anchor}`);
      const heading = wrapper.get(`h2#${anchor}`);
      expect(heading.attributes('tabindex')).toBe('-1');
      expect(heading.text()).toBe(links[index]?.text());
    }
  });

  it('explains in French, without naming a developer document', async () => {
    const wrapper = await mountHelp();
    const text = wrapper.text();
    expect(text).not.toMatch(/docs\/|\.md\b|help\.[a-z]/);
    // The statistics' definitions, the checks' families, the disk encryption.
    expect(wrapper.get('[data-testid="help-statistics"] dl').text()).toContain('Personnes par véhicule');
    expect(wrapper.findAll('[data-testid="help-checks"] dt').map((term) => term.text())).toEqual([
      'T — un trajet à la fois',
      'H — l’historique d’une personne',
      'G — les liens entre personnes',
      'D — les trajets déclarés',
    ]);
    expect(wrapper.get('[data-testid="help-privacy"]').text()).toContain('BitLocker');
  });

  it('shows a valid campaign definition and the command for each file too big to drop', async () => {
    const wrapper = await mountHelp();
    // The example is one the editor of the Campaigns page accepts as is.
    const check = checkCampaignDefinition(JSON.parse(wrapper.get('[data-testid="help-campaigns"] pre').text()));
    expect(check.ok ? [] : check.issues).toEqual([]);
    const commands = wrapper.findAll('[data-testid="help-command"]').map((row) => row.get('code').text());
    expect(commands).toContain('atelier declare import trajets-declares.csv');
    expect(commands).toContain('atelier map contours import ADMIN-EXPRESS-COG.zip');
    // Code blocks that may scroll can be reached from the keyboard.
    expect(wrapper.get('pre').attributes('tabindex')).toBe('0');
  });
});
