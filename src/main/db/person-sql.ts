import type { SqlEngine } from './store-address';

/**
 * SQL for the person keys the checks give (docs/checks.md): the identity key, else `u:<operator id>:<user id>`
 * for a side whose extract carries no identity key. `prefix` is the table alias with its dot (`t.`), or '' in an
 * index definition. The text is the expression of the partial indexes on user persons, written per engine (PostgreSQL
 * indexes immutable expressions only, and `text || integer` is not): queries must use the same engine's text to
 * reach them.
 */
export function userPersonSql(side: 'driver' | 'passenger', prefix = 't.', engine: SqlEngine = 'sqlite'): string {
  const operator = engine === 'postgres' ? `${prefix}operator_id::text` : `${prefix}operator_id`;
  return `'u:' || ${operator} || ':' || ${prefix}operator_${side}_id`;
}

/** The person key of one side of a journey of `trips` aliased `t`. */
export function personSql(side: 'driver' | 'passenger', engine: SqlEngine = 'sqlite'): string {
  return `COALESCE(t.${side}_identity_key, ${userPersonSql(side, 't.', engine)})`;
}
