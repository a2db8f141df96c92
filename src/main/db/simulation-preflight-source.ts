import type { GeoLevel } from '../../shared/campaigns/definition-types';
import { REGISTRY_OK_SQL, utcRange, type CampaignTripRange } from './campaign-trip-source';
import { countExcluded, exclusionClause } from './review-exclusions';
import type { SqlExecutor } from './sql-executor';

/** A campaign's territory selector with its named lists resolved: codes per level (no level: every journey). */
export type ResolvedSelector = ReadonlyArray<readonly [GeoLevel, readonly string[]]>;

/** Columns of `trips` a selector level reads at each end, as the campaign engine reads a trip end (`com` current, `arr` as published). */
const SELECTOR_COLUMNS: Readonly<Record<GeoLevel, string>> = {
  com: 'com',
  arr: 'insee',
  epci: 'epci',
  aom: 'aom',
  dep: 'dep',
  reg: 'reg',
  country: 'country',
};

/**
 * SQL (on `trips t`) of the journeys whose start or end matches a selector, and its bindings; always true for an
 * empty one (written as comparisons: PostgreSQL takes no integer for a condition).
 */
function selectorSql(selector: ResolvedSelector): { sql: string; bindings: string[] } {
  if (selector.length === 0) return { sql: '1 = 1', bindings: [] };
  const parts: string[] = [];
  const bindings: string[] = [];
  for (const [level, codes] of selector) {
    // A level whose list is empty matches nothing, as in the engine.
    if (codes.length === 0) continue;
    const marks = codes.map(() => '?').join(', ');
    for (const end of ['start', 'end'] as const) {
      parts.push(`t.${end}_${SELECTOR_COLUMNS[level]} IN (${marks})`);
      bindings.push(...codes);
    }
  }
  return parts.length === 0 ? { sql: '1 = 0', bindings: [] } : { sql: `(${parts.join(' OR ')})`, bindings };
}

/**
 * Journeys of a simulation's period (as `countStoreCampaignTrips` counts them: flagged and confirmed fraud left out
 * unless kept) whose start or end matches the campaign's territory selector.
 */
export async function countTerritoryJourneys(db: SqlExecutor, range: CampaignTripRange, selector: ResolvedSelector): Promise<number> {
  const territory = selectorSql(selector);
  const where = `t.start_at >= ? AND t.start_at < ?${range.includeFlagged ? '' : ` AND ${REGISTRY_OK_SQL}`} AND ${territory.sql}`;
  const bindings = [...utcRange(range), ...territory.bindings];
  const [row] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM committed_trips t WHERE ${where}`, bindings);
  return (row?.n ?? 0) - (await countExcluded(db, where, bindings, range.includeConfirmedFraud));
}

/**
 * Whether at least one journey the simulation would read (same filters as `countTerritoryJourneys`) starts or ends in
 * the selector: stops at the first, where a count reads the whole period (a simulation only needs to know if none).
 */
export async function anyTerritoryJourney(db: SqlExecutor, range: CampaignTripRange, selector: ResolvedSelector): Promise<boolean> {
  const territory = selectorSql(selector);
  const rows = await db.all<{ found: number }>(
    `SELECT 1 AS found FROM committed_trips t
     WHERE t.start_at >= ? AND t.start_at < ?${range.includeFlagged ? '' : ` AND ${REGISTRY_OK_SQL}`} AND ${territory.sql}${exclusionClause(range.includeConfirmedFraud)} LIMIT 1`,
    [...utcRange(range), ...territory.bindings],
  );
  return rows.length > 0;
}

/**
 * The local day of the latest journey the simulation would read (same filters) whose start or end matches the
 * selector, started in `[fromUtc, toUtc)` (ISO instants: the campaign's window); null when there is none. Walks the
 * `start_at` index backwards and stops at the first match.
 */
export async function lastTerritoryDay(
  db: SqlExecutor,
  filters: Pick<CampaignTripRange, 'includeFlagged' | 'includeConfirmedFraud'>,
  selector: ResolvedSelector,
  bounds: { fromUtc: string; toUtc: string },
): Promise<string | null> {
  const territory = selectorSql(selector);
  const [row] = await db.all<{ day: string }>(
    `SELECT substr(t.start_local, 1, 10) AS day FROM committed_trips t
     WHERE t.start_at >= ? AND t.start_at < ?${filters.includeFlagged ? '' : ` AND ${REGISTRY_OK_SQL}`} AND ${territory.sql}${exclusionClause(filters.includeConfirmedFraud)}
     ORDER BY t.start_at DESC LIMIT 1`,
    [bounds.fromUtc, bounds.toUtc, ...territory.bindings],
  );
  return row?.day ?? null;
}

/**
 * First and last local days of the store's journeys (whatever their status), or null when it holds none: the
 * earliest and latest starts through the `start_at` index, not a scan.
 */
export async function storeJourneyDays(db: SqlExecutor): Promise<{ first: string; last: string } | null> {
  const [first] = await db.all<{ day: string }>('SELECT substr(t.start_local, 1, 10) AS day FROM committed_trips t ORDER BY t.start_at LIMIT 1');
  const [last] = await db.all<{ day: string }>('SELECT substr(t.start_local, 1, 10) AS day FROM committed_trips t ORDER BY t.start_at DESC LIMIT 1');
  return first && last ? { first: first.day, last: last.day } : null;
}
