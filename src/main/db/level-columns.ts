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
