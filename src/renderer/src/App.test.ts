import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/ipc/result';
import { createFakeApi } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import App from './App.vue';

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
});
