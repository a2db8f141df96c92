import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreSetup } from '@shared/types/store-choice';
import { createFakeApi, type FakeApi, type FakeHandlers } from '@renderer/api/fake';
import { mountWithApp } from '@renderer/testing/mount-with-app';
import SettingsView from './SettingsView.vue';

enableAutoUnmount(afterEach);

async function mountSettings(overrides: Partial<FakeHandlers> = {}): Promise<{ api: FakeApi; wrapper: VueWrapper }> {
  const api = createFakeApi(overrides);
  const { wrapper } = mountWithApp(SettingsView, api);
  await flushPromises();
  return { api, wrapper };
}

function callsTo(api: FakeApi, channel: string): unknown[] {
  return api.calls.filter((call) => call.channel === channel).map((call) => call.req);
}

/** The text of what describes a field (its error), as a screen reader reads it after the label. */
function description(wrapper: VueWrapper, testId: string): string {
  const input = wrapper.get(`[data-testid="${testId}"]`);
  const ids = (input.attributes('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' | ');
}

/** A field's label, its hint included (the DSFR writes the hint inside the label). */
function label(wrapper: VueWrapper, testId: string): string {
  return wrapper.get(`label[for="${wrapper.get(`[data-testid="${testId}"]`).attributes('id')}"]`).text();
}

async function chooseShared(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('[data-testid="store-engine-postgres"]').setValue(true);
}

async function fill(wrapper: VueWrapper, values: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(values)) await wrapper.get(`[data-testid="store-${field}"]`).setValue(value);
}

const SHARED: StoreSetup = {
  current: { engine: 'postgres', location: 'postgres://agent@pg.dreal.example:5432/atelier' },
  saved: { engine: 'postgres', host: 'pg.dreal.example', port: 5432, database: 'atelier', user: 'agent' },
  passwordStored: true,
  keychainAvailable: true,
  appliedAtStart: true,
  problem: null,
};

describe('SettingsView', () => {
  beforeEach(() => {
    delete document.documentElement.dataset.appReady;
  });

  it('shows the store in use and the local store chosen, then the server fields once « Base partagée » is chosen', async () => {
    const { wrapper } = await mountSettings();
    expect(wrapper.get('h1').text()).toBe('Paramètres');
    expect(wrapper.get('h2').text()).toBe('Base de données');
    expect(wrapper.get('[data-testid="store-current"]').text()).toBe('Cette session travaille sur la base locale de ce poste : /donnees/atelier/atelier.sqlite');
    expect((wrapper.get('[data-testid="store-engine-sqlite"]').element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.get('label[for$="-sqlite"]').text()).toBe('Base locale (ce poste)');
    expect(wrapper.find('[data-testid="store-server"]').exists()).toBe(false);
    expect(document.documentElement.dataset.appReady).toBe('true');

    await chooseShared(wrapper);
    const server = wrapper.get('[data-testid="store-server"]');
    expect(server.get('legend').text()).toBe('Serveur PostgreSQL');
    expect((wrapper.get('[data-testid="store-port"]').element as HTMLInputElement).value).toBe('5432');
    const password = wrapper.get('[data-testid="store-password"]');
    expect(password.attributes()).toMatchObject({ type: 'password', autocomplete: 'off' });
    expect(label(wrapper, 'store-password')).toMatch(/^Mot de passe\s+Sert au test de connexion, sans être enregistré/);
    // Browser mode: no keychain, the password is not kept, and the page says what is read instead.
    expect(wrapper.get('[data-testid="store-no-keychain"]').text()).toContain('PGPASSWORD ou dans le fichier ~/.pgpass');
  });

  it('says under each field what is wrong, before any call', async () => {
    const { api, wrapper } = await mountSettings();
    await chooseShared(wrapper);
    await fill(wrapper, { host: 'pg.dreal.example/x', port: '70000', database: '' });
    await wrapper.get('[data-testid="store-test"]').trigger('click');
    await flushPromises();
    expect(description(wrapper, 'store-host')).toContain('nom d’hôte ou adresse IPv4 attendu');
    expect(description(wrapper, 'store-port')).toContain('port entre 1 et 65 535');
    expect(description(wrapper, 'store-database')).toContain('indiquez la base');
    expect(description(wrapper, 'store-user')).toContain('indiquez l’utilisateur');
    expect(wrapper.get('[data-testid="store-invalid"]').text()).toBe('Corrigez les champs signalés.');
    expect(callsTo(api, 'settings:store-test')).toEqual([]);
    expect(callsTo(api, 'settings:store-save')).toEqual([]);
  });

  it('tests the connection and shows the French answer in a status, with the password only when typed', async () => {
    const { api, wrapper } = await mountSettings();
    await chooseShared(wrapper);
    await fill(wrapper, { host: 'pg.dreal.example', port: '5433', database: 'autre', user: 'agent' });
    await wrapper.get('[data-testid="store-test"]').trigger('click');
    await flushPromises();
    const result = wrapper.get('[data-testid="store-test-result"]');
    expect(result.attributes()).toMatchObject({ role: 'status', 'data-outcome': 'failed' });
    expect(result.get('.fr-alert--error').text()).toBe(
      'Connexion impossible à postgres://agent@pg.dreal.example:5433/autre : cette base n’existe pas sur le serveur (demandez à son administrateur de la créer).',
    );
    await fill(wrapper, { database: 'atelier', password: 'secret' });
    // The answer about another database is gone as soon as the field changes.
    expect(wrapper.find('[data-testid="store-test-result"] .fr-alert').exists()).toBe(false);
    await wrapper.get('[data-testid="store-test"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="store-test-result"] .fr-alert--success').text()).toContain('Connexion réussie : PostgreSQL 15.18');
    expect(callsTo(api, 'settings:store-test')).toEqual([
      { host: 'pg.dreal.example', port: 5433, database: 'autre', user: 'agent' },
      { host: 'pg.dreal.example', port: 5433, database: 'atelier', user: 'agent', password: 'secret' },
    ]);
  });

  it('saves the shared store, clears the password from the page and says when it applies', async () => {
    const { api, wrapper } = await mountSettings();
    await chooseShared(wrapper);
    await fill(wrapper, { host: 'pg.dreal.example', database: 'atelier', user: 'agent', password: 'secret' });
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'settings:store-save')).toEqual([{ engine: 'postgres', host: 'pg.dreal.example', port: 5432, database: 'atelier', user: 'agent', password: 'secret' }]);
    expect((wrapper.get('[data-testid="store-password"]').element as HTMLInputElement).value).toBe('');
    const saved = wrapper.get('[data-testid="store-saved"]');
    expect(saved.attributes('role')).toBe('status');
    expect(saved.text()).toBe(
      'Appliqué au prochain démarrage de l’application. Cette session a été lancée sur une base indiquée au démarrage : ce choix vaudra pour les démarrages sans base indiquée.',
    );
  });

  it('fills the form with the saved shared store, says a password is kept and why it could not be opened', async () => {
    const { api, wrapper } = await mountSettings({
      'settings:store-get': () => ({
        ...SHARED,
        current: { engine: 'sqlite', location: '/donnees/atelier/atelier.sqlite' },
        problem: 'Au démarrage, la base partagée enregistrée n’a pas pu être utilisée. Connexion impossible à postgres://agent@pg.dreal.example:5432/atelier : hôte inconnu (vérifiez le nom du serveur).',
      }),
      'settings:store-save': () => ({ ...SHARED, saved: { engine: 'sqlite' }, passwordStored: false }),
    });
    expect(wrapper.get('[data-testid="store-problem"]').text()).toContain('hôte inconnu (vérifiez le nom du serveur)');
    expect((wrapper.get('[data-testid="store-engine-postgres"]').element as HTMLInputElement).checked).toBe(true);
    expect((wrapper.get('[data-testid="store-host"]').element as HTMLInputElement).value).toBe('pg.dreal.example');
    expect((wrapper.get('[data-testid="store-user"]').element as HTMLInputElement).value).toBe('agent');
    expect(label(wrapper, 'store-password')).toContain('Un mot de passe est enregistré pour ce serveur : laissez le champ vide pour le garder.');
    expect(wrapper.find('[data-testid="store-no-keychain"]').exists()).toBe(false);

    // Back to the local store: nothing else is sent, and the desktop app says it applies at its next start.
    await wrapper.get('[data-testid="store-engine-sqlite"]').setValue(true);
    expect(wrapper.find('[data-testid="store-server"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'settings:store-save')).toEqual([{ engine: 'sqlite' }]);
    expect(wrapper.get('[data-testid="store-saved"]').text()).toBe('Appliqué au prochain démarrage de l’application.');
  });

  it('shows the shared store in use', async () => {
    const { wrapper } = await mountSettings({ 'settings:store-get': () => SHARED });
    expect(wrapper.get('[data-testid="store-current"]').text()).toBe('Cette session travaille sur la base partagée : postgres://agent@pg.dreal.example:5432/atelier');
  });
});

describe('SettingsView — clé de la base', () => {
  const KEY = { storeId: '6f1c2a9e-3b7d-4e21-9a0c-5d8e7f6a1b2c', keyFile: '/clés/6f1c2a9e-3b7d-4e21-9a0c-5d8e7f6a1b2c.key' };

  it('says the key is here and exports it for another workstation, naming the file written', async () => {
    const { api, wrapper } = await mountSettings({ 'audit:key-state': () => ({ ...KEY, problem: null }) });
    expect(wrapper.get('[data-testid="store-key-file"]').text()).toBe(KEY.keyFile);
    expect(wrapper.get('[data-testid="store-key-present"]').text()).toContain('La clé de cette base est sur ce poste');
    expect(wrapper.find('[data-testid="store-key-import-form"]').exists()).toBe(false);
    await wrapper.get('[data-testid="store-key-export"]').trigger('click');
    await flushPromises();
    expect(callsTo(api, 'audit:key-export')).toEqual([{}]);
    expect(wrapper.get('[data-testid="store-key-done"]').text()).toContain(`Clé écrite dans /donnees/atelier/exports/clé-base-${KEY.storeId}.json. Remettez ce fichier comme un mot de passe`);
  });

  it('shows why a workstation has no key, asks for the path of the file received, and imports it', async () => {
    const problem = 'Clé du journal d’audit introuvable : /clés/x.key. … importez-la d’un poste qui l’a …';
    const { api, wrapper } = await mountSettings({ 'audit:key-state': () => ({ ...KEY, problem }), 'audit:key-import': () => ({ ...KEY, problem: null }) });
    expect(wrapper.get('[data-testid="store-key-problem"]').text()).toContain(problem);
    expect(wrapper.find('[data-testid="store-key-export"]').exists()).toBe(false);

    await wrapper.get('[data-testid="store-key-import-form"]').trigger('submit');
    expect(description(wrapper, 'store-key-path')).toContain('Indiquez le chemin du fichier de la clé.');
    expect(callsTo(api, 'audit:key-import')).toEqual([]);

    await wrapper.get('[data-testid="store-key-path"]').setValue('  /media/clé/clé-base.json ');
    await wrapper.get('[data-testid="store-key-import-form"]').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'audit:key-import')).toEqual([{ path: '/media/clé/clé-base.json' }]);
    expect(wrapper.get('[data-testid="store-key-done"]').text()).toContain('Clé installée');
    expect(wrapper.find('[data-testid="store-key-problem"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="store-key-present"]').exists()).toBe(true);
  });
});

describe('SettingsView — votre nom', () => {
  it('says who this session signs as, refuses a name too long, and saves one for the next start with the account beside it', async () => {
    const { api, wrapper } = await mountSettings();
    expect(wrapper.get('[data-testid="agent-signed-as"]').text()).toBe('Cette session signe le journal d’audit (décisions, réglages, imports) : mdurand.');
    expect(label(wrapper, 'agent-name-input')).toContain('Inscrit avec votre compte (mdurand) dans le journal d’audit');

    await wrapper.get('[data-testid="agent-name-input"]').setValue('M'.repeat(81));
    await wrapper.get('[data-testid="agent-name"] form').trigger('submit');
    expect(description(wrapper, 'agent-name-input')).toContain('80 caractères au plus');
    expect(callsTo(api, 'settings:agent-save')).toEqual([]);

    await wrapper.get('[data-testid="agent-name-input"]').setValue('  Marie Durand ');
    await wrapper.get('[data-testid="agent-name"] form').trigger('submit');
    await flushPromises();
    expect(callsTo(api, 'settings:agent-save')).toEqual([{ name: 'Marie Durand' }]);
    expect(wrapper.get('[data-testid="agent-name-saved"]').text()).toBe('Enregistré : le prochain démarrage signera « Marie Durand (mdurand) ».');
    // This session keeps its signature: one session's entries have one author.
    expect(wrapper.get('[data-testid="agent-signed-as"]').text()).toContain(': mdurand.');
  });
});
