import type { CheckContext, CommuneIndex, MeasureColumns } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckParameters } from './check-parameters';
import type { CheckFlag } from './check-types';
import { keysOf } from './flag-helpers';
import { sameCell } from './geometry';

/** The cars of a candidate group: one per car trip, each with a driver and passengers not seen in another car. */
interface Cars {
  drivers: number[];
  passengers: number[];
  trips: number[];
  /** Journeys of the cars counted, in order. */
  journeys: number[];
}

/**
 * Counts separate cars among `members` (a group's journeys): another passenger of a car already counted joins it; a
 * journey whose driver is already in the group, or whose passenger rides in another car of the group, does not add a
 * car (one person in two cars at once is H02's finding, not a group of distinct declarations); nor does one without
 * a known driver.
 */
function countCars(context: CheckContext, members: readonly number[]): Cars {
  const cars: Cars = { drivers: [], passengers: [], trips: [], journeys: [] };
  for (const i of members) {
    const trip = context.tripKey[i] as number;
    const driver = context.driverNo[i] as number;
    const passenger = context.passengerNo[i] as number;
    if (cars.trips.includes(trip)) {
      if (passenger >= 0 && !cars.passengers.includes(passenger)) cars.passengers.push(passenger);
      cars.journeys.push(i);
      continue;
    }
    if (driver < 0 || cars.drivers.includes(driver) || (passenger >= 0 && cars.passengers.includes(passenger))) continue;
    cars.trips.push(trip);
    cars.drivers.push(driver);
    if (passenger >= 0) cars.passengers.push(passenger);
    cars.journeys.push(i);
  }
  return cars;
}

/**
 * Groups of one start slot at a time. Journeys of a slot are sorted by origin, destination and distance; each group
 * is anchored on its shortest journey and takes the later ones within the distance tolerance that are co-located
 * with it (same start cell and same end cell, ± tolerance). Built once per run: columns at hand, one comparator, reused
 * lists (every placed journey of a busy slot is tried as an anchor).
 */
class SlotGroups {
  private readonly communes: CommuneIndex;
  private readonly measures: MeasureColumns;
  private readonly byPlaceThenDistance: (i: number, j: number) => number;
  private readonly members: number[] = [];
  private readonly positions: number[] = [];

  constructor(private readonly context: CheckContext, private readonly p: CheckParameters['G07'], private readonly id: string) {
    this.communes = context.communes();
    this.measures = context.measures();
    const { start, end } = this.communes;
    const { distanceM } = this.measures;
    this.byPlaceThenDistance = (i, j) =>
      (start[i] as number) - (start[j] as number) || (end[i] as number) - (end[j] as number) || (distanceM[i] as number) - (distanceM[j] as number) || i - j;
  }

  /** Whether a journey can belong to a group: both communes, a declared distance and all four coordinates. */
  placed(i: number): boolean {
    const { start, end, codes } = this.communes;
    const { distanceM, startLat, startLon, endLat, endLon } = this.measures;
    const from = start[i] as number;
    const to = end[i] as number;
    return from >= 0 && to >= 0 && codes[from] !== '' && codes[to] !== '' && !Number.isNaN(distanceM[i] as number)
      && !Number.isNaN(startLat[i] as number) && !Number.isNaN(startLon[i] as number) && !Number.isNaN(endLat[i] as number) && !Number.isNaN(endLon[i] as number);
  }

  /** Whether two placed journeys start in the same truncation cell and end in the same one (± `cellTolerance`). */
  private coLocated(i: number, j: number): boolean {
    const { startLat, startLon, endLat, endLon } = this.measures;
    const tolerance = this.p.cellTolerance;
    return sameCell(startLat[i] as number, startLon[i] as number, startLat[j] as number, startLon[j] as number, tolerance)
      && sameCell(endLat[i] as number, endLon[i] as number, endLat[j] as number, endLon[j] as number, tolerance);
  }

  /** Adds to `flags` the groups of one slot (`slot`: its placed journeys, reordered here). */
  find(slot: number[], flags: CheckFlag[]): void {
    const { context, p, members, positions } = this;
    const { start, end } = this.communes;
    const { distanceM } = this.measures;
    slot.sort(this.byPlaceThenDistance);
    let used: Uint8Array | null = null;
    for (let next = 0; next < slot.length;) {
      const from = next;
      const first = slot[from] as number;
      let to = from + 1;
      while (to < slot.length && start[slot[to] as number] === start[first] && end[slot[to] as number] === end[first]) to += 1;
      next = to;
      if (to - from < p.minDrivers) continue;
      for (let a = from; a < to; a += 1) {
        if (used?.[a]) continue;
        const anchor = slot[a] as number;
        members.length = 0;
        positions.length = 0;
        members.push(anchor);
        positions.push(a);
        for (let b = a + 1; b < to && (distanceM[slot[b] as number] as number) - (distanceM[anchor] as number) <= p.distanceToleranceM; b += 1) {
          if (!used?.[b] && this.coLocated(anchor, slot[b] as number)) {
            members.push(slot[b] as number);
            positions.push(b);
          }
        }
        if (members.length < p.minDrivers) continue;
        const cars = countCars(context, members);
        if (cars.drivers.length < p.minDrivers) continue;
        used ??= new Uint8Array(slot.length);
        for (const position of positions) used[position] = 1;
        flags.push(this.flag(anchor, cars));
      }
    }
  }

  private flag(anchor: number, cars: Cars): CheckFlag {
    const { context, p } = this;
    const { start, end, codes } = this.communes;
    const distances = cars.journeys.map((i) => this.measures.distanceM[i] as number);
    const names = [...cars.drivers, ...cars.passengers].map((no) => context.personNames[no] as string);
    return {
      checkId: this.id, severity: 'warning', journeyKeys: keysOf(context, cars.journeys), persons: [...new Set(names)],
      evidence: {
        startInsee: codes[start[anchor] as number] ?? '', endInsee: codes[end[anchor] as number] ?? '', startAt: context.trips[anchor]?.start_at ?? '',
        drivers: cars.drivers.length, passengers: cars.passengers.length, journeys: cars.journeys.length,
        operators: [...new Set(cars.journeys.map((i) => String(context.trips[i]?.operator_id ?? '')))],
        distanceSpreadM: Math.max(...distances) - Math.min(...distances),
        minDrivers: p.minDrivers, distanceToleranceM: p.distanceToleranceM, cellTolerance: p.cellTolerance,
      },
    };
  }
}

/**
 * G07: several separate cars declaring one journey — same 10-minute start, same start and end communes, same start
 * and end coordinate cells (± 1), distances within 50 m — with drivers and passengers all different: one car
 * declared several times (several accounts or apps). Commuters who merely share communes and a slot start from
 * their own streets, hence other cells, and are left out (docs/checks.md).
 */
export const simultaneousGroup = defineCheck({
  code: 'G07', version: 2, family: 'graph', severity: 'warning',
  label: 'Groupe simultané',
  description: 'Au moins 3 voitures (conducteurs et passagers tous différents) partant au même créneau de 10 min, du même point vers le même point (même maille de coordonnées, à une maille près, mêmes communes), à 50 m de distance déclarée près : une même voiture déclarée plusieurs fois.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    const { startS } = context;
    const order = context.chronological();
    const groups = new SlotGroups(context, p, id);
    const slot: number[] = [];
    // The chronological order already groups journeys by published start: each run of equal starts is one slot.
    for (let next = 0; next < order.length;) {
      const k = next;
      const start = startS[order[k] as number];
      let end = k + 1;
      while (end < order.length && startS[order[end] as number] === start) end += 1;
      next = end;
      if (end - k < p.minDrivers) continue;
      slot.length = 0;
      for (let m = k; m < end; m += 1) if (groups.placed(order[m] as number)) slot.push(order[m] as number);
      if (slot.length >= p.minDrivers) groups.find(slot, flags);
    }
    return flags;
  },
});
