import type { CheckContext } from './check-context';
import type { CheckTrip } from './check-types';

/**
 * Every person's journeys in one packed array (compressed rows): the entries of person `p` are
 * `entries[offsets[p] .. offsets[p + 1])`, each `index * 2 + (passenger ? 1 : 0)`, sorted by start then index.
 * One allocation for all persons instead of one list each.
 */
export interface PersonIndex {
  offsets: Int32Array;
  entries: Int32Array;
}

/**
 * Every couple (two distinct persons who shared a journey, whatever the roles), numbered in order of their first
 * journey. Couple `c` is persons `first[c]` and `second[c]` (person numbers, `first`'s id sorting before
 * `second`'s); its journeys are `journeys[offsets[c] .. offsets[c + 1])`, sorted by start then index.
 */
export interface CoupleIndex {
  count: number;
  first: Int32Array;
  second: Int32Array;
  offsets: Int32Array;
  journeys: Int32Array;
}

/**
 * Operator accounts (operator, operator user id) as dense numbers, numbered in order of appearance (driver side then
 * passenger side, journey by journey). −1 where the side has no user id.
 */
export interface AccountIndex {
  driverAccount: Int32Array;
  passengerAccount: Int32Array;
  /** Operator number (`CheckContext.operatorNo` values) of each account. */
  operatorOf: Int32Array;
  userIds: string[];
}

/** Start and end communes (INSEE codes) as dense numbers, −1 when missing; `codes` maps them back. */
export interface CommuneIndex {
  start: Int32Array;
  end: Int32Array;
  codes: string[];
}

/**
 * Measures of each journey as columns, NaN when missing. Person and group checks visit journeys out of order: reading
 * packed 8-byte values beats reaching into a million scattered row objects.
 */
export interface MeasureColumns {
  /** Declared distance, metres. */
  distanceM: Float64Array;
  /** Published (truncated) coordinates, WGS84 degrees. */
  startLat: Float64Array;
  startLon: Float64Array;
  endLat: Float64Array;
  endLon: Float64Array;
}

/** Counting sort of every journey side into per-person slices, in chronological order. */
export function buildPersonIndex(context: CheckContext): PersonIndex {
  const { driverNo, passengerNo } = context;
  const count = context.personNames.length;
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < driverNo.length; i += 1) {
    const d = driverNo[i] as number;
    const p = passengerNo[i] as number;
    if (d >= 0) offsets[d + 1] = (offsets[d + 1] as number) + 1;
    if (p >= 0) offsets[p + 1] = (offsets[p + 1] as number) + 1;
  }
  for (let k = 1; k <= count; k += 1) offsets[k] = (offsets[k] as number) + (offsets[k - 1] as number);
  const fill = offsets.slice(0, count);
  const entries = new Int32Array(offsets[count] as number);
  for (const i of context.chronological()) {
    const d = driverNo[i] as number;
    const p = passengerNo[i] as number;
    if (d >= 0) {
      entries[fill[d] as number] = i * 2;
      fill[d] = (fill[d] as number) + 1;
    }
    if (p >= 0) {
      entries[fill[p] as number] = i * 2 + 1;
      fill[p] = (fill[p] as number) + 1;
    }
  }
  return { offsets, entries };
}

/** Couples by a numeric pair key (smaller person number × person count + larger), then a counting sort. */
export function buildCoupleIndex(context: CheckContext): CoupleIndex {
  const { driverNo, passengerNo, personNames } = context;
  const persons = personNames.length;
  const order = context.chronological();
  const coupleOf = new Int32Array(driverNo.length).fill(-1);
  const byPair = new Map<number, number>();
  const first: number[] = [];
  const second: number[] = [];
  const sizes: number[] = [];
  for (const i of order) {
    const d = driverNo[i] as number;
    const p = passengerNo[i] as number;
    if (d < 0 || p < 0 || d === p) continue;
    const key = d < p ? d * persons + p : p * persons + d;
    let couple = byPair.get(key);
    if (couple === undefined) {
      couple = sizes.push(0) - 1;
      byPair.set(key, couple);
      const dFirst = (personNames[d] as string) < (personNames[p] as string);
      first.push(dFirst ? d : p);
      second.push(dFirst ? p : d);
    }
    coupleOf[i] = couple;
    sizes[couple] = (sizes[couple] as number) + 1;
  }
  const count = sizes.length;
  const offsets = new Int32Array(count + 1);
  for (let c = 0; c < count; c += 1) offsets[c + 1] = (offsets[c] as number) + (sizes[c] as number);
  const fill = offsets.slice(0, count);
  const journeys = new Int32Array(offsets[count] as number);
  for (const i of order) {
    const couple = coupleOf[i] as number;
    if (couple < 0) continue;
    journeys[fill[couple] as number] = i;
    fill[couple] = (fill[couple] as number) + 1;
  }
  return { count, first: Int32Array.from(first), second: Int32Array.from(second), offsets, journeys };
}

/**
 * Accounts per operator: nested maps operator → user id → number, no composite string per journey side. A person
 * nearly always uses one account: each person's first account is remembered and compared first, so the maps are
 * consulted about once per (person, account) rather than once per journey side.
 */
export function buildAccountIndex(context: CheckContext): AccountIndex {
  const { trips, operatorNo, driverNo, passengerNo } = context;
  const n = trips.length;
  const driverAccount = new Int32Array(n);
  const passengerAccount = new Int32Array(n);
  const operators: number[] = [];
  const userIds: string[] = [];
  const byOperator = new Map<number, Map<string, number>>();
  const firstAccount = new Int32Array(context.personNames.length).fill(-1);
  const account = (person: number, operator: number, userId: string | null): number => {
    if (!userId) return -1;
    const known = person >= 0 ? (firstAccount[person] as number) : -1;
    if (known >= 0 && operators[known] === operator && userIds[known] === userId) return known;
    let users = byOperator.get(operator);
    if (!users) byOperator.set(operator, (users = new Map()));
    let no = users.get(userId);
    if (no === undefined) {
      no = userIds.push(userId) - 1;
      operators.push(operator);
      users.set(userId, no);
    }
    if (person >= 0 && known < 0) firstAccount[person] = no;
    return no;
  };
  for (let i = 0; i < n; i += 1) {
    const t = trips[i] as CheckTrip;
    const operator = operatorNo[i] as number;
    driverAccount[i] = account(driverNo[i] as number, operator, t.operator_driver_id);
    passengerAccount[i] = account(passengerNo[i] as number, operator, t.operator_passenger_id);
  }
  return { driverAccount, passengerAccount, operatorOf: Int32Array.from(operators), userIds };
}

/** INSEE codes of both ends as numbers (an empty code is a code; only null is missing). */
export function buildCommuneIndex(trips: readonly CheckTrip[]): CommuneIndex {
  const n = trips.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const codes: string[] = [];
  const byCode = new Map<string, number>();
  const number = (code: string | null): number => {
    if (code === null || code === undefined) return -1;
    let no = byCode.get(code);
    if (no === undefined) {
      no = codes.push(code) - 1;
      byCode.set(code, no);
    }
    return no;
  };
  for (let i = 0; i < n; i += 1) {
    const t = trips[i] as CheckTrip;
    start[i] = number(t.start_insee);
    end[i] = number(t.end_insee);
  }
  return { start, end, codes };
}

/** RPC incentives per journey, cents: the sum of the three campaign amounts, a missing one counting 0. */
export function buildIncentiveColumn(trips: readonly CheckTrip[]): Float64Array {
  const out = new Float64Array(trips.length);
  for (let i = 0; i < trips.length; i += 1) {
    const t = trips[i] as CheckTrip;
    out[i] = (t.rpc_incentive_0_cents ?? 0) + (t.rpc_incentive_1_cents ?? 0) + (t.rpc_incentive_2_cents ?? 0);
  }
  return out;
}

/** One sequential pass over the rows into `MeasureColumns` (null → NaN). */
export function buildMeasureColumns(trips: readonly CheckTrip[]): MeasureColumns {
  const n = trips.length;
  const columns: MeasureColumns = {
    distanceM: new Float64Array(n), startLat: new Float64Array(n), startLon: new Float64Array(n),
    endLat: new Float64Array(n), endLon: new Float64Array(n),
  };
  for (let i = 0; i < n; i += 1) {
    const t = trips[i] as CheckTrip;
    columns.distanceM[i] = t.distance_m ?? Number.NaN;
    columns.startLat[i] = t.start_lat ?? Number.NaN;
    columns.startLon[i] = t.start_lon ?? Number.NaN;
    columns.endLat[i] = t.end_lat ?? Number.NaN;
    columns.endLon[i] = t.end_lon ?? Number.NaN;
  }
  return columns;
}

/**
 * One entry per car trip (a driver with three passengers made one trip), without a Set per run: a stamp per trip
 * number tells whether the current run already met the trip. Results go to a reused buffer. One per context
 * (`CheckContext.tripDeduper()`), shared by the checks that run one after the other.
 */
export class TripDeduper {
  private readonly stamps: Int32Array;
  private stamp = 0;
  /** First entry of each distinct trip of the last call, in start order: `out[0 .. count)`. */
  out = new Int32Array(64);

  constructor(private readonly context: CheckContext) {
    this.stamps = new Int32Array(context.tripCount);
  }

  /** Distinct car trips among `entries[from .. to)`; fills `out` and returns their number. */
  distinct(entries: Int32Array, from: number, to: number): number {
    const { tripKey } = this.context;
    this.stamp += 1;
    if (this.out.length < to - from) this.out = new Int32Array(Math.max(to - from, this.out.length * 2));
    let count = 0;
    for (let k = from; k < to; k += 1) {
      const entry = entries[k] as number;
      const trip = tripKey[entry >> 1] as number; // entry → journey index
      if (this.stamps[trip] === this.stamp) continue;
      this.stamps[trip] = this.stamp;
      this.out[count] = entry;
      count += 1;
    }
    return count;
  }
}
