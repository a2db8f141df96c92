import { dialog } from 'electron';
import { describeStore, type StoreAddress } from '../db/store-address';
import { resolveStoreAddress } from '../platform/data-dir';
import { savedStoreAddress, type SecretSealer } from '../platform/store-choice';
import { createAppServices, type AppServices, type AppServicesOptions } from '../services/app-services';
import { testStoreConnection } from '../services/store-choice-service';

/** What the desktop app's start needs besides the store's address. */
export type StartupOptions = Omit<AppServicesOptions, 'storeAddress' | 'storeChoiceProblem'> & { secretSealer: SecretSealer };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Says why the saved shared store cannot be used and offers the local store for this session (the « Paramètres »
 * page then shows the reason, to fix the choice) or to quit: answers the services on the local store, or null.
 */
async function offerLocalStore(options: StartupOptions, problem: string, shared: StoreAddress | null): Promise<AppServices | null> {
  const where = shared === null ? '' : `Base partagée enregistrée : ${describeStore(shared)}\n\n`;
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Atelier Covoiturage',
    message: 'La base partagée n’a pas pu être ouverte',
    detail: `${where}${problem}\n\nVous pouvez travailler sur la base locale de ce poste pendant cette session, puis corriger la base partagée dans Paramètres.`,
    buttons: ['Démarrer sur la base locale', 'Quitter'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response !== 0) return null;
  return createAppServices({ ...options, storeAddress: resolveStoreAddress(undefined, options.dataDir), storeChoiceProblem: problem });
}

/**
 * The services on the store of this start: `--db` when given, else the store saved in the settings (the local file
 * by default). A saved shared store is tested first (at most a few seconds, rather than knex's minute-long wait on an
 * unreachable server); when it cannot be used (unreachable, refused, not the application's, its update failed), a
 * dialog says why and offers the local store for this session, or null when the user quits. Throws when the local
 * store or the `--db` one cannot be opened or migrated.
 */
export async function openStartupStore(dbOption: string | undefined, options: StartupOptions): Promise<AppServices | null> {
  if (dbOption !== undefined) return createAppServices({ ...options, storeAddress: resolveStoreAddress(dbOption, options.dataDir) });
  let shared: StoreAddress | null;
  try {
    shared = await savedStoreAddress(options.dataDir, options.secretSealer);
  } catch (error) {
    return offerLocalStore(options, messageOf(error), null);
  }
  if (shared === null) return createAppServices({ ...options, storeAddress: resolveStoreAddress(undefined, options.dataDir) });
  const test = await testStoreConnection(shared);
  if (!test.ok) return offerLocalStore(options, test.message, shared);
  try {
    return await createAppServices({ ...options, storeAddress: shared });
  } catch (error) {
    return offerLocalStore(options, `La base partagée n’a pas pu être ouverte ou mise à jour : ${messageOf(error)}`, shared);
  }
}
