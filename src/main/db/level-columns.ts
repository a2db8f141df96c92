import type { StatsLevel } from '../../shared/types/stats';

/**
 * Columns of `trips` holding each end's code at each territory level. `com` is the INSEE code as published
 * (arrondissement or commune), as the registry's statistics and selections use it.
 */
export const LEVEL_COLUMNS: Readonly<Record<StatsLevel, readonly [start: string, end: string]>> = {
  com: ['start_insee', 'end_insee'],
  epci: ['start_epci', 'end_epci'],
  aom: ['start_aom', 'end_aom'],
  dep: ['start_dep', 'end_dep'],
  reg: ['start_reg', 'end_reg'],
  country: ['start_country', 'end_country'],
};

/** SQL (on `trips` aliased `t`) of the journeys starting or ending in a territory, with its bindings. */
export function territorySql(territory: { level: StatsLevel; code: string }): { sql: string; bindings: string[] } {
  const [start, end] = LEVEL_COLUMNS[territory.level];
  return { sql: `(t.${start} = ? OR t.${end} = ?)`, bindings: [territory.code, territory.code] };
}

/**
 * SQL (on `trips` aliased `t`) of the journeys starting in a period of local days, both included: `24:00:00` sorts
 * after every time of the last day.
 */
export function periodSql(from: string, to: string): { sql: string; bindings: string[] } {
  return { sql: 't.start_local >= ? AND t.start_local < ?', bindings: [from, `${to} 24:00:00`] };
}
