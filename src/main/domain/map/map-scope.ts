import type { MapDirection, MapLevel } from '../../../shared/types/map';

/** Territory levels a map can be narrowed to. */
export type MapTerritoryLevel = 'com' | 'epci' | 'aom' | 'dep' | 'reg';

/** What every flow read filters on (days and bands: null = all). */
export interface MapScope {
  level: MapLevel;
  territory: { level: MapTerritoryLevel; code: string } | null;
  /** Local days, inclusive. */
  from: string;
  to: string;
  /** ISO weekdays 1–7 of the local start, or null for every day. */
  days: readonly number[] | null;
  /** Hour band indexes (position in `HourBand`), or null for every band. */
  bands: readonly number[] | null;
  direction: MapDirection;
}

/** One journey as a scope sees it: local day and hour of its start (read only when bands filter), each end's code per level (null: none). */
export interface ScopedJourney {
  day: string;
  hour: () => number;
  start: (level: MapTerritoryLevel) => string | null;
  end: (level: MapTerritoryLevel) => string | null;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar day `YYYY-MM-DD`. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Hour band index of a local hour, from the bands' first hours (ascending, the first being 0). */
export function hourBand(hour: number, bandStarts: readonly number[]): number {
  let band = 0;
  for (const [index, start] of bandStarts.entries()) if (hour >= start) band = index;
  return band;
}

/**
 * The directed pair (origin, destination codes at the scope's level) a journey counts for, or null when the
 * scope leaves it out: the same rules as the aggregates' reads (period, weekday, band, territory and direction,
 * both ends known at the level), for journeys evaluated one by one (a simulation's overlay).
 */
export function scopedPair(scope: MapScope, journey: ScopedJourney, bandStarts: readonly number[]): [string, string] | null {
  if (journey.day < scope.from || journey.day > scope.to) return null;
  if (scope.days && !scope.days.includes(isoWeekday(journey.day))) return null;
  if (scope.bands && !scope.bands.includes(hourBand(journey.hour(), bandStarts))) return null;
  const origin = journey.start(scope.level === 'com' ? 'com' : scope.level);
  const destination = journey.end(scope.level === 'com' ? 'com' : scope.level);
  if (origin === null || destination === null) return null;
  if (scope.territory) {
    const { level, code } = scope.territory;
    const starts = journey.start(level) === code;
    const ends = journey.end(level) === code;
    const inside = scope.direction === 'from' ? starts : scope.direction === 'to' ? ends : scope.direction === 'intra' ? starts && ends : starts || ends;
    if (!inside) return null;
  } else if (scope.direction === 'intra' && origin !== destination) return null;
  return [origin, destination];
}
