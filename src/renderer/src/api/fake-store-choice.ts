import type { ParsedReq, Res } from '@shared/ipc/contract';
import type { AgentSetup } from '@shared/types/agent';
import type { StoreSetup } from '@shared/types/store-choice';

/**
 * The « Base de données » settings side of the fake `Api` (Paramètres page tests): the session on the local store,
 * no keychain (as in browser mode), and a server that answers for the database `atelier` only, as the main side's
 * connection test words it. The agent signs as their system account until they give a name.
 */
export function createFakeStoreChoice() {
  let setup: StoreSetup = {
    current: { engine: 'sqlite', location: '/donnees/atelier/atelier.sqlite' },
    saved: { engine: 'sqlite' },
    passwordStored: false,
    keychainAvailable: false,
    appliedAtStart: false,
    problem: null,
  };
  let agent: AgentSetup = { actor: 'mdurand', account: 'mdurand', savedName: null, problem: null };
  return {
    'settings:agent-get': (): Res<'settings:agent-get'> => agent,
    'settings:agent-save': ({ name }: ParsedReq<'settings:agent-save'>): Res<'settings:agent-save'> => (agent = { ...agent, savedName: name === '' ? null : name }),
    'settings:store-get': (): Res<'settings:store-get'> => setup,
    'settings:store-test': ({ host, port, database, user }: ParsedReq<'settings:store-test'>): Res<'settings:store-test'> =>
      database === 'atelier'
        ? { ok: true, serverVersion: '15.18', message: 'Connexion réussie : PostgreSQL 15.18, base vide : elle sera préparée au premier démarrage.' }
        : {
            ok: false,
            serverVersion: null,
            message: `Connexion impossible à postgres://${user}@${host}:${port}/${database} : cette base n’existe pas sur le serveur (demandez à son administrateur de la créer).`,
          },
    'settings:store-save': (request: ParsedReq<'settings:store-save'>): Res<'settings:store-save'> => {
      if (request.engine === 'sqlite') {
        setup = { ...setup, saved: { engine: 'sqlite' }, passwordStored: false };
      } else {
        const { password, ...saved } = request;
        setup = { ...setup, saved, passwordStored: password !== undefined && setup.keychainAvailable };
      }
      return setup;
    },
  };
}
