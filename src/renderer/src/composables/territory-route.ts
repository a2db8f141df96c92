import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { CalendarDay } from '@shared/types/stats';
import { TerritoryLevel, type TerritoryRef } from '@shared/types/territory';

/** A territory and, optionally, a period, as a page link carries them (`?level=dep&code=44&from=…&to=…`). */
export interface TerritoryInRoute {
  territory: TerritoryRef;
  period: { from: string; to: string } | null;
}

/**
 * The query of a link to a page (Statistiques, Carte…) that should open on `territory` and, when given, `period`:
 * the home page's figures link to the page explaining them with the same territory and period.
 */
export function territoryQuery(territory: TerritoryRef, period?: { from: string; to: string }): LocationQueryRaw {
  return { level: territory.level, code: territory.code, ...(period ? { from: period.from, to: period.to } : {}) };
}

function single(value: LocationQuery[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : null;
}

/**
 * The territory and period a page was opened with, or null when the query has none or a malformed one (a hand-typed
 * address must not reach the main side as an invalid request). A period counts only when both days are valid.
 */
export function readTerritoryQuery(query: LocationQuery): TerritoryInRoute | null {
  const level = TerritoryLevel.safeParse(single(query.level));
  const code = single(query.code)?.trim() ?? '';
  if (!level.success || code === '' || code.length > 20) return null;
  const from = CalendarDay.safeParse(single(query.from));
  const to = CalendarDay.safeParse(single(query.to));
  const period = from.success && to.success && from.data <= to.data ? { from: from.data, to: to.data } : null;
  return { territory: { level: level.data, code }, period };
}
