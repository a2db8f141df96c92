import { personSql } from '../person-sql';

/** Registry + operator-declared incentives of a journey of `trips` aliased `t`, in cents (what a fraud would cost). */
export const AT_RISK_SQL = [0, 1, 2].flatMap((i) => [`COALESCE(t.rpc_incentive_${i}_cents, 0)`, `COALESCE(t.op_incentive_${i}_cents, 0)`]).join(' + ');

/** Severity as a number, so that « lowest severity » filters and « highest severity » aggregates are comparisons. */
export const SEVERITY_RANK_SQL = (column: string): string => `CASE ${column} WHEN 'high' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END`;
export const SEVERITY_RANK = { info: 1, warning: 2, high: 3 } as const;
export const SEVERITY_OF_RANK = ['info', 'info', 'warning', 'high'] as const;

/**
 * Id of the standing decision of a journey (docs/checks.md, « Instruction »), given SQL for its natural key and
 * its driver's and passenger's person keys: its own latest decision; else a confirmed fraud on its driver or
 * passenger; else its persons' latest decision.
 */
export function standingDecisionSql(naturalKey: string, driver: string, passenger: string): string {
  return `COALESCE(
  (SELECT MAX(d.id) FROM review_decisions d WHERE d.subject_kind = 'journey' AND d.subject_key = ${naturalKey}),
  (SELECT MAX(c.id) FROM review_current c WHERE c.subject_kind = 'person' AND c.decision = 'confirmed' AND c.subject_key IN (${driver}, ${passenger})),
  (SELECT MAX(d.id) FROM review_decisions d WHERE d.subject_kind = 'person' AND d.subject_key IN (${driver}, ${passenger})))`;
}

/** Id of the standing decision of a journey of `trips` aliased `t` (`standingDecisionSql`). */
export const STANDING_DECISION_SQL = standingDecisionSql('t.natural_key', personSql('driver'), personSql('passenger'));

/** Columns of a journey's facts (`ReviewJourney`), read from `trips` aliased `t` and `operators` aliased `o`. */
export const JOURNEY_FACTS_SQL = `t.natural_key, t.journey_id, o.name AS operator_name, t.operator_trip_id, t.start_local, t.end_local,
  t.duration_s, t.distance_m, t.seats, t.status, t.start_insee, t.end_insee, t.start_lat, t.start_lon, t.end_lat, t.end_lon,
  ${personSql('driver')} AS driver, ${personSql('passenger')} AS passenger,
  ${[0, 1, 2].map((i) => `COALESCE(t.rpc_incentive_${i}_cents, 0)`).join(' + ')} AS rpc_cents,
  ${[0, 1, 2].map((i) => `COALESCE(t.op_incentive_${i}_cents, 0)`).join(' + ')} AS op_cents,
  t.id IN (SELECT trip_id FROM excluded_trips) AS excluded`;

/** A row of `JOURNEY_FACTS_SQL`. */
export interface JourneyFactsRow {
  natural_key: string;
  journey_id: string | null;
  operator_name: string | null;
  operator_trip_id: string | null;
  start_local: string;
  end_local: string | null;
  duration_s: number | null;
  distance_m: number | null;
  seats: number | null;
  status: string | null;
  start_insee: string | null;
  end_insee: string | null;
  start_lat: number | null;
  start_lon: number | null;
  end_lat: number | null;
  end_lon: number | null;
  driver: string | null;
  passenger: string | null;
  rpc_cents: number;
  op_cents: number;
  excluded: number;
}
