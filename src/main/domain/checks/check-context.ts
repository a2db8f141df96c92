import type { CheckTrip } from './check-types';
import { CEILING_S } from './overlap';

/** Role of a person in a journey. */
export type Role = 'driver' | 'passenger';

/**
 * A person's journey, packed in one number to keep million-row indexes light: `index * 2 + (passenger ? 1 : 0)`.
 * Decode with `entryIndex` and `entryRole`.
 */
export type PersonEntry = number;

export const entryIndex = (entry: PersonEntry): number => entry >> 1;
export const entryRole = (entry: PersonEntry): Role => ((entry & 1) === 1 ? 'passenger' : 'driver');

/**
 * Everything the checks share, computed once per run: parsed times, trip identities and per-person and per-couple
 * journey lists sorted by start. Indexes are built on first use, so a run of per-trip checks only pays for the times.
 */
export interface CheckContext {
  trips: readonly CheckTrip[];
  /** Published start, Unix seconds. */
  startS: Float64Array;
  /**
   * Published end, Unix seconds; start + declared duration (ceiled to 10 min, like published times) when absent,
   * and at least start + 10 min so that a trip shorter than the ceiling keeps a non-empty interval.
   */
  endS: Float64Array;
  /** Local (Europe/Paris) calendar day of the start, days since 1970-01-01, read from `start_local`. */
  localDay: Int32Array;
  /** Local month of the start, `year * 12 + month − 1`. */
  localMonth: Int32Array;
  /** Local start time, minutes after midnight. */
  localMinute: Int32Array;
  /**
   * Number of the car trip a journey belongs to: same operator and `operator_trip_id`, else same operator, driver and
   * start (passengers of one car). Integers, so comparing trips never touches strings.
   */
  tripKey: Int32Array;
  /** Driver person id (identity key, else `u:<operator>:<user id>`), null when both are missing. */
  driver: Array<string | null>;
  passenger: Array<string | null>;
  /** Every person with their journeys, either role, sorted by start then index; position = person number. */
  persons(): PersonJourneys[];
  /** Position of a person in `persons()`, −1 when unknown. */
  personNumber(person: string): number;
  /** Every couple (unordered pair of distinct persons) with its journeys, sorted by start then index. */
  couples(): Couple[];
}

/** A person's journeys, packed entries sorted by start. */
export interface PersonJourneys {
  person: string;
  entries: Int32Array;
}

/** Two persons who shared journeys, `a < b`, whatever the roles. */
export interface Couple {
  a: string;
  b: string;
  journeys: number[];
}

/** Person id of one side of a journey. */
export function personId(identityKey: string | null, operatorId: number | null, operatorUserId: string | null): string | null {
  if (identityKey) return identityKey;
  if (operatorUserId) return `u:${operatorId ?? ''}:${operatorUserId}`;
  return null;
}

/**
 * Unix seconds of an ISO instant. Published times fall on 10-minute marks, so the same strings come back again and
 * again: a cache saves most of the parsing on large extracts.
 */
function secondsParser(): (iso: string) => number {
  const cache = new Map<string, number>();
  return (iso) => {
    let value = cache.get(iso);
    if (value === undefined) {
      value = Date.parse(iso) / 1000;
      if (cache.size > 500_000) cache.clear();
      cache.set(iso, value);
    }
    return value;
  };
}

/** Digits `from..to` (exclusive) of a string as a number, without allocating a substring. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let k = from; k < to; k += 1) value = value * 10 + (text.charCodeAt(k) - 48);
  return value;
}

/** Builds the shared context of a run. */
export function createCheckContext(trips: readonly CheckTrip[]): CheckContext {
  const n = trips.length;
  const startS = new Float64Array(n);
  const endS = new Float64Array(n);
  const localDay = new Int32Array(n);
  const localMonth = new Int32Array(n);
  const localMinute = new Int32Array(n);
  const seconds = secondsParser();
  const tripKey = new Int32Array(n);
  let tripCount = 0;
  // Nested maps (operator → trip id, or operator → driver → start) rather than one concatenated key per journey.
  const byTripId = new Map<number | null, Map<string, number>>();
  const byDriverStart = new Map<number | null, Map<string, Map<number, number>>>();
  const tripNumber = (t: CheckTrip, driverId: string | null, start: number): number => {
    if (t.operator_trip_id) {
      let ids = byTripId.get(t.operator_id);
      if (!ids) byTripId.set(t.operator_id, (ids = new Map()));
      let no = ids.get(t.operator_trip_id);
      if (no === undefined) ids.set(t.operator_trip_id, (no = tripCount++));
      return no;
    }
    // Without a driver either, the journey is its own trip.
    if (!driverId) return tripCount++;
    let drivers = byDriverStart.get(t.operator_id);
    if (!drivers) byDriverStart.set(t.operator_id, (drivers = new Map()));
    let starts = drivers.get(driverId);
    if (!starts) drivers.set(driverId, (starts = new Map()));
    let no = starts.get(start);
    if (no === undefined) starts.set(start, (no = tripCount++));
    return no;
  };
  const driver: Array<string | null> = new Array<string | null>(n);
  const passenger: Array<string | null> = new Array<string | null>(n);
  for (let i = 0; i < n; i += 1) {
    const t = trips[i] as CheckTrip;
    const start = seconds(t.start_at);
    let end = t.end_at ? seconds(t.end_at) : start + Math.ceil((t.duration_s ?? 0) / CEILING_S) * CEILING_S;
    if (!(end >= start + CEILING_S)) end = start + CEILING_S;
    startS[i] = start;
    endS[i] = end;
    const local = t.start_local;
    const year = digits(local, 0, 4);
    const month = digits(local, 5, 7);
    localMonth[i] = year * 12 + month - 1;
    localDay[i] = Date.UTC(year, month - 1, digits(local, 8, 10)) / 86_400_000;
    localMinute[i] = digits(local, 11, 13) * 60 + digits(local, 14, 16);
    driver[i] = personId(t.driver_identity_key, t.operator_id, t.operator_driver_id);
    passenger[i] = personId(t.passenger_identity_key, t.operator_id, t.operator_passenger_id);
    tripKey[i] = tripNumber(t, driver[i] ?? null, start);
  }
  let order: Uint32Array | null = null;
  /** Journey indexes by start then index: one sort serves both indexes, whose lists then come out sorted. */
  const chronological = (): Uint32Array => {
    if (!order) {
      order = new Uint32Array(n);
      for (let i = 0; i < n; i += 1) order[i] = i;
      order.sort((a, b) => (startS[a] as number) - (startS[b] as number) || a - b);
    }
    return order;
  };
  let numbering: { names: string[]; driverNo: Int32Array; passengerNo: Int32Array; byName: Map<string, number> } | null = null;
  /** Persons numbered 0..m−1 once, so that both indexes work on integers rather than 64-character keys. */
  const numbered = (): NonNullable<typeof numbering> => {
    if (numbering) return numbering;
    const byName = new Map<string, number>();
    const names: string[] = [];
    const number = (id: string | null | undefined): number => {
      if (!id) return -1;
      let no = byName.get(id);
      if (no === undefined) {
        no = names.push(id) - 1;
        byName.set(id, no);
      }
      return no;
    };
    const driverNo = new Int32Array(n);
    const passengerNo = new Int32Array(n);
    for (let i = 0; i < n; i += 1) {
      driverNo[i] = number(driver[i]);
      passengerNo[i] = number(passenger[i]);
    }
    numbering = { names, driverNo, passengerNo, byName };
    return numbering;
  };
  let personIndex: PersonJourneys[] | null = null;
  let coupleIndex: Couple[] | null = null;
  return {
    trips, startS, endS, localDay, localMonth, localMinute, tripKey, driver, passenger,
    persons() {
      if (personIndex) return personIndex;
      const { names, driverNo, passengerNo } = numbered();
      // Counting sort into one packed array: each person's entries are a contiguous, chronological slice.
      const offsets = new Int32Array(names.length + 1);
      for (let i = 0; i < n; i += 1) {
        const d = driverNo[i] as number;
        const p = passengerNo[i] as number;
        if (d >= 0) offsets[d + 1] = (offsets[d + 1] as number) + 1;
        if (p >= 0) offsets[p + 1] = (offsets[p + 1] as number) + 1;
      }
      for (let k = 1; k <= names.length; k += 1) offsets[k] = (offsets[k] as number) + (offsets[k - 1] as number);
      const fill = offsets.slice(0, names.length);
      const packed = new Int32Array(offsets[names.length] as number);
      for (const i of chronological()) {
        const d = driverNo[i] as number;
        const p = passengerNo[i] as number;
        if (d >= 0) {
          packed[fill[d] as number] = i * 2;
          fill[d] = (fill[d] as number) + 1;
        }
        if (p >= 0) {
          packed[fill[p] as number] = i * 2 + 1;
          fill[p] = (fill[p] as number) + 1;
        }
      }
      personIndex = names.map((person, no) => ({ person, entries: packed.subarray(offsets[no], offsets[no + 1]) }));
      return personIndex;
    },
    personNumber(person) {
      return numbered().byName.get(person) ?? -1;
    },
    couples() {
      if (coupleIndex) return coupleIndex;
      const { names, driverNo, passengerNo } = numbered();
      coupleIndex = [];
      // A numeric pair key (smaller number × count + larger) keeps the map on integers.
      const byPair = new Map<number, Couple>();
      for (const i of chronological()) {
        const d = driverNo[i] as number;
        const p = passengerNo[i] as number;
        if (d < 0 || p < 0 || d === p) continue;
        const key = d < p ? d * names.length + p : p * names.length + d;
        const couple = byPair.get(key);
        if (couple) couple.journeys.push(i);
        else {
          const [a, b] = [names[d] as string, names[p] as string].sort() as [string, string];
          const created = { a, b, journeys: [i] };
          byPair.set(key, created);
          coupleIndex.push(created);
        }
      }
      return coupleIndex;
    },
  };
}
