import { describeStore, type StoreAddress } from '../db/store-address';
import { resolveStoreAddress } from '../platform/data-dir';
import { savedStoreAddress, type SecretSealer } from '../platform/store-choice';
import { createAppServices, type AppServices, type AppServicesOptions } from './app-services';
import { testStoreConnection } from './store-choice-service';

/** What a start needs besides the store's address. */
export type StartupOptions = Omit<AppServicesOptions, 'storeAddress' | 'storeChoiceProblem' | 'storeFromChoice'> & { secretSealer: SecretSealer };

/**
 * Asked when the saved shared store cannot be used, with why (in French) and its address (null when the saved choice
 * itself cannot be read): true starts on the local store for this session, false stops.
 */
export type SharedStoreFallback = (problem: string, shared: StoreAddress | null) => Promise<boolean>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The problem as the « Paramètres » page and a terminal say it: the store's address (without password), then why. */
export function sharedStoreProblemText(problem: string, shared: StoreAddress | null): string {
  return shared === null ? problem : `Base partagée enregistrée : ${describeStore(shared)} — ${problem}`;
}

/**
 * The services on the store of this start, for the desktop app and the browser mode alike: `--db` when given, else
 * the store saved in « Paramètres » (the local file by default). A saved shared store is tested first (at most a few
 * seconds, rather than knex's minute-long wait on an unreachable server); when it cannot be used (unreachable,
 * refused, not the application's, its update failed), `fallback` decides: the local store for this session, whose
 * « Paramètres » page then shows the reason, or null. Throws when the local store or the `--db` one cannot be opened.
 */
export async function openStartupStore(dbOption: string | undefined, options: StartupOptions, fallback: SharedStoreFallback): Promise<AppServices | null> {
  if (dbOption !== undefined) return createAppServices({ ...options, storeAddress: resolveStoreAddress(dbOption, options.dataDir) });
  const chosen = { ...options, storeFromChoice: true };
  const local = (problem?: string): Promise<AppServices> =>
    createAppServices({ ...chosen, storeAddress: resolveStoreAddress(undefined, options.dataDir), ...(problem === undefined ? {} : { storeChoiceProblem: problem }) });
  const offerLocal = async (problem: string, shared: StoreAddress | null): Promise<AppServices | null> => ((await fallback(problem, shared)) ? local(problem) : null);
  let shared: StoreAddress | null;
  try {
    shared = await savedStoreAddress(options.dataDir, options.secretSealer);
  } catch (error) {
    return offerLocal(messageOf(error), null);
  }
  if (shared === null) return local();
  const test = await testStoreConnection(shared);
  if (!test.ok) return offerLocal(test.message, shared);
  try {
    return await createAppServices({ ...chosen, storeAddress: shared });
  } catch (error) {
    return offerLocal(`La base partagée n’a pas pu être ouverte ou mise à jour : ${messageOf(error)}`, shared);
  }
}
