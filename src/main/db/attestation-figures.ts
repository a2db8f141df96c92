import type { AttestationDayRow } from '../domain/attestations/attestation-figures';
import { EXCLUDED_SQL } from './review-exclusions';
import type { SqlExecutor } from './sql-executor';

/** A person as its journeys name it, on one side: identity key, or operator id and (stored) user id. */
export type PersonMatch = { kind: 'identity'; identityKey: string } | { kind: 'operator'; operatorId: number; storedUserId: string };

/** Journeys the registry validated: status `ok`, or no status (extracts that do not publish it). */
const VALIDATED_SQL = "(t.status = 'ok' OR t.status IS NULL)";

/** `t`'s side matching the person, through the identity-key indexes or the (operator, user id) ones. */
function sideWhere(side: 'driver' | 'passenger', person: PersonMatch): { sql: string; bindings: unknown[] } {
  return person.kind === 'identity'
    ? { sql: `t.${side}_identity_key = ?`, bindings: [person.identityKey] }
    : { sql: `t.operator_id = ? AND t.operator_${side}_id = ?`, bindings: [person.operatorId, person.storedUserId] };
}

const INCENTIVES_SQL = 'COALESCE(t.rpc_incentive_0_cents, 0) + COALESCE(t.rpc_incentive_1_cents, 0) + COALESCE(t.rpc_incentive_2_cents, 0)';

/**
 * A person's validated journeys of a period (local days, inclusive), confirmed fraud left out, summed per role and
 * local day (`start_local`, Europe/Paris as published): what an attestation counts (docs/attestations.md). As driver:
 * `driver_revenue` received and the registry incentives; as passenger: `passenger_contribution` paid. Distances are
 * the journeys' own (a driver with two passengers on one trip counts the trip's distance twice, as the registry's
 * certificates do). Committed imports only.
 */
export async function attestationDayRows(db: SqlExecutor, person: PersonMatch, period: { from: string; to: string }): Promise<AttestationDayRow[]> {
  const driver = sideWhere('driver', person);
  const passenger = sideWhere('passenger', person);
  const common = `substr(t.start_local, 1, 10) BETWEEN ? AND ? AND ${VALIDATED_SQL} AND NOT (${EXCLUDED_SQL})`;
  const rows = await db.all<{ role: 'driver' | 'passenger'; day: string; journeys: number; distance_m: number; paid: number; received: number; incentives: number }>(
    `SELECT role, day, COUNT(*) AS journeys, SUM(distance_m) AS distance_m, SUM(paid) AS paid, SUM(received) AS received, SUM(incentives) AS incentives
     FROM (
       SELECT 'driver' AS role, substr(t.start_local, 1, 10) AS day, COALESCE(t.distance_m, 0) AS distance_m, 0 AS paid,
              COALESCE(t.driver_revenue_cents, 0) AS received, ${INCENTIVES_SQL} AS incentives
         FROM committed_trips t WHERE ${driver.sql} AND ${common}
       UNION ALL
       SELECT 'passenger', substr(t.start_local, 1, 10), COALESCE(t.distance_m, 0), COALESCE(t.passenger_contribution_cents, 0), 0, 0
         FROM committed_trips t WHERE ${passenger.sql} AND ${common}
     ) AS sides
     GROUP BY role, day ORDER BY day, role`,
    [...driver.bindings, period.from, period.to, ...passenger.bindings, period.from, period.to],
  );
  return rows.map((row) => ({
    role: row.role,
    day: row.day,
    journeys: row.journeys,
    distanceM: row.distance_m,
    paidCents: row.paid,
    receivedCents: row.received,
    incentivesCents: row.incentives,
  }));
}

/** Whether the store holds any committed journey of the person, in either role, whatever its date or status. */
export async function personKnown(db: SqlExecutor, person: PersonMatch): Promise<boolean> {
  const driver = sideWhere('driver', person);
  const passenger = sideWhere('passenger', person);
  const [row] = await db.all<{ known: number }>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM committed_trips t WHERE ${driver.sql}) OR EXISTS (SELECT 1 FROM committed_trips t WHERE ${passenger.sql}) THEN 1 ELSE 0 END AS known`,
    [...driver.bindings, ...passenger.bindings],
  );
  return row?.known === 1;
}

/** Operators of the store by id (names printed on attestations). */
export async function operatorNames(db: SqlExecutor): Promise<Map<number, string>> {
  return new Map((await db.all<{ id: number; name: string }>('SELECT id, name FROM operators')).map((row) => [row.id, row.name]));
}
