import type { CampaignTrip } from '../domain/campaigns';
import { parisLocalToUtc } from '../domain/time/paris-time';
import type { SimulatedJourney } from '../domain/campaigns/simulation-summary';
import { countExcluded, exclusionClause } from './review-exclusions';
import type { WorkerConnection } from './worker-connection';

const PAGE_ROWS = 10_000;

/** Read as one JSON array per row, by position (`NULL`: a position kept free so the indexes below stay stable). */
const COLUMNS = [
  't.start_at', 't.distance_m', 't.seats', 't.operator_class', 'NULL', 't.operator_id', 't.operator_journey_id', 't.operator_trip_id',
  't.driver_identity_key', 't.passenger_identity_key', 't.driver_revenue_cents', 't.passenger_contribution_cents',
  't.start_com', 't.start_insee', 't.start_epci', 't.start_aom', 't.start_dep', 't.start_reg', 't.start_country',
  't.end_com', 't.end_insee', 't.end_epci', 't.end_aom', 't.end_dep', 't.end_reg', 't.end_country',
  't.start_lat', 't.start_lon', 't.end_lat', 't.end_lon', 't.id', 't.start_local', 'NULL',
  't.operator_driver_id', 't.operator_passenger_id', 't.journey_id', 't.end_at', 't.duration_s',
];

type Cell = string | number | null;

/** Which journeys a campaign reads: a period of local days (inclusive), with or without flagged and confirmed ones. */
export interface CampaignTripRange {
  from: string;
  to: string;
  /** Keep journeys the registry flagged (fraud_error, anomaly_error, pending). */
  includeFlagged: boolean;
  /** Keep journeys an investigator confirmed as fraud (absent: left out). */
  includeConfirmedFraud?: boolean;
}

/** A stored journey as a campaign sees it (campaigns.md §1.1), with what the simulation summary groups by. */
export interface StoreCampaignTrip {
  trip: CampaignTrip;
  journey: SimulatedJourney;
  /** What an APDF workbook prints besides the trip (registry id, end, duration, operators' user ids, codes). */
  facts: {
    journeyId: string;
    endAt: string | null;
    durationS: number | null;
    operatorName: string;
    operatorDriverId: string | null;
    operatorPassengerId: string | null;
  };
}

/**
 * UTC bounds of local days: the journeys are read in `start_at` order through its index, so the period is
 * filtered on `start_at` too (a filter on `start_local` would make SQLite sort the whole period for every page).
 */
function utcRange(range: { from: string; to: string }): [string, string] {
  const [fy, fm, fd] = range.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = range.to.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(ty, tm - 1, td + 1));
  return [parisLocalToUtc(fy, fm, fd, 0, 0), parisLocalToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0)];
}

const text = (value: Cell | undefined): string | null => (value === null || value === undefined ? null : String(value));
const num = (value: Cell | undefined): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * The journeys of a period (local days, inclusive) in chronological order (UTC start, then natural key: the
 * registry's processing order), mapped to the engine's trip. Journeys the registry flagged (fraud, anomaly) are
 * left out unless `includeFlagged`, as the registry leaves them out of campaigns; so are the journeys an
 * investigator confirmed as fraud unless `includeConfirmedFraud`. Identity falls back to the
 * operator's user id when the extract carries no identity key. Paged JSON arrays: flat memory, fast reads.
 */
export async function* storeCampaignTrips(db: WorkerConnection, range: CampaignTripRange): AsyncGenerator<StoreCampaignTrip> {
  const status = (range.includeFlagged ? '' : " AND (t.status = 'ok' OR t.status IS NULL)") + exclusionClause(range.includeConfirmedFraud);
  const [fromUtc, toUtc] = utcRange(range);
  // Operators are few: looked up here rather than joined on every row.
  const operators = new Map(
    (await db.all<{ id: number; name: string; registry_uuid: string | null }>('SELECT id, name, registry_uuid FROM operators')).map((row) => [row.id, row]),
  );
  // Ties on the start instant are broken by row id: `start_at`'s index already orders them so (no sort per page).
  // `start_at >= ?` first: SQLite seeks the index there instead of scanning every earlier journey for each page.
  const fetchPage = (after: [string, number] | null): Promise<Array<{ r: string }>> => {
    const keyset = after ? ' AND t.start_at >= ? AND (t.start_at > ? OR t.id > ?)' : '';
    return db.all<{ r: string }>(
      `SELECT json_array(${COLUMNS.join(', ')}) AS r FROM trips t
       WHERE t.start_at >= ? AND t.start_at < ?${status}${keyset} ORDER BY t.start_at, t.id LIMIT ${PAGE_ROWS}`,
      [fromUtc, toUtc, ...(after ? [after[0], after[0], after[1]] : [])],
    );
  };
  let next: Promise<Array<{ r: string }>> | null = fetchPage(null);
  try {
    while (next) {
      const page: Array<{ r: string }> = await next;
      const last = page.at(-1);
      // The next page is read by SQLite (in its own thread) while this one is mapped and evaluated.
      if (last && page.length === PAGE_ROWS) {
        const v = JSON.parse(last.r) as Cell[];
        next = fetchPage([String(v[0]), Number(v[30])]);
      } else next = null;
      for (const { r } of page) {
        const v = JSON.parse(r) as Cell[];
        const operatorId = num(v[5]);
        const operator = operatorId === null ? undefined : operators.get(operatorId);
        const driver = text(v[8]) ?? `op${operatorId ?? 0}:${text(v[33]) ?? ''}`;
        const passenger = text(v[9]) ?? `op${operatorId ?? 0}:${text(v[34]) ?? ''}`;
        const place = (offset: number): CampaignTrip['start'] => ({
          com: text(v[offset]), arr: text(v[offset + 1]), epci: text(v[offset + 2]), aom: text(v[offset + 3]), dep: text(v[offset + 4]), reg: text(v[offset + 5]), country: text(v[offset + 6]),
        });
        yield {
          trip: {
            datetime: String(v[0]),
            distance: num(v[1]) ?? 0,
            seats: num(v[2]) ?? 1,
            operator_class: text(v[3]) as CampaignTrip['operator_class'],
            operator_uuid: operator?.registry_uuid ?? null,
            operator_id: operatorId,
            operator_journey_id: text(v[6]),
            operator_trip_id: text(v[7]),
            driver_identity_key: driver,
            passenger_identity_key: passenger,
            // Extracts do not say the passenger's age: unknown, which adult-only campaigns accept.
            passenger_is_over_18: null,
            driver_revenue: num(v[10]),
            passenger_contribution: num(v[11]),
            start: place(12),
            end: place(19),
            start_lat: num(v[26]),
            start_lon: num(v[27]),
            end_lat: num(v[28]),
            end_lon: num(v[29]),
          },
          journey: { day: String(v[31]).slice(0, 10), operator: operator?.name ?? 'Opérateur inconnu', operatorClass: text(v[3]) ?? '?', distanceM: num(v[1]) ?? 0, driver },
          facts: { journeyId: text(v[35]) ?? '', endAt: text(v[36]), durationS: num(v[37]), operatorName: operator?.name ?? '', operatorDriverId: text(v[33]), operatorPassengerId: text(v[34]) },
        };
      }
    }
  } finally {
    // A consumer that stops early (one journey explained) must not leave a read running on a closing connection.
    await next?.catch(() => undefined);
  }
}

/** Journeys of the period (for progress totals). */
export async function countStoreCampaignTrips(db: WorkerConnection, range: CampaignTripRange): Promise<number> {
  const status = (range.includeFlagged ? '' : " AND (t.status = 'ok' OR t.status IS NULL)") + exclusionClause(range.includeConfirmedFraud);
  const [row] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM trips t WHERE t.start_at >= ? AND t.start_at < ?${status}`, utcRange(range));
  return row?.n ?? 0;
}

/** Journeys of the period that confirmed fraud leaves out (0 when included). */
export function countExcludedCampaignTrips(db: WorkerConnection, range: CampaignTripRange): Promise<number> {
  const status = range.includeFlagged ? '' : " AND (t.status = 'ok' OR t.status IS NULL)";
  return countExcluded(db, `t.start_at >= ? AND t.start_at < ?${status}`, utcRange(range), range.includeConfirmedFraud);
}
