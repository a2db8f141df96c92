/**
 * SQL for the person keys the checks give (docs/checks.md): the identity key, else `u:<operator id>:<user id>`
 * for a side whose extract carries no identity key. `prefix` is the table alias with its dot (`t.`), or '' in an
 * index definition.
 */
export function userPersonSql(side: 'driver' | 'passenger', prefix = 't.'): string {
  return `'u:' || ${prefix}operator_id || ':' || ${prefix}operator_${side}_id`;
}

/** The person key of one side of a journey of `trips` aliased `t`. */
export function personSql(side: 'driver' | 'passenger'): string {
  return `COALESCE(t.${side}_identity_key, ${userPersonSql(side)})`;
}
