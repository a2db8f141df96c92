import type { Knex } from 'knex';
import type { TerritoryLevel } from '../../../shared/types/territory';
import type { PayerRow } from '../../domain/territory/compose-summary';
import { knexExecutor } from '../knex-executor';
import { periodSql, territorySql } from '../level-columns';
import { EXCLUDED_SQL } from '../review-exclusions';
import type { SqlExecutor } from '../sql-executor';

/** SQLite answers big sums as bigint, and `COUNT` over nothing as 0: plain numbers here. */
const num = (value: unknown): number => Number(value ?? 0);

/** Journeys the statistics count (stats-refresh.ts): validated by the registry, or open data without status. */
const VALID_SQL = "(t.status = 'ok' OR t.status IS NULL)";

/** One registry incentive slot (0–2) of a journey of `trips` aliased `t`, by the slot number `s.i`. */
const slot = (field: 'campaign_id' | 'campaign_name' | 'name' | 'cents'): string =>
  `CASE s.i ${[0, 1, 2].map((i) => `WHEN ${i} THEN t.rpc_incentive_${i}_${field}`).join(' ')} END`;

/**
 * The reads of the « Mon territoire » page that the statistics aggregates do not hold: who paid the registry
 * incentives of a territory's journeys, what waits for the user (rejected lines, saved simulations), the store's
 * coverage, and the journeys of territories found by name.
 */
export class TerritoryRepository {
  /** Through `knexExecutor`: one SQL text and one row shape on both engines (knex's `raw` answers PostgreSQL's result object). */
  private readonly db: SqlExecutor;

  constructor(knex: Knex) {
    this.db = knexExecutor(knex);
  }

  /**
   * Registry incentives > 0 paid on the journeys starting or ending in a territory over local days `from`–`to`
   * (the statistics' journeys: validated, confirmed fraud excluded), per campaign and authority, largest first. A
   * journey paid by two campaigns counts in both. One pass over the period's journeys through `start_local`. Ties
   * are ordered by campaign then authority, missing ones first (as SQLite sorts NULLs), on both engines.
   */
  async incentivePayers(territory: { level: TerritoryLevel; code: string }, from: string, to: string): Promise<PayerRow[]> {
    const period = periodSql(from, to);
    const where = territorySql(territory);
    // CROSS JOIN keeps `trips` as the outer loop: one scan, each journey read once for its three slots.
    const rows = await this.db.all<{ campaign_id: string | null; campaign_name: string | null; authority: string | null; journeys: unknown; cents: unknown }>(
      `SELECT ${slot('campaign_id')} AS campaign_id, MAX(${slot('campaign_name')}) AS campaign_name, ${slot('name')} AS authority,
         COUNT(*) AS journeys, SUM(${slot('cents')}) AS cents
       FROM committed_trips t CROSS JOIN (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2) s
       WHERE ${period.sql} AND ${where.sql} AND ${VALID_SQL} AND NOT (${EXCLUDED_SQL}) AND ${slot('cents')} > 0
       GROUP BY 1, 3 ORDER BY cents DESC, journeys DESC, campaign_id NULLS FIRST, authority NULLS FIRST`,
      [...period.bindings, ...where.bindings],
    );
    return rows.map((row) => ({ campaignId: row.campaign_id, campaignName: row.campaign_name, authority: row.authority, journeys: num(row.journeys), cents: num(row.cents) }));
  }

  /** Committed imports that rejected lines, and those lines; simulations saved with a result. */
  async waiting(): Promise<{ importsWithRejectedRows: number; rejectedRows: number; savedSimulations: number }> {
    const [imports] = await this.db.all<{ imports: unknown; rejected: unknown }>(
      "SELECT COUNT(*) AS imports, SUM(rows_rejected) AS rejected FROM import_batches WHERE status = 'committed' AND rows_rejected > 0",
    );
    const [simulations] = await this.db.all<{ n: unknown }>('SELECT COUNT(*) AS n FROM simulations WHERE result_json IS NOT NULL');
    return { importsWithRejectedRows: num(imports?.imports), rejectedRows: num(imports?.rejected), savedSimulations: num(simulations?.n) };
  }

  /**
   * First and last local day of the committed journeys (read at both ends of the `start_local` index), and the end
   * of the last committed import (ISO instant), each null on an empty store.
   */
  async coverage(): Promise<{ from: string | null; to: string | null; lastSync: string | null }> {
    const [first] = await this.db.all<{ day: string }>('SELECT substr(start_local, 1, 10) AS day FROM committed_trips ORDER BY start_local LIMIT 1');
    const [last] = await this.db.all<{ day: string }>('SELECT substr(start_local, 1, 10) AS day FROM committed_trips ORDER BY start_local DESC LIMIT 1');
    const [sync] = await this.db.all<{ at: string | null }>("SELECT MAX(ended_at) AS at FROM import_batches WHERE status = 'committed'");
    return { from: first?.day ?? null, to: last?.day ?? null, lastSync: sync?.at ?? null };
  }

  /**
   * Journeys starting or ending in each territory of `codes` at a level, all time, from the statistics aggregates
   * (from + to − internal, per month and commune: a few rows per territory). Codes without journeys are absent.
   */
  async journeysTouching(level: TerritoryLevel, codes: readonly string[]): Promise<Map<string, number>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.all<{ code: string; journeys: unknown }>(
      `SELECT code, SUM(CASE direction WHEN 'intra' THEN -journeys ELSE journeys END) AS journeys FROM stats_com_month
       WHERE level = ? AND code IN (${codes.map(() => '?').join(', ')}) AND direction IN ('from', 'to', 'intra') GROUP BY code`,
      [level, ...codes],
    );
    return new Map(rows.map((row) => [row.code, num(row.journeys)]));
  }
}
