import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import { useAccessStore } from '@renderer/stores/access-store';
import App from './App.vue';

/** What the browser-mode bridge answers a call without the right token. */
function refused(): never {
  throw new ApiError('unauthorized', 'Jeton d’accès absent ou invalide : rouvrez l’adresse affichée au lancement.');
}

enableAutoUnmount(afterEach);

describe('App shell', () => {
  it('has the DSFR landmarks, skip links and the main navigation in French', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/');
    await flushPromises();
    expect(wrapper.get('header[role="banner"]').text()).toContain('Atelier Covoiturage');
    expect(wrapper.find('main#contenu').exists()).toBe(true);
    expect(wrapper.find('footer#pied-de-page').exists()).toBe(true);
    expect(wrapper.findAll('.fr-skiplinks a').map((link) => link.attributes('href'))).toEqual([
      '#contenu',
      '#navigation-principale',
      '#pied-de-page',
    ]);
    const nav = wrapper.get('nav#navigation-principale');
    expect(nav.findAll('a').map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['Accueil', '/'],
      ['Données', '/donnees'],
      ['Campagnes', '/campagnes'],
      ['Contrôles', '/controles'],
      ['Statistiques', '/statistiques'],
      ['Carte', '/carte'],
      ['Exports', '/exports'],
      ['Attestations', '/attestations'],
      ['Déclarations', '/declarations'],
      ['Observatoire', '/observatoire'],
    ]);
    expect(nav.get('a[aria-current="page"]').text()).toBe('Accueil');
    expect(document.title).toBe('Accueil — Atelier Covoiturage');
  });

  it('links the « À propos / diagnostic » page from the footer', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/');
    await flushPromises();
    const link = wrapper.get('footer [data-testid="footer-about"]');
    expect(link.text()).toBe('À propos / diagnostic');
    await link.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/a-propos');
    expect(wrapper.get('main h1').text()).toBe('À propos / diagnostic');
    expect(wrapper.find('[data-testid="store-info"]').exists()).toBe(true);
    expect(document.title).toBe('À propos / diagnostic — Atelier Covoiturage');
  });

  it('shows the Déclarations page at /declarations', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/declarations');
    await flushPromises();
    expect(wrapper.get('main h1').text()).toBe('Déclarations');
    expect(wrapper.find('[data-testid="declaration-drop-zone"]').exists()).toBe(true);
    expect(wrapper.get('nav#navigation-principale a[aria-current="page"]').text()).toBe('Déclarations');
    expect(document.title).toBe('Déclarations — Atelier Covoiturage');
  });

  it('shows the Données page at /donnees', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/donnees');
    await flushPromises();
    expect(wrapper.get('main h1').text()).toBe('Données');
    expect(wrapper.find('[data-testid="import-section"]').exists()).toBe(true);
    expect(wrapper.get('nav#navigation-principale a[aria-current="page"]').text()).toBe('Données');
    expect(document.title).toBe('Données — Atelier Covoiturage');
  });

  it('shows the Carte page at /carte', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/carte');
    await flushPromises();
    expect(wrapper.get('main h1').text()).toBe('Carte');
    expect(wrapper.find('[data-testid="map-canvas"]').exists()).toBe(true);
    expect(document.title).toBe('Carte — Atelier Covoiturage');
  });

  it('opens the Contrôles page with the check catalogue', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/controles');
    await flushPromises();
    expect(wrapper.get('main h1').text()).toBe('Contrôles');
    expect(wrapper.findAll('[data-testid="check-row"]').length).toBeGreaterThan(0);
    expect(document.title).toBe('Contrôles — Atelier Covoiturage');
  });

  it('shows a failure of the jobs start-up in an alert', async () => {
    const { wrapper, router } = mountWithApp(
      App,
      createFakeApi({
        'jobs:list': () => {
          throw new ApiError('internal', 'Historique des travaux illisible.');
        },
      }),
    );
    await router.push('/donnees');
    await flushPromises();
    expect(wrapper.get('[data-testid="api-error"]').text()).toContain('Historique des travaux illisible.');
  });

  it('links the « Aide » page from the footer and the header', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/');
    await flushPromises();
    const footer = wrapper.get('footer [data-testid="footer-help"]');
    expect(footer.text()).toBe('Aide');
    expect(footer.attributes('href')).toBe('/aide');
    expect(wrapper.findAll('header a').filter((link) => link.text() === 'Aide').map((link) => link.attributes('href'))).toContain('/aide');
    await footer.trigger('click');
    await flushPromises();
    expect(wrapper.get('main h1').text()).toBe('Aide');
    expect(document.title).toBe('Aide — Atelier Covoiturage');
  });

  it('brings the reader to a section of the « Aide » page and gives its heading the focus, also from the same page', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/controles');
    await flushPromises();
    await wrapper.get('[data-testid="help-link-checks"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/aide#controles');
    expect(document.activeElement?.id).toBe('controles');
    expect(document.activeElement?.textContent?.trim()).toBe('Contrôles : familles T, H, G et D');

    await wrapper.get('[data-testid="help-contents-privacy"]').trigger('click');
    await flushPromises();
    expect(document.activeElement?.id).toBe('donnees-personnelles');
  });

  it('shows only what to do, once, when the server refuses the token: no menu, no page, no job list', async () => {
    const api = createFakeApi({ 'app:info': refused, 'jobs:list': refused, 'store:info': refused });
    const { wrapper, router } = mountWithApp(App, api);
    await router.push('/');
    await flushPromises();
    const alert = wrapper.get('[data-testid="access-denied"]');
    expect(alert.text()).toContain('Accès refusé');
    expect(alert.text()).toContain('npm start');
    expect(wrapper.findAll('.fr-alert')).toHaveLength(1);
    expect(wrapper.find('[data-testid="api-error"]').exists()).toBe(false);
    expect(wrapper.find('nav#navigation-principale').exists()).toBe(false);
    expect(wrapper.find('footer').exists()).toBe(false);
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('Aucun travail');
    // Nothing else was asked of a server that refuses everything.
    expect(api.calls.map((call) => call.channel)).toEqual(['app:info']);
  });

  it('replaces the page with the same message when the server refuses the token later (launched again)', async () => {
    const { wrapper, router } = mountWithApp(App, createFakeApi());
    await router.push('/donnees');
    await flushPromises();
    expect(wrapper.get('main h1').text()).toBe('Données');
    useAccessStore().deny();
    await flushPromises();
    expect(wrapper.find('[data-testid="access-denied"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="import-section"]').exists()).toBe(false);
  });
});
