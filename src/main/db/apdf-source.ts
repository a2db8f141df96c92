import type { GeoResolver } from '../domain/geo/geo-resolver';
import { countExcluded, exclusionClause } from './review-exclusions';
import { jsonArrayText } from './sql-dialect';
import type { SqlExecutor } from './sql-executor';

/** One journey of an APDF workbook, before names are attached (see `ApdfTrip` of the exports). */
export interface ApdfSourceTrip {
  journeyId: string;
  operatorJourneyId: string;
  operatorTripId: string | null;
  startAt: string;
  endAt: string | null;
  startInsee: string | null;
  startEpci: string | null;
  endInsee: string | null;
  endEpci: string | null;
  durationS: number | null;
  distanceM: number;
  operatorName: string;
  operatorClass: string;
  driverOperatorUserId: string | null;
  passengerOperatorUserId: string | null;
  incentiveCents: number;
}

/** Amount of a registry campaign's incentive on a journey, whichever of the three slots holds it (null if none). */
const CAMPAIGN_CENTS = `CASE
  WHEN t.rpc_incentive_0_campaign_id = :campaign THEN t.rpc_incentive_0_cents
  WHEN t.rpc_incentive_1_campaign_id = :campaign THEN t.rpc_incentive_1_cents
  WHEN t.rpc_incentive_2_campaign_id = :campaign THEN t.rpc_incentive_2_cents END`;

/** Month `YYYY-MM` → local-time bounds of `start_local`. */
function monthBounds(month: string): [string, string] {
  return [`${month}-01`, `${month}-31 24:00:00`];
}

/**
 * Operators with at least one incentive > 0 of the campaign in the month, as the registry picks the APDF files to
 * produce (one workbook per campaign × operator × month).
 */
export async function apdfOperators(db: SqlExecutor, campaignId: string, month: string): Promise<Array<{ operatorId: number; name: string; journeys: number }>> {
  const [from, to] = monthBounds(month);
  const rows = await db.all<{ operator_id: number; name: string; journeys: number }>(
    `SELECT t.operator_id, o.name, COUNT(*) AS journeys FROM committed_trips t JOIN operators o ON o.id = t.operator_id
     WHERE t.start_local >= ? AND t.start_local < ? AND (${CAMPAIGN_CENTS.replaceAll(':campaign', '?')}) > 0
     GROUP BY t.operator_id, o.name ORDER BY o.name, t.operator_id`,
    [from, to, campaignId, campaignId, campaignId],
  );
  return rows.map((row) => ({ operatorId: row.operator_id, name: row.name, journeys: row.journeys }));
}

/** Which APDF workbook: a registry campaign, an operator, a month (`YYYY-MM`), with or without confirmed fraud. */
export interface ApdfSourceInput {
  campaignId: string;
  operatorId: number;
  month: string;
  /** Keep journeys an investigator confirmed as fraud (absent: left out, as the registry leaves fraud out). */
  includeConfirmedFraud?: boolean;
}

/**
 * Journeys of an operator's month that confirmed fraud leaves out (0 when included): what a simulation's APDF
 * workbook leaves out, the replay having read the simulated period with its own choice.
 */
export function countOperatorMonthExcluded(db: SqlExecutor, input: Omit<ApdfSourceInput, 'campaignId'>): Promise<number> {
  return countExcluded(db, 't.operator_id = ? AND t.start_local >= ? AND t.start_local < ?', [input.operatorId, ...monthBounds(input.month)], input.includeConfirmedFraud);
}

/** Journeys of the workbook that confirmed fraud leaves out (0 when included). */
export function countApdfExcluded(db: SqlExecutor, input: ApdfSourceInput): Promise<number> {
  const [from, to] = monthBounds(input.month);
  const cents = CAMPAIGN_CENTS.replaceAll(':campaign', '?');
  return countExcluded(
    db,
    `t.operator_id = ? AND t.start_local >= ? AND t.start_local < ? AND (${cents}) IS NOT NULL`,
    [input.operatorId, from, to, input.campaignId, input.campaignId, input.campaignId],
    input.includeConfirmedFraud,
  );
}

/**
 * The journeys of an APDF workbook from the registry incentives of the extracts (confirmed fraud left out unless
 * asked): every journey of the operator
 * started in the month (Europe/Paris) that carries an incentive of the campaign, zero-euro ones included, in
 * chronological order. Registry rules: ids uppercase. Paged (JSON array per row) so memory stays flat.
 */
export async function* apdfSourceTrips(db: SqlExecutor, input: ApdfSourceInput): AsyncGenerator<ApdfSourceTrip> {
  const [from, to] = monthBounds(input.month);
  const cents = CAMPAIGN_CENTS.replaceAll(':campaign', '?');
  let after: [string, string] | null = null;
  for (;;) {
    const keyset = after ? ' AND t.start_local >= ? AND (t.start_local > ? OR t.natural_key > ?)' : '';
    const page = await db.all<{ r: string }>(
      `SELECT ${jsonArrayText(db.engine, `t.journey_id, t.operator_journey_id, t.operator_trip_id, t.start_at, t.end_at, t.start_insee, t.start_epci,
         t.end_insee, t.end_epci, t.duration_s, t.distance_m, o.name, t.operator_class, t.operator_driver_id, t.operator_passenger_id,
         ${cents}, t.start_local, t.natural_key`)} AS r
       FROM committed_trips t JOIN operators o ON o.id = t.operator_id
       WHERE t.operator_id = ? AND t.start_local >= ? AND t.start_local < ? AND (${cents}) IS NOT NULL${exclusionClause(input.includeConfirmedFraud)}${keyset}
       ORDER BY t.start_local, t.natural_key LIMIT 5000`,
      [input.campaignId, input.campaignId, input.campaignId, input.operatorId, from, to, input.campaignId, input.campaignId, input.campaignId, ...(after ? [after[0], after[0], after[1]] : [])],
    );
    for (const { r } of page) {
      const v = JSON.parse(r) as Array<string | number | null>;
      const upper = (value: string | number | null | undefined): string | null => (value === null || value === undefined ? null : String(value).toUpperCase());
      yield {
        journeyId: String(v[0] ?? ''),
        operatorJourneyId: upper(v[1]) ?? '',
        operatorTripId: upper(v[2]),
        startAt: String(v[3]),
        endAt: v[4] === null ? null : String(v[4]),
        startInsee: v[5] === null ? null : String(v[5]),
        startEpci: v[6] === null ? null : String(v[6]),
        endInsee: v[7] === null ? null : String(v[7]),
        endEpci: v[8] === null ? null : String(v[8]),
        durationS: v[9] === null ? null : Number(v[9]),
        distanceM: Number(v[10] ?? 0),
        operatorName: String(v[11] ?? ''),
        operatorClass: String(v[12] ?? ''),
        driverOperatorUserId: upper(v[13]),
        passengerOperatorUserId: upper(v[14]),
        incentiveCents: Math.max(0, Number(v[15] ?? 0)),
      };
    }
    const last = page.at(-1);
    if (!last || page.length < 5000) return;
    const v = JSON.parse(last.r) as unknown[];
    after = [String(v[16]), String(v[17])];
  }
}

/** Names the APDF sheet prints for codes: commune or arrondissement, EPCI. */
export function apdfNames(geo: GeoResolver): { location(insee: string | null): string | null; epci(code: string | null): string | null } {
  return {
    location: (insee) => (insee === null ? null : geo.name('com', insee) ?? geo.name('country', insee)),
    epci: (code) => (code === null ? null : geo.name('epci', code)),
  };
}
