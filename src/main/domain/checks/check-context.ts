import type { CheckTrip } from './check-types';
import { CEILING_S } from './overlap';
import type { RouteProvider } from './route-provider';
import { chronologicalOrder } from './chronological-order';
import {
  buildAccountIndex, buildCommuneIndex, buildCoupleIndex, buildIncentiveColumn, buildMeasureColumns, buildPersonIndex, TripDeduper,
  type AccountIndex, type CommuneIndex, type CoupleIndex, type MeasureColumns, type PersonIndex,
} from './context-indexes';
import { HashSlots, stringHash } from './hash-slots';
import { daysFromCivil, digits, secondsParser } from './time-fields';

export type { AccountIndex, CommuneIndex, CoupleIndex, MeasureColumns, PersonIndex, TripDeduper } from './context-indexes';

/** Role of a person in a journey. */
export type Role = 'driver' | 'passenger';

/**
 * A person's journey, packed in one number to keep million-row indexes light: `index * 2 + (passenger ? 1 : 0)`.
 * Decode with `entryIndex` and `entryRole`.
 */
export type PersonEntry = number;

export const entryIndex = (entry: PersonEntry): number => entry >> 1;
export const entryRole = (entry: PersonEntry): Role => ((entry & 1) === 1 ? 'passenger' : 'driver');
/** Whether a packed entry is a passenger side (cheaper than comparing roles as strings in hot loops). */
export const isPassengerEntry = (entry: PersonEntry): boolean => (entry & 1) === 1;

/** `keyedSides` bits: the side carries an identity key (rather than only an operator user id). */
export const DRIVER_KEYED = 1;
export const PASSENGER_KEYED = 2;

/**
 * Everything the checks share, computed once per run in one pass over the journeys: times as numbers, car trips and
 * persons as integers. Indexes (per person, per couple, per operator account, communes) are built on first use, so a
 * run of per-trip checks only pays for the pass.
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
   * start (passengers of one car). Integers, so comparing trips never touches strings. Values are 0..tripCount−1.
   */
  tripKey: Int32Array;
  tripCount: number;
  /** Operator of each journey as a dense number (0..operatorIds.length−1); `operatorIds` maps it back (null kept). */
  operatorNo: Int32Array;
  operatorIds: ReadonlyArray<number | null>;
  /** Person number of the driver and of the passenger (positions in `personNames`), −1 when both ids are missing. */
  driverNo: Int32Array;
  passengerNo: Int32Array;
  /** Person ids by number: the identity key, else `u:<operator>:<operator user id>`; numbered in journey order. */
  personNames: readonly string[];
  /** Per journey, `DRIVER_KEYED | PASSENGER_KEYED` bits: which sides carry an identity key. */
  keyedSides: Uint8Array;
  /** Offline router for T07, when the caller gave one. */
  router: RouteProvider | null;
  /** Every person's journeys, either role, sorted by start then index (person number = position). */
  persons(): PersonIndex;
  /** Number of a person id, −1 when unknown. */
  personNumber(person: string): number;
  /** Every couple (unordered pair of distinct persons) with its journeys sorted by start then index. */
  couples(): CoupleIndex;
  /** Operator accounts (operator, operator user id) of each journey side. */
  accounts(): AccountIndex;
  /** Start and end communes (INSEE codes) as numbers. */
  communes(): CommuneIndex;
  /** Journey indexes by published start, then by index. */
  chronological(): Uint32Array;
  /** RPC incentives of each journey (the three campaign amounts, missing as 0), cents. */
  incentives(): Float64Array;
  /** Declared distance and coordinates as columns, for checks that visit journeys out of order. */
  measures(): MeasureColumns;
  /** Distinct car trips among a run of person entries (one scratch shared by the checks). */
  tripDeduper(): TripDeduper;
}

/** Options of `createCheckContext`. */
export interface ContextOptions {
  router?: RouteProvider | null;
  /** Told how long each lazily built index took (ms), e.g. to report index costs apart from the checks'. */
  onIndexBuilt?: (name: string, ms: number) => void;
}

/** Person id of one side of a journey. */
export function personId(identityKey: string | null, operatorId: number | null, operatorUserId: string | null): string | null {
  if (identityKey) return identityKey;
  if (operatorUserId) return `u:${operatorId ?? ''}:${operatorUserId}`;
  return null;
}

/**
 * Dense numbers for car trips: journeys with an `operator_trip_id` are the same trip when operator and trip id are
 * equal; the others when operator, driver and start are. Open addressing on typed arrays, each slot holding the
 * first journey of a trip and its hash: a million trip ids never become a million-entry Map that the garbage
 * collector must trace, promote and copy as it grows (on large extracts that cost a full collection, close to a
 * second).
 */
class TripNumbering {
  count = 0;
  /** Journeys whose trip id and operator match journey `first`'s. */
  private readonly byId: HashSlots;
  /** Journeys without trip id whose operator, driver and start match journey `first`'s. */
  private readonly byDriverStart: HashSlots;
  /** The previous journey, when it had a trip id: passengers of one car usually follow each other. */
  private previous = -1;

  /** `withTripId`: how many journeys carry a trip id, to size the tables once (no regrowth). */
  constructor(
    private readonly trips: readonly CheckTrip[],
    private readonly tripKey: Int32Array,
    private readonly operatorNo: Int32Array,
    private readonly driverNo: Int32Array,
    private readonly startS: Float64Array,
    withTripId: number,
  ) {
    this.byId = new HashSlots(withTripId, (first, i) =>
      this.operatorNo[first] === this.operatorNo[i] && (this.trips[first] as CheckTrip).operator_trip_id === (this.trips[i] as CheckTrip).operator_trip_id);
    this.byDriverStart = new HashSlots(trips.length - withTripId, (first, i) =>
      this.driverNo[first] === this.driverNo[i] && this.operatorNo[first] === this.operatorNo[i] && sameValue(this.startS[first] as number, this.startS[i] as number));
  }

  /** Trip number of journey i, whose operator, driver and start are already numbered. */
  number(i: number): number {
    const tripId = (this.trips[i] as CheckTrip).operator_trip_id;
    if (tripId) {
      const previous = this.previous;
      this.previous = i;
      if (previous >= 0 && this.operatorNo[previous] === this.operatorNo[i] && (this.trips[previous] as CheckTrip).operator_trip_id === tripId) {
        return this.tripKey[previous] as number;
      }
      return this.find(this.byId, stringHash(tripId, this.operatorNo[i] as number), i);
    }
    this.previous = -1;
    // Without a driver either, the journey is its own trip.
    if ((this.driverNo[i] as number) < 0) return this.count++;
    const start = this.startS[i] as number;
    let hash = Math.imul((this.driverNo[i] as number) ^ 0x9e3779b9, 0x85ebca6b);
    hash = Math.imul(hash ^ (this.operatorNo[i] as number), 0xc2b2ae35);
    hash = Math.imul(hash ^ (start | 0) ^ ((start / 4_294_967_296) | 0), 0x27d4eb2f);
    return this.find(this.byDriverStart, hash ^ (hash >>> 15), i);
  }

  /** The trip of the matching journey already in `slots`, or a new trip starting at journey i. */
  private find(slots: HashSlots, hash: number, i: number): number {
    const first = slots.find(hash, i);
    return first === i ? this.count++ : (this.tripKey[first] as number);
  }
}

/** Equality of two numbers where NaN equals NaN (an unreadable start is one key, as in a Map). */
const sameValue = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/** Builds the shared context of a run: one pass over the journeys, indexes on demand. */
export function createCheckContext(trips: readonly CheckTrip[], options: ContextOptions = {}): CheckContext {
  const n = trips.length;
  const startS = new Float64Array(n);
  const endS = new Float64Array(n);
  const localDay = new Int32Array(n);
  const localMonth = new Int32Array(n);
  const localMinute = new Int32Array(n);
  const tripKey = new Int32Array(n);
  const operatorNo = new Int32Array(n);
  const driverNo = new Int32Array(n);
  const passengerNo = new Int32Array(n);
  const keyedSides = new Uint8Array(n);
  const seconds = secondsParser();

  const operatorIds: Array<number | null> = [];
  const operatorOf = new Map<number | null, number>();
  const personNames: string[] = [];
  const personOf = new Map<string, number>();
  /** Number of a person id, numbering new ones in order of appearance (driver, then passenger, journey by journey). */
  const number = (id: string | null): number => {
    if (id === null) return -1;
    let no = personOf.get(id);
    if (no === undefined) {
      no = personNames.push(id) - 1;
      personOf.set(id, no);
    }
    return no;
  };

  // Three passes rather than one: each keeps its own working set (time strings; person keys and their map; trip
  // ids and their table) in the processor cache. Rereading the rows in order costs far less than the misses.
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
    localDay[i] = daysFromCivil(year, month, digits(local, 8, 10));
    localMinute[i] = digits(local, 11, 13) * 60 + digits(local, 14, 16);
  }
  let withTripId = 0;
  for (let i = 0; i < n; i += 1) {
    const t = trips[i] as CheckTrip;
    let operator = operatorOf.get(t.operator_id);
    if (operator === undefined) {
      operator = operatorIds.push(t.operator_id) - 1;
      operatorOf.set(t.operator_id, operator);
    }
    operatorNo[i] = operator;
    // Identity keys are the usual case: no string is built for them.
    driverNo[i] = number(personId(t.driver_identity_key, t.operator_id, t.operator_driver_id));
    passengerNo[i] = number(personId(t.passenger_identity_key, t.operator_id, t.operator_passenger_id));
    keyedSides[i] = (t.driver_identity_key ? DRIVER_KEYED : 0) | (t.passenger_identity_key ? PASSENGER_KEYED : 0);
    if (t.operator_trip_id) withTripId += 1;
  }
  const tripNumbers = new TripNumbering(trips, tripKey, operatorNo, driverNo, startS, withTripId);
  for (let i = 0; i < n; i += 1) tripKey[i] = tripNumbers.number(i);

  /** Time spent building indexes so far, ms: an index built inside another is counted once, in its own line. */
  let builtMs = 0;
  /** Runs `build` once, telling how long it took (indexes it needed excluded). */
  const lazy = <T>(name: string, build: () => T): (() => T) => {
    let value: T | undefined;
    return () => {
      if (value === undefined) {
        const before = builtMs;
        const started = performance.now();
        value = build();
        const elapsed = performance.now() - started;
        options.onIndexBuilt?.(name, elapsed - (builtMs - before));
        builtMs = before + elapsed;
      }
      return value;
    };
  };
  const context: CheckContext = {
    trips, startS, endS, localDay, localMonth, localMinute, tripKey, tripCount: tripNumbers.count, operatorNo, operatorIds,
    driverNo, passengerNo, personNames, keyedSides, router: options.router ?? null,
    chronological: lazy('chronological', () => chronologicalOrder(startS)),
    persons: lazy('persons', () => buildPersonIndex(context)),
    personNumber: (person) => personOf.get(person) ?? -1,
    couples: lazy('couples', () => buildCoupleIndex(context)),
    accounts: lazy('accounts', () => buildAccountIndex(context)),
    communes: lazy('communes', () => buildCommuneIndex(trips)),
    incentives: lazy('incentives', () => buildIncentiveColumn(trips)),
    measures: lazy('measures', () => buildMeasureColumns(trips)),
    tripDeduper: lazy('tripDeduper', () => new TripDeduper(context)),
  };
  return context;
}
