import { HourBand, MapDirection, MapLevel, type MapOverlay, type MapQuery } from '@shared/types/map';
import type { StatsLevel } from '@shared/types/stats';
import { parseFrenchNumber } from '@shared/util/format';
import { lastThreeMonths } from '@shared/util/period';
import type { mapFr } from '@renderer/i18n/fr-map';

/** A territory level of the form, or '' for the whole store. */
export type TerritoryLevel = Exclude<StatsLevel, 'country'>;
export const TERRITORY_LEVELS: readonly TerritoryLevel[] = ['reg', 'dep', 'aom', 'epci', 'com'];
export const MAP_LEVELS: readonly MapLevel[] = MapLevel.options;
export const MAP_DIRECTIONS: readonly MapDirection[] = MapDirection.options;
export const HOUR_BANDS: readonly HourBand[] = HourBand.options;
/** ISO weekdays, Monday = 1. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The Carte form as typed: text fields stay text until the query is built. */
export interface MapForm {
  territoryLevel: TerritoryLevel | '';
  territoryCode: string;
  from: string;
  to: string;
  days: number[];
  bands: HourBand[];
  level: MapLevel;
  direction: MapDirection;
  /** Privacy threshold as typed (French digits accepted). */
  minCount: string;
  /** '' (none), 'flagged', or 'simulation:<id>'. */
  overlay: string;
}

/** Why a field is refused: the key of its French message under `map.form.problems`. */
export type FormProblem = keyof typeof mapFr.form.problems;
/** The fields the form refuses, each with why. */
export type FormProblems = Partial<Record<'territoryCode' | 'from' | 'to' | 'days' | 'bands' | 'minCount', FormProblem>>;

/**
 * The form a first visit opens on: the busiest département (`territory`, or the whole store), flows between
 * communes, the last three complete months covered, every day and hour, the threshold of the settings.
 */
export function defaultForm(period: { from: string; to: string }, minSetting: number, territory: { level: TerritoryLevel; code: string } | null): MapForm {
  return {
    territoryLevel: territory?.level ?? '',
    territoryCode: territory?.code ?? '',
    ...lastThreeMonths(period),
    days: [...WEEKDAYS],
    bands: [...HOUR_BANDS],
    level: territory ? 'com' : 'dep',
    direction: 'both',
    minCount: String(minSetting),
    overlay: '',
  };
}

/** The overlay of a form value, undefined for none. */
export function parseOverlay(value: string): MapOverlay | undefined {
  if (value === 'flagged') return { kind: 'flagged' };
  const id = /^simulation:(\d+)$/.exec(value)?.[1];
  return id ? { kind: 'simulation', simulationId: Number(id) } : undefined;
}

/** The form value of an overlay. */
export function overlayValue(overlay: MapOverlay | undefined): string {
  if (!overlay) return '';
  return overlay.kind === 'flagged' ? 'flagged' : `simulation:${overlay.simulationId}`;
}

/** What is wrong with the form (keys of `map.form.problems`), empty when it can be sent. */
export function formProblems(form: MapForm, minSetting: number): FormProblems {
  const problems: FormProblems = {};
  if (form.territoryLevel !== '' && form.territoryCode.trim() === '') problems.territoryCode = 'territoryCode';
  if (form.from === '') problems.from = 'from';
  if (form.to === '') problems.to = 'to';
  else if (form.from !== '' && form.from > form.to) problems.to = 'order';
  if (form.days.length === 0) problems.days = 'days';
  if (form.bands.length === 0) problems.bands = 'bands';
  const minCount = parseFrenchNumber(form.minCount);
  if (!Number.isInteger(minCount) || minCount < minSetting || minCount > 100_000) problems.minCount = 'minCount';
  return problems;
}

/**
 * The `map:flows` query of a valid form. Weekdays and hour bands are left out when all are ticked (the contract's
 * « every day / every band »), so that the main side reads its aggregates without a filter.
 */
export function toQuery(form: MapForm): MapQuery {
  const days = [...new Set(form.days)].sort((a, b) => a - b);
  const bands = HOUR_BANDS.filter((band) => form.bands.includes(band));
  const territory = form.territoryLevel === '' ? null : { level: form.territoryLevel, code: form.territoryCode.trim() };
  const overlay = parseOverlay(form.overlay);
  return {
    level: form.level,
    territory,
    from: form.from,
    to: form.to,
    ...(days.length < WEEKDAYS.length ? { days } : {}),
    ...(bands.length < HOUR_BANDS.length ? { bands } : {}),
    // Without a territory, `intra` still means something (internal flows only): the direction is kept.
    direction: form.direction,
    minCount: parseFrenchNumber(form.minCount),
    ...(overlay ? { overlay } : {}),
  };
}

/** The form showing a query (coming back to the page keeps the map it showed). */
export function fromQuery(query: MapQuery): MapForm {
  return {
    territoryLevel: query.territory?.level ?? '',
    territoryCode: query.territory?.code ?? '',
    from: query.from,
    to: query.to,
    days: query.days ? [...query.days] : [...WEEKDAYS],
    bands: query.bands ? [...query.bands] : [...HOUR_BANDS],
    level: query.level,
    direction: query.direction,
    minCount: String(query.minCount ?? ''),
    overlay: overlayValue(query.overlay),
  };
}
