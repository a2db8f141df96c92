import type { StatsLevel } from '../../shared/types/stats';
import { REGISTRY_OK_SQL, utcRange } from './campaign-trip-source';
import { territorySql } from './level-columns';
import { exclusionClause } from './review-exclusions';
import type { SqlExecutor } from './sql-executor';

/** One column of the three registry incentive slots of a journey (`rpc_incentive_<slot>_<column>`), picked by `k.slot`. */
const slotColumn = (column: 'campaign_id' | 'campaign_name' | 'siret' | 'name' | 'cents'): string =>
  `CASE k.slot WHEN 0 THEN t.rpc_incentive_0_${column} WHEN 1 THEN t.rpc_incentive_1_${column} ELSE t.rpc_incentive_2_${column} END`;

/**
 * The registry incentives > 0 of journeys the statistics count (validated or without status, confirmed fraud left
 * out), one row per journey and paying slot: each journey is read once, its three slots through a join on three
 * constants. `where` filters `trips t`.
 */
function paidSlotsSql(where: string): string {
  return `SELECT t.id AS trip_id, ${slotColumn('campaign_id')} AS campaign_id, ${slotColumn('campaign_name')} AS campaign_name,
      ${slotColumn('siret')} AS siret, ${slotColumn('name')} AS authority, ${slotColumn('cents')} AS cents
    FROM committed_trips t CROSS JOIN (SELECT 0 AS slot UNION ALL SELECT 1 UNION ALL SELECT 2) k
    WHERE ${where} AND ${REGISTRY_OK_SQL}${exclusionClause(false)}`;
}

/** A period of local days and, optionally, a territory (journeys starting or ending in it). */
export interface IncentiveScope {
  from: string;
  to: string;
  territory: { level: StatsLevel; code: string };
}

/**
 * SQL of a scope on `trips t`: local start days as the statistics count them (`start_local`), narrowed first on the
 * `start_at` index with a day of margin each side (published local times are ceiled to 10 minutes).
 */
function scopeSql(scope: IncentiveScope): { sql: string; bindings: string[] } {
  const [fromUtc, toUtc] = utcRange({ from: scope.from, to: scope.to });
  const margin = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString();
  const territory = territorySql(scope.territory);
  return {
    sql: `t.start_at >= ? AND t.start_at < ? AND t.start_local >= ? AND t.start_local < ? AND ${territory.sql}`,
    bindings: [margin(fromUtc, -1), margin(toUtc, 1), scope.from, `${scope.to} 24:00:00`, ...territory.bindings],
  };
}

/** What registry campaigns paid on the store's journeys: journeys and cents per campaign id and name (every period). */
export function paidByCampaign(db: SqlExecutor): Promise<Array<{ campaign_id: string | null; campaign_name: string | null; journeys: number; cents: number }>> {
  return db.all(
    `SELECT campaign_id, campaign_name, COUNT(*) AS journeys, SUM(cents) AS cents FROM (${paidSlotsSql('1 = 1')}) p
     WHERE p.cents > 0 GROUP BY campaign_id, campaign_name`,
  );
}

/**
 * Authorities whose campaigns paid incentives on the journeys of a scope: by the name the registry gives the payer
 * (else its SIRET, else the campaign's name or id), with its SIRET when known, its distinct campaigns, its distinct
 * journeys and the cents it paid.
 */
export function paidByAuthority(
  db: SqlExecutor,
  scope: IncentiveScope,
): Promise<Array<{ authority: string; siret: string | null; campaigns: number; journeys: number; cents: number }>> {
  const { sql, bindings } = scopeSql(scope);
  return db.all(
    `SELECT COALESCE(authority, siret, campaign_name, campaign_id, '?') AS authority, MAX(siret) AS siret,
       COUNT(DISTINCT COALESCE(campaign_id, campaign_name)) AS campaigns, COUNT(DISTINCT trip_id) AS journeys, SUM(cents) AS cents
     FROM (${paidSlotsSql(sql)}) p WHERE p.cents > 0
     GROUP BY 1 ORDER BY cents DESC, authority`,
    bindings,
  );
}
