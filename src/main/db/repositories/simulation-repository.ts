import type { Knex } from 'knex';
import type { SavedSimulation, SimulationResult } from '../../../shared/types/simulation';

interface SimulationRow {
  id: number;
  name: string;
  campaign_id: string;
  campaign_name: string;
  from_day: string;
  to_day: string;
  definition_json: string;
  request_json: string;
  job_id: string | null;
  result_json: string | null;
  created_at: string;
}

function toSaved(row: SimulationRow): SavedSimulation {
  const result = row.result_json ? (JSON.parse(row.result_json) as SimulationResult) : null;
  return {
    id: row.id, name: row.name, campaignId: row.campaign_id, campaignName: row.campaign_name, from: row.from_day, to: row.to_day,
    createdAt: row.created_at, totals: result?.totals ?? null,
  };
}

/** Saved simulations (`simulations` table): created when their job starts, completed with their result. */
export class SimulationRepository {
  constructor(private readonly db: Knex) {}

  async create(input: { name: string; campaignId: string; campaignName: string; from: string; to: string; definition: unknown; request: unknown; createdAt: string }): Promise<number> {
    const [row] = (await this.db('simulations')
      .insert({
        name: input.name, campaign_id: input.campaignId, campaign_name: input.campaignName, from_day: input.from, to_day: input.to,
        definition_json: JSON.stringify(input.definition), request_json: JSON.stringify(input.request), created_at: input.createdAt,
      })
      .returning('id')) as Array<{ id: number }>;
    if (!row) throw new Error('Simulation non enregistrée');
    return row.id;
  }

  async setJob(id: number, jobId: string): Promise<void> {
    await this.db('simulations').where({ id }).update({ job_id: jobId });
  }

  async setResult(id: number, result: SimulationResult): Promise<void> {
    await this.db('simulations').where({ id }).update({ result_json: JSON.stringify(result) });
  }

  /** Removes a simulation whose job failed or was cancelled. */
  async remove(id: number): Promise<void> {
    await this.db('simulations').where({ id }).delete();
  }

  /** Saved simulations, newest first. */
  async list(limit: number): Promise<SavedSimulation[]> {
    return ((await this.db('simulations').orderBy('id', 'desc').limit(limit)) as SimulationRow[]).map(toSaved);
  }

  /** What a simulation ran: its definition and request, or null when unknown. */
  async source(id: number): Promise<{ definition: unknown; request: unknown } | null> {
    const row = (await this.db('simulations').where({ id }).first('definition_json', 'request_json')) as Pick<SimulationRow, 'definition_json' | 'request_json'> | undefined;
    return row ? { definition: JSON.parse(row.definition_json) as unknown, request: JSON.parse(row.request_json) as unknown } : null;
  }

  /** The full result of a simulation, or null when unknown or not finished. */
  async result(id: number): Promise<SimulationResult | null> {
    const row = (await this.db('simulations').where({ id }).first('result_json')) as { result_json: string | null } | undefined;
    return row?.result_json ? (JSON.parse(row.result_json) as SimulationResult) : null;
  }
}
