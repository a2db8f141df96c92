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
  /** The car trip a journey belongs to: `operator_trip_id`, else operator + driver + start (passengers of one car). */
  tripKey: string[];
  /** Driver person id (identity key, else `u:<operator>:<user id>`), null when both are missing. */
  driver: Array<string | null>;
  passenger: Array<string | null>;
  /** Journeys of each person, either role, sorted by start then index. */
  persons(): Map<string, PersonEntry[]>;
  /** Journeys of each couple (unordered pair of persons, key `a|b` with a < b), sorted by start then index. */
  couples(): Map<string, number[]>;
}

/** Person id of one side of a journey. */
export function personId(identityKey: string | null, operatorId: number | null, operatorUserId: string | null): string | null {
  if (identityKey) return identityKey;
  if (operatorUserId) return `u:${operatorId ?? ''}:${operatorUserId}`;
  return null;
}

/** Builds the shared context of a run. */
export function createCheckContext(trips: readonly CheckTrip[]): CheckContext {
  const n = trips.length;
  const startS = new Float64Array(n);
  const endS = new Float64Array(n);
  const tripKey: string[] = new Array<string>(n);
  const driver: Array<string | null> = new Array<string | null>(n);
  const passenger: Array<string | null> = new Array<string | null>(n);
  for (let i = 0; i < n; i += 1) {
    const t = trips[i] as CheckTrip;
    const start = Date.parse(t.start_at) / 1000;
    let end = t.end_at ? Date.parse(t.end_at) / 1000 : start + Math.ceil((t.duration_s ?? 0) / CEILING_S) * CEILING_S;
    if (!(end >= start + CEILING_S)) end = start + CEILING_S;
    startS[i] = start;
    endS[i] = end;
    driver[i] = personId(t.driver_identity_key, t.operator_id, t.operator_driver_id);
    passenger[i] = personId(t.passenger_identity_key, t.operator_id, t.operator_passenger_id);
    tripKey[i] = t.operator_trip_id ? `${t.operator_id ?? ''}#${t.operator_trip_id}` : `${t.operator_id ?? ''}@${driver[i] ?? t.natural_key}@${t.start_at}`;
  }
  const byStart = (a: number, b: number): number => (startS[a >> 1] as number) - (startS[b >> 1] as number) || a - b;
  let personIndex: Map<string, PersonEntry[]> | null = null;
  let coupleIndex: Map<string, number[]> | null = null;
  return {
    trips, startS, endS, tripKey, driver, passenger,
    persons() {
      if (personIndex) return personIndex;
      personIndex = new Map();
      for (let i = 0; i < n; i += 1) {
        for (const [id, entry] of [[driver[i], i * 2], [passenger[i], i * 2 + 1]] as const) {
          if (id === null || id === undefined) continue;
          const list = personIndex.get(id);
          if (list) list.push(entry);
          else personIndex.set(id, [entry]);
        }
      }
      for (const list of personIndex.values()) list.sort(byStart);
      return personIndex;
    },
    couples() {
      if (coupleIndex) return coupleIndex;
      coupleIndex = new Map();
      for (let i = 0; i < n; i += 1) {
        const d = driver[i];
        const p = passenger[i];
        if (!d || !p || d === p) continue;
        const key = d < p ? `${d}|${p}` : `${p}|${d}`;
        const list = coupleIndex.get(key);
        if (list) list.push(i);
        else coupleIndex.set(key, [i]);
      }
      for (const list of coupleIndex.values()) list.sort((a, b) => (startS[a] as number) - (startS[b] as number) || a - b);
      return coupleIndex;
    },
  };
}
