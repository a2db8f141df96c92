import type { Knex } from 'knex';
import type { CampaignMonth } from '../../../shared/types/exports';
import { knexExecutor } from '../knex-executor';

/** Reads what the exports need to offer and name their files: campaigns of the extracts, operators. */
export class ExportRepository {
  constructor(private readonly db: Knex) {}

  /** Every campaign × month × operator of the registry incentives stored (any of the three slots), newest month first. */
  async campaignMonths(): Promise<CampaignMonth[]> {
    const slots = [0, 1, 2].map(
      (i) => `SELECT rpc_incentive_${i}_campaign_id AS campaign_id, rpc_incentive_${i}_campaign_name AS campaign_name,
        rpc_incentive_${i}_cents AS cents, substr(start_local, 1, 7) AS month, operator_id FROM committed_trips WHERE rpc_incentive_${i}_campaign_id IS NOT NULL`,
    );
    // One text for both engines: PostgreSQL wants every selected column grouped (the operator's name goes with its id)
    // and counts no boolean; operators of one name are ordered by id.
    const rows = await knexExecutor(this.db).all<{
      campaign_id: string; campaign_name: string | null; month: string; operator_id: number; operator_name: string; journeys: number; subsidized: number; amount_cents: number;
    }>(
      `SELECT s.campaign_id, MAX(s.campaign_name) AS campaign_name, s.month, s.operator_id, o.name AS operator_name, COUNT(*) AS journeys,
         SUM(CASE WHEN s.cents > 0 THEN 1 ELSE 0 END) AS subsidized, SUM(COALESCE(s.cents, 0)) AS amount_cents
       FROM (${slots.join(' UNION ALL ')}) s JOIN operators o ON o.id = s.operator_id
       GROUP BY s.campaign_id, s.month, s.operator_id, o.name ORDER BY s.month DESC, s.campaign_id, o.name, s.operator_id`,
    );
    return rows.map((row) => ({
      campaignId: row.campaign_id,
      campaignName: row.campaign_name,
      month: row.month,
      operatorId: row.operator_id,
      operatorName: row.operator_name,
      journeys: Number(row.journeys),
      subsidized: Number(row.subsidized),
      amountCents: Number(row.amount_cents),
    }));
  }

  /** Name of an operator of the store, or null. */
  async operatorName(id: number): Promise<string | null> {
    const row = (await this.db('operators').where({ id }).first('name')) as { name: string } | undefined;
    return row?.name ?? null;
  }

  /** Every operator of the store, by name. */
  async operators(): Promise<Array<{ id: number; name: string }>> {
    return (await this.db('operators').select('id', 'name').orderBy('name')) as Array<{ id: number; name: string }>;
  }

  /** Id of an operator by its display name (case-insensitive), or null. */
  async operatorIdByName(name: string): Promise<number | null> {
    const row = (await this.db('operators').whereRaw('lower(name) = lower(?)', [name]).first('id')) as { id: number } | undefined;
    return row?.id ?? null;
  }
}
