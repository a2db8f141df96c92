import { registryOkFlag, utcRange, type CampaignTripRange } from './campaign-trip-source';
import { EXCLUDED_SQL } from './review-exclusions';
import type { SqlExecutor } from './sql-executor';

/**
 * Whether a simulation read a journey (registry id), and when it did not, why: the journey is not in the store, it
 * started outside the simulated period, the registry flagged it, or an investigator confirmed it as fraud (the last
 * two only when the simulation left those out).
 */
export type SimulatedJourney =
  | { kind: 'simulated' }
  | { kind: 'unknown' }
  | { kind: 'outside_period'; /** Local day of its start, `YYYY-MM-DD`. */ day: string }
  | { kind: 'flagged'; /** Registry status (`fraud_error`, `anomaly_error`, `pending`…). */ status: string }
  | { kind: 'confirmed_fraud' };

/**
 * Where a journey stands against a simulation's range, with the filters `storeCampaignTrips` applies (committed
 * journeys, UTC bounds of the local days, registry status, confirmed fraud). One row read by the unique natural
 * key (`j:<journey_id>`): asked before an explanation is started, so that a journey the simulation never read is
 * said at once rather than found missing by a job replaying the whole period.
 */
export async function simulatedJourney(db: SqlExecutor, range: CampaignTripRange, journeyId: string): Promise<SimulatedJourney> {
  const [row] = await db.all<{ start_at: string; day: string; status: string | null; ok: number; excluded: number }>(
    `SELECT t.start_at, substr(t.start_local, 1, 10) AS day, t.status, ${registryOkFlag(db.engine)} AS ok, CASE WHEN ${EXCLUDED_SQL} THEN 1 ELSE 0 END AS excluded
     FROM committed_trips t WHERE t.natural_key = ?`,
    [`j:${journeyId}`],
  );
  if (!row) return { kind: 'unknown' };
  const [fromUtc, toUtc] = utcRange(range);
  if (row.start_at < fromUtc || row.start_at >= toUtc) return { kind: 'outside_period', day: row.day };
  if (!range.includeFlagged && row.ok === 0) return { kind: 'flagged', status: row.status ?? '' };
  if (!range.includeConfirmedFraud && row.excluded === 1) return { kind: 'confirmed_fraud' };
  return { kind: 'simulated' };
}
