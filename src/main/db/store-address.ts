/** The two engines a store can live on: an embedded SQLite file (the default) or a shared PostgreSQL database. */
export type SqlEngine = 'sqlite' | 'postgres';

/**
 * Where a store lives, as typed after `--db` or chosen in the settings: a SQLite file path (`:memory:` included) or a
 * `postgres://USER[:PASSWORD]@HOST[:PORT]/DB` (also `postgresql://`) address. The same string crosses to the job
 * worker, which opens its own connection on it.
 */
export type StoreAddress = string;

const POSTGRES_SCHEME = /^postgres(?:ql)?:\/\//i;

/** The engine of a store address. */
export function storeEngine(address: StoreAddress): SqlEngine {
  return POSTGRES_SCHEME.test(address) ? 'postgres' : 'sqlite';
}

/**
 * A store address fit for messages and logs: a PostgreSQL address without its password (`postgres://agent:***@…`),
 * a file path as it is.
 */
export function describeStore(address: StoreAddress): string {
  if (storeEngine(address) === 'sqlite') return address;
  try {
    const url = new URL(address);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(adresse illisible)';
  }
}

/** Checks a PostgreSQL address before any connection: host and database named. Answers the French reason, or null. */
export function postgresAddressProblem(address: StoreAddress): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'adresse illisible : attendu postgres://UTILISATEUR@HÔTE:PORT/BASE';
  }
  if (url.hostname === '') return 'adresse sans hôte : attendu postgres://UTILISATEUR@HÔTE:PORT/BASE';
  if (url.pathname.replace(/^\//, '') === '') return 'adresse sans base : attendu postgres://UTILISATEUR@HÔTE:PORT/BASE';
  return null;
}
