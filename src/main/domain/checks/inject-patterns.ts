import { demoJourneyId } from '../demo/generate-demo-trips';
import { SeededRandom } from '../demo/random';
import { calendarDays, formatLocal, parisLocalToUtc } from '../time/paris-time';
import { naturalKey, type TripRow } from '../trips/trip-row';
import { coupleTooClose, crossOperatorDuplicate } from './couple-checks';
import { starDriver } from './exclusive-ties-checks';
import { haversineMetres } from './geometry';
import { roboticRegularity, roleSwitching, tripsPerDay, volumeEarnings } from './person-activity-checks';
import { selfOverlap, teleport } from './person-overlap-checks';
import { simultaneousGroup } from './simultaneous-group-check';
import { closedRing, roleSwapPair } from './role-swap-checks';
import { selfCarpool, speed } from './trip-checks';

/** Suspicious patterns `injectPatterns` can add. */
export type PatternName = 'selfCarpool' | 'overlap' | 'crossOperatorDuplicate' | 'roleSwapRing' | 'impossibleSpeed' | 'teleport' | 'robotic' | 'simultaneousGroup';

/** Added last, a pattern leaves the journeys of the earlier ones unchanged for a given seed. */
export const PATTERN_NAMES: readonly PatternName[] = ['selfCarpool', 'overlap', 'crossOperatorDuplicate', 'roleSwapRing', 'impossibleSpeed', 'teleport', 'robotic', 'simultaneousGroup'];

export interface InjectOptions {
  seed: number;
  /**
   * The first registry journey id free after the journeys the patterns join (for generated ones,
   * `demoJourneyId(seed, journeys + 1)`): injected journeys take the ids that follow, in the order of their start.
   */
  firstJourneyId: number;
  /** Instances of each pattern (default 10). */
  perPattern?: number;
  /** Patterns to add (all by default). */
  patterns?: readonly PatternName[];
}

export interface InjectedData {
  /** The base journeys followed by the injected ones. */
  trips: TripRow[];
  /** Expected versioned check ids of each injected journey, by natural key (base journeys are unlabelled). */
  labels: Record<string, string[]>;
}

/** What each pattern must raise on every journey it adds. */
const EXPECTED: Record<PatternName, string[]> = {
  selfCarpool: [selfCarpool.id],
  // The overlapping person drives then rides the same day: a role flip (information) too.
  overlap: [selfOverlap.id, roleSwitching.id],
  // The couple is on two cars at once: a self-overlap of both persons and a too-close couple as well.
  crossOperatorDuplicate: [crossOperatorDuplicate.id, coupleTooClose.id, selfOverlap.id],
  // Three persons driving each other six times a day: 4 trips a day each, role flips, same-day swaps.
  roleSwapRing: [roleSwapPair.id, closedRing.id, roleSwitching.id, tripsPerDay.id, volumeEarnings.id],
  impossibleSpeed: [speed.id],
  teleport: [teleport.id],
  // A new passenger every day who never travels again: the fed accounts of a star driver as well.
  robotic: [roboticRegularity.id, starDriver.id],
  // One car declared by 3 or 4 drivers (accounts or apps), each with a passenger of their own.
  simultaneousGroup: [simultaneousGroup.id],
};

/** Minutes after midnight of a published local time. */
const minutesOf = (local: string): number => Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));

/**
 * Adds labelled suspicious journeys to generated ones, to measure precision and recall of the checks. Pure and
 * seeded. Each instance uses fresh persons and copies the geography of a base journey (20–50 km, daytime, with
 * coordinates), so it does not disturb the base data; copies get status `ok` so inherited traits raise nothing.
 * Nothing in an injected journey tells it apart from a generated one but its behaviour: its ids have the generated
 * ones' shapes (a registry journey id, hexadecimal operator journey and trip ids, some trips without id) and follow
 * one another in the order of the journeys' starts, as the generator's do; the answer is in `labels` only (stored
 * apart, in `demo_labels`). The ids come from a random stream of their own: a seed gives the same patterns as before.
 */
export function injectPatterns(base: readonly TripRow[], options: InjectOptions): InjectedData {
  const random = new SeededRandom(options.seed);
  const templates = base.filter((t) => t.distance_m !== null && t.distance_m >= 20_000 && t.distance_m <= 50_000 && t.start_lat !== null
    && t.end_lat !== null && t.start_lon !== null && t.end_lon !== null && minutesOf(t.start_local) >= 6 * 60 && minutesOf(t.start_local) <= 17 * 60);
  if (templates.length === 0) throw new Error('injectPatterns: no base journey of 20–50 km with coordinates to copy');
  const operators = [...new Set(base.map((t) => t.operator_id).filter((o): o is number => o !== null))];
  const trips = [...base];
  const added: Array<{ row: TripRow; pattern: PatternName }> = [];
  const ids = new SeededRandom(options.seed ^ 0x1d5eed);
  /** A template with its distance moved by up to 400 m, so copies of one template are not one journey (see G07). */
  const pick = (): TripRow => {
    const t = templates[random.int(0, templates.length - 1)] as TripRow;
    return { ...t, distance_m: (t.distance_m ?? 0) + random.int(-400, 400) };
  };
  /** Off-peak slot (10:00–14:50): copies then rarely meet base journeys at the same minute (see G07). */
  const slot = (): number => 10 * 60 + 10 * random.int(0, 29);
  const person = (): { key: string; user: string } => ({ key: random.hex(64), user: random.hex(12) });

  /** A copy of `template` on `day` (YYYY-MM-DD) at `minutes`, lasting `durationS`, between two persons. */
  const journey = (pattern: PatternName, template: TripRow, day: string, minutes: number, durationS: number,
    driver: { key: string; user: string }, passenger: { key: string; user: string }, operatorId = template.operator_id): TripRow => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const endMinutes = minutes + Math.ceil(durationS / 600) * 10;
    // The journey id (and natural key) is given once every journey is added, in the order of the starts.
    const row: TripRow = {
      ...template,
      natural_key: '', journey_id: null, operator_id: operatorId,
      operator_journey_id: ids.hex(32), operator_trip_id: ids.next() < 0.2 ? null : ids.hex(32), status: 'ok',
      start_at: parisLocalToUtc(y, m, d, Math.floor(minutes / 60), minutes % 60),
      end_at: parisLocalToUtc(y, m, d, Math.floor(endMinutes / 60), endMinutes % 60),
      start_local: formatLocal(y, m, d, minutes), end_local: formatLocal(y, m, d, endMinutes), duration_s: durationS,
      driver_identity_key: driver.key, operator_driver_id: driver.user, passenger_identity_key: passenger.key, operator_passenger_id: passenger.user,
    };
    trips.push(row);
    added.push({ row, pattern });
    return row;
  };
  /** The same journey the other way round (for rings). */
  const reversed = (t: TripRow): TripRow => ({
    ...t, start_lat: t.end_lat, start_lon: t.end_lon, end_lat: t.start_lat, end_lon: t.start_lon,
    start_insee: t.end_insee, end_insee: t.start_insee, start_com: t.end_com, end_com: t.start_com,
  });
  const dayOf = (t: TripRow): string => t.start_local.slice(0, 10);

  const builders: Record<PatternName, () => void> = {
    selfCarpool() {
      const t = pick();
      const x = person();
      journey('selfCarpool', t, dayOf(t), slot(), t.duration_s ?? 1800, x, x);
    },
    overlap() {
      const t = pick();
      const [x, y, z] = [person(), person(), person()];
      const at = slot();
      journey('overlap', t, dayOf(t), at, 2400, x, y);
      journey('overlap', t, dayOf(t), at + 10, 2400, z, x);
    },
    crossOperatorDuplicate() {
      const t = pick();
      const [a, b] = [person(), person()];
      const other = operators.find((o) => o !== t.operator_id) ?? (t.operator_id ?? 0) + 1;
      const at = slot();
      journey('crossOperatorDuplicate', t, dayOf(t), at, 2400, a, b);
      journey('crossOperatorDuplicate', t, dayOf(t), at, 2400, a, b, other);
    },
    roleSwapRing() {
      const t = pick();
      const [a, b, c] = [person(), person(), person()];
      const offset = 10 * random.int(0, 11);
      const schedule: Array<[number, { key: string; user: string }, { key: string; user: string }]> = [
        [7 * 60, a, b], [9 * 60, b, c], [11 * 60, c, a], [14 * 60, b, a], [16 * 60, c, b], [18 * 60, a, c],
      ];
      for (const [year, month, day] of calendarDays(dayOf(t), 8)) {
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        schedule.forEach(([at, driver, passenger], k) => journey('roleSwapRing', k % 2 === 0 ? t : reversed(t), date, at + offset, 2400, driver, passenger));
      }
    },
    impossibleSpeed() {
      const t = pick();
      const durationS = Math.round(((t.distance_m ?? 20_000) / 200) * 3.6);
      journey('impossibleSpeed', t, dayOf(t), slot(), durationS, person(), person());
    },
    teleport() {
      const first = pick();
      // The second car leaves when the first arrives: 30 km in at most 10 min (the ceiling slack) is 180 km/h.
      const far = templates.filter((o) => haversineMetres(first.end_lat as number, first.end_lon as number, o.start_lat as number, o.start_lon as number) > 30_000);
      if (far.length === 0) return;
      const second = far[random.int(0, far.length - 1)] as TripRow;
      const x = person();
      const at = slot();
      journey('teleport', first, dayOf(first), at, 2400, x, person());
      journey('teleport', second, dayOf(first), at + 40, 2400, x, person());
    },
    robotic() {
      const t = pick();
      const x = person();
      const firstOfMonth = `${t.start_local.slice(0, 7)}-01`;
      const at = slot();
      for (const [year, month, day, weekday] of calendarDays(firstOfMonth, 28)) {
        if (weekday === 0 || weekday === 6) continue;
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        journey('robotic', t, date, at, 2400, x, person());
      }
    },
    simultaneousGroup() {
      const t = pick();
      const at = slot();
      const cars = random.int(3, 4);
      for (let k = 0; k < cars; k += 1) {
        // Same points, same slot, distances within ±20 m; the cars spread over the operators (several apps).
        const copy = { ...t, distance_m: (t.distance_m ?? 0) + random.int(-20, 20) };
        journey('simultaneousGroup', copy, dayOf(t), at, 2400, person(), person(), operators[k % operators.length] ?? t.operator_id);
      }
    },
  };
  for (const pattern of options.patterns ?? PATTERN_NAMES) {
    for (let n = 0; n < (options.perPattern ?? 10); n += 1) builders[pattern]();
  }
  const labels: Record<string, string[]> = {};
  const chronological = added.map((entry, index) => ({ ...entry, index })).sort((a, b) => a.row.start_at.localeCompare(b.row.start_at) || a.index - b.index);
  chronological.forEach(({ row, pattern }, rank) => {
    row.journey_id = options.firstJourneyId + rank;
    row.natural_key = naturalKey(row.journey_id, row.operator_id, null);
    labels[row.natural_key] = EXPECTED[pattern];
  });
  return { trips, labels };
}

/** Generated journeys with injected ones among them (`interleavePatterns`), and the labels of the injected ones. */
export interface InterleavedData {
  /** Every journey once, in the order of their starts, numbered in that order. */
  trips: Generator<TripRow>;
  /** Expected check ids of each injected journey by its final natural key: complete once `trips` is consumed. */
  labels: Record<string, string[]>;
}

/**
 * Generated journeys (in the order of their starts, as `generateDemoTrips` yields them) with the injected ones
 * (`injectPatterns`: the journeys it added and their labels) slipped in by their start, and every journey numbered
 * in that order (`demoJourneyId(seed, n)`), as the registry numbers journeys as they arrive. Injected journeys then
 * take ids among those of the journeys of their day, not a block after them that would single them out.
 */
export function interleavePatterns(generated: Iterable<TripRow>, injected: Pick<InjectedData, 'labels'> & { added: readonly TripRow[] }, seed: number): InterleavedData {
  const labels: Record<string, string[]> = {};
  const pending = [...injected.added].sort((a, b) => a.start_at.localeCompare(b.start_at));
  function* trips(): Generator<TripRow> {
    let n = 0;
    let next = 0;
    const numbered = (row: TripRow): TripRow => {
      n += 1;
      return { ...row, journey_id: demoJourneyId(seed, n), natural_key: naturalKey(demoJourneyId(seed, n), row.operator_id, null) };
    };
    const injectedOne = (row: TripRow): TripRow => {
      const out = numbered(row);
      labels[out.natural_key] = injected.labels[row.natural_key] ?? [];
      return out;
    };
    for (const row of generated) {
      for (; next < pending.length && (pending[next] as TripRow).start_at < row.start_at; next += 1) yield injectedOne(pending[next] as TripRow);
      yield numbered(row);
    }
    for (; next < pending.length; next += 1) yield injectedOne(pending[next] as TripRow);
  }
  return { trips: trips(), labels };
}
