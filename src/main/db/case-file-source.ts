import type { CaseFileJourney, CaseSeverity } from '../exports/case-file-types';
import { periodSql } from './level-columns';
import { AT_RISK_SQL, tripStandingDecisionSql } from './repositories/review-sql';
import { jsonArrayText } from './sql-dialect';
import type { SqlExecutor } from './sql-executor';

/** One journey × current flag of the store, with what the case files print. */
export interface CaseFlagLink {
  flagId: number;
  checkId: string;
  severity: CaseSeverity;
  evidence: Record<string, unknown>;
  /** Id of the decision standing on the journey (its own, or one on its persons), or null. */
  decisionId: number | null;
  tripId: number;
  naturalKey: string;
  operatorId: number;
  operatorName: string;
  /** `YYYY-MM` of the local start. */
  month: string;
  /** Registry + operator incentives of the journey, in cents. */
  atRiskCents: number;
  journey: Omit<CaseFileJourney, 'checks' | 'decision' | 'startCommune' | 'endCommune'>;
}

/** Which current flags the case files cover: one operator or all, a period of local days (inclusive) or all. */
export interface CaseFileScope {
  operatorId: number | null;
  period: { from: string; to: string } | null;
}

/**
 * Reads every journey × current flag of the scope, ordered by operator name, then chronologically by journey (one
 * JSON array per row, as the other bulk reads). A journey with several flags comes once per flag, consecutively.
 */
export async function readCaseFlagLinks(db: SqlExecutor, scope: CaseFileScope): Promise<CaseFlagLink[]> {
  const where: string[] = ['f.current = 1'];
  const bindings: unknown[] = [];
  if (scope.operatorId !== null) {
    where.push('t.operator_id = ?');
    bindings.push(scope.operatorId);
  }
  if (scope.period) {
    const period = periodSql(scope.period.from, scope.period.to);
    where.push(period.sql);
    bindings.push(...period.bindings);
  }
  const values = `f.id, f.check_id, f.severity, ${tripStandingDecisionSql(db.engine)}, t.id, t.natural_key, t.operator_id, o.name, t.journey_id,
       t.operator_journey_id, t.operator_trip_id, t.start_local, t.end_local, t.start_insee, t.end_insee, t.distance_m, t.duration_s, t.seats,
       t.status, t.operator_driver_id, t.operator_passenger_id,
       ${[0, 1, 2].map((i) => `COALESCE(t.rpc_incentive_${i}_cents, 0)`).join(' + ')}, ${[0, 1, 2].map((i) => `COALESCE(t.op_incentive_${i}_cents, 0)`).join(' + ')},
       ${AT_RISK_SQL}`;
  const rows = await db.all<{ r: string; evidence_json: string }>(
    `SELECT ${jsonArrayText(db.engine, values)} AS r, f.evidence_json
     FROM check_flags f JOIN check_flag_journeys fj ON fj.flag_id = f.id JOIN committed_trips t ON t.natural_key = fj.natural_key
     JOIN operators o ON o.id = t.operator_id
     WHERE ${where.join(' AND ')} ORDER BY o.name, t.start_local, t.natural_key, f.id`,
    bindings,
  );
  return rows.map(({ r, evidence_json }) => {
    const v = JSON.parse(r) as Array<string | number | null>;
    const text = (value: string | number | null | undefined): string | null => (value === null || value === undefined ? null : String(value));
    return {
      flagId: Number(v[0]), checkId: String(v[1]), severity: v[2] as CaseSeverity, decisionId: v[3] === null ? null : Number(v[3]),
      tripId: Number(v[4]), naturalKey: String(v[5]), operatorId: Number(v[6]), operatorName: String(v[7]),
      month: String(v[11]).slice(0, 7), atRiskCents: Number(v[23]), evidence: JSON.parse(evidence_json) as Record<string, unknown>,
      journey: {
        journeyId: text(v[8]), operatorJourneyId: text(v[9]), operatorTripId: text(v[10]), startLocal: String(v[11]), endLocal: text(v[12]),
        startInsee: text(v[13]), endInsee: text(v[14]), distanceM: v[15] === null ? null : Number(v[15]), durationS: v[16] === null ? null : Number(v[16]),
        seats: v[17] === null ? null : Number(v[17]), status: String(v[18] ?? ''), operatorDriverId: text(v[19]), operatorPassengerId: text(v[20]),
        rpcIncentiveCents: Number(v[21]), operatorIncentiveCents: Number(v[22]),
      },
    };
  });
}
