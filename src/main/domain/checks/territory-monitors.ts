import type { CheckContext } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckParameters } from './check-parameters';
import type { CheckFlag, CheckTrip, EvidenceValue } from './check-types';
import { isNightHour, round2 } from './flag-helpers';
import { daysFromCivil } from './time-fields';

/*
 * G08: the registry's territory monitors (fraud-checks.md §3 and §7 G08) as `info` flags on aggregates, not on
 * journeys: a commune-month (start commune, Paris month) or an operator-month. They name no journey and no person;
 * the evidence gives the place, the month, the measured values and the thresholds.
 */

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;
const monthText = (month: number): string => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;

/** A monitor's flag: no journey, no person. */
const monitorFlag = (id: string, evidence: Record<string, EvidenceValue>): CheckFlag => ({ checkId: id, severity: 'info', journeyKeys: [], persons: [], evidence });

/**
 * Journeys grouped by start commune and local month (compressed rows, like the person index): bucket
 * `commune × months + (month − firstMonth)` holds `members[offsets[b] .. offsets[b + 1])`. What only needs sums is
 * summed per bucket in the same sequential pass over the rows (night journeys, passenger kilometres).
 */
interface CommuneMonths {
  firstMonth: number;
  months: number;
  offsets: Int32Array;
  members: Int32Array;
  /** Journeys starting at night, per bucket. */
  night: Int32Array;
  /** Passenger metres (declared distance × seats, at least one seat; unknown distance as 0), per bucket. */
  passengerM: Float64Array;
}

function communeMonths(context: CheckContext, p: CheckParameters['G08']): CommuneMonths | null {
  const { start, codes } = context.communes();
  const { localMonth } = context;
  const n = localMonth.length;
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (let i = 0; i < n; i += 1) {
    const month = localMonth[i] as number;
    if (month < firstMonth) firstMonth = month;
    if (month > lastMonth) lastMonth = month;
  }
  if (n === 0) return null;
  const months = lastMonth - firstMonth + 1;
  // An empty INSEE code is no commune.
  const bucketOf = (i: number): number => {
    const commune = start[i] as number;
    return commune < 0 || codes[commune] === '' ? -1 : commune * months + (localMonth[i] as number) - firstMonth;
  };
  const buckets = codes.length * months;
  const offsets = new Int32Array(buckets + 1);
  const night = new Int32Array(buckets);
  const passengerM = new Float64Array(buckets);
  for (let i = 0; i < n; i += 1) {
    const bucket = bucketOf(i);
    if (bucket < 0) continue;
    offsets[bucket + 1] = (offsets[bucket + 1] as number) + 1;
    if (isNightHour(Math.floor((context.localMinute[i] as number) / 60), p.nightStartHour, p.nightEndHour)) night[bucket] = (night[bucket] as number) + 1;
    const t = context.trips[i] as CheckTrip;
    // Unknown or non-positive distances count for nothing; unknown seats for one.
    if (t.distance_m !== null && t.distance_m > 0) passengerM[bucket] = (passengerM[bucket] as number) + t.distance_m * Math.max(1, t.seats ?? 1);
  }
  for (let b = 1; b < offsets.length; b += 1) offsets[b] = (offsets[b] as number) + (offsets[b - 1] as number);
  const fill = offsets.slice(0, offsets.length - 1);
  const members = new Int32Array(offsets[offsets.length - 1] as number);
  for (let i = 0; i < n; i += 1) {
    const bucket = bucketOf(i);
    if (bucket < 0) continue;
    members[fill[bucket] as number] = i;
    fill[bucket] = (fill[bucket] as number) + 1;
  }
  return { firstMonth, months, offsets, members, night, passengerM };
}

/**
 * First month that the extract covers completely: the first month of the data when its first journey is on the 1st,
 * else the next one (a month starting mid-way would understate the reference of the growth monitor).
 */
function firstCompleteMonth(context: CheckContext, firstMonth: number): number {
  let firstDay = Infinity;
  for (const day of context.localDay) if (day < firstDay) firstDay = day;
  return firstDay <= daysFromCivil(Math.floor(firstMonth / 12), (firstMonth % 12) + 1, 1) ? firstMonth : firstMonth + 1;
}

/** Car trips of a bucket and their kilometres: a car counts once, for its longest journey (the driver's leg). */
class CarKilometres {
  private readonly stamps: Int32Array;
  private readonly longest: Float64Array;
  private stamp = 0;

  constructor(private readonly context: CheckContext) {
    this.stamps = new Int32Array(context.tripCount);
    this.longest = new Float64Array(context.tripCount);
  }

  /** Car trips and driver metres of `members[from .. to)`. */
  measure(members: Int32Array, from: number, to: number): { carTrips: number; driverM: number } {
    const { tripKey } = this.context;
    const { distanceM } = this.context.measures();
    this.stamp += 2;
    const seen = this.stamp - 1;
    let carTrips = 0;
    for (let k = from; k < to; k += 1) {
      const i = members[k] as number;
      const trip = tripKey[i] as number;
      const distance = (distanceM[i] as number) > 0 ? (distanceM[i] as number) : 0;
      if (this.stamps[trip] !== seen) {
        this.stamps[trip] = seen;
        this.longest[trip] = distance;
        carTrips += 1;
      } else if (distance > (this.longest[trip] as number)) this.longest[trip] = distance;
    }
    let driverM = 0;
    for (let k = from; k < to; k += 1) {
      const trip = tripKey[members[k] as number] as number;
      if (this.stamps[trip] === this.stamp) continue;
      this.stamps[trip] = this.stamp;
      driverM += this.longest[trip] as number;
    }
    return { carTrips, driverM };
  }
}

/** Commune-month monitors: growth, filling rate, night share. */
function communeFlags(context: CheckContext, p: CheckParameters['G08'], id: string, flags: CheckFlag[]): void {
  const grouped = communeMonths(context, p);
  if (!grouped) return;
  const { firstMonth, months, offsets, members, night: nightOf, passengerM: passengerOf } = grouped;
  const { codes } = context.communes();
  const complete = firstCompleteMonth(context, firstMonth) - firstMonth;
  const referenceMonths = Math.max(1, Math.round(p.growthReferenceMonths));
  const cars = new CarKilometres(context);
  const count = (commune: number, m: number): number => (offsets[commune * months + m + 1] as number) - (offsets[commune * months + m] as number);
  // Communes in code order, months in order: the flags read like a table.
  const communes = codes.map((_, c) => c).filter((c) => codes[c] !== '').sort((a, b) => ((codes[a] as string) < (codes[b] as string) ? -1 : 1));
  for (const commune of communes) {
    for (let m = 0; m < months; m += 1) {
      const journeys = count(commune, m);
      if (journeys === 0) continue;
      const place = { startInsee: codes[commune] as string, month: monthText(firstMonth + m) };
      // Only months whose reference months all lie in the extract (absent months there are true zeros).
      if (m - referenceMonths >= complete && journeys > p.growthMinJourneys) {
        let reference = 0;
        for (let r = 1; r <= referenceMonths; r += 1) reference += count(commune, m - r);
        reference /= referenceMonths;
        if (journeys > reference * (1 + p.growthPercent / 100)) {
          flags.push(monitorFlag(id, {
            monitor: 'commune_growth', ...place, journeys, previousMonthsMean: round2(reference),
            ...(reference > 0 ? { growthPercent: Math.round((journeys / reference - 1) * 100) } : {}),
            growthMinJourneys: p.growthMinJourneys, growthThresholdPercent: p.growthPercent, referenceMonths,
          }));
        }
      }
      const bucket = commune * months + m;
      if (journeys > p.occupancyMinCarTrips) {
        const { carTrips, driverM } = cars.measure(members, offsets[bucket] as number, offsets[bucket + 1] as number);
        const passengerM = passengerOf[bucket] as number;
        const occupancy = driverM > 0 ? (passengerM + driverM) / driverM : 0;
        if (carTrips > p.occupancyMinCarTrips && occupancy > p.maxOccupancy) {
          flags.push(monitorFlag(id, {
            monitor: 'filling_rate', ...place, occupancy: round2(occupancy), passengersPerCarTrip: round2(journeys / carTrips), carTrips, journeys,
            maxOccupancy: p.maxOccupancy, occupancyMinCarTrips: p.occupancyMinCarTrips,
          }));
        }
      }
      const night = nightOf[bucket] as number;
      if (journeys > p.nightMinJourneys && night / journeys > p.nightRatio) {
        flags.push(monitorFlag(id, {
          monitor: 'night_share', ...place, nightShare: round2(night / journeys), nightJourneys: night, journeys,
          nightRatio: p.nightRatio, nightMinJourneys: p.nightMinJourneys, nightStartHour: p.nightStartHour, nightEndHour: p.nightEndHour,
        }));
      }
    }
  }
}

/**
 * Operator-month monitor: an operator's share of `fraud_error`/`anomaly_error` journeys against the rest of the
 * territory that month, p, plus `statusSigmas` × σ, σ = √(p(1 − p)/n) the sampling deviation of a share over the
 * operator's n journeys. (A deviation taken across operators' shares could never reach 2σ with fewer than six
 * operators: the largest possible z is √(operators − 1).)
 */
function operatorFlags(context: CheckContext, p: CheckParameters['G08'], id: string, flags: CheckFlag[]): void {
  const { localMonth, operatorNo, operatorIds, trips } = context;
  const n = trips.length;
  if (n === 0) return;
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (const month of localMonth) {
    if (month < firstMonth) firstMonth = month;
    if (month > lastMonth) lastMonth = month;
  }
  const operators = operatorIds.length;
  const months = lastMonth - firstMonth + 1;
  const journeys = new Int32Array(months * operators);
  const rejected = new Int32Array(months * operators);
  for (let i = 0; i < n; i += 1) {
    const cell = ((localMonth[i] as number) - firstMonth) * operators + (operatorNo[i] as number);
    journeys[cell] = (journeys[cell] as number) + 1;
    const status = trips[i]?.status;
    if (status === 'fraud_error' || status === 'anomaly_error') rejected[cell] = (rejected[cell] as number) + 1;
  }
  // Operators in id order.
  const order = Array.from({ length: operators }, (_, o) => o).sort((a, b) => (operatorIds[a] ?? -Infinity) - (operatorIds[b] ?? -Infinity));
  for (let m = 0; m < months; m += 1) {
    let total = 0;
    let totalRejected = 0;
    for (let o = 0; o < operators; o += 1) {
      total += journeys[m * operators + o] as number;
      totalRejected += rejected[m * operators + o] as number;
    }
    for (const o of order) {
      const own = journeys[m * operators + o] as number;
      if (operatorIds[o] === null || own < p.statusMinJourneys || total - own <= 0) continue;
      const ownRejected = rejected[m * operators + o] as number;
      const share = ownRejected / own;
      const territoryShare = (totalRejected - ownRejected) / (total - own);
      const sigma = Math.sqrt((territoryShare * (1 - territoryShare)) / own);
      const threshold = territoryShare + p.statusSigmas * sigma;
      if (share <= threshold) continue;
      flags.push(monitorFlag(id, {
        monitor: 'operator_status_share', month: monthText(firstMonth + m), operator: String(operatorIds[o]), journeys: own, rejectedJourneys: ownRejected,
        share: round4(share), territoryShare: round4(territoryShare), sigma: round4(sigma), threshold: round4(threshold),
        statusSigmas: p.statusSigmas, statusMinJourneys: p.statusMinJourneys,
      }));
    }
  }
}

/**
 * G08: territory monitors of the registry's dashboards, as information: a start commune's month over 500 journeys
 * and more than doubling the mean of the previous 3 months; a filling rate over 3 occupants per car (driver
 * included, weighted by kilometres) on over 100 car trips; over 50 % of night journeys on over 100 journeys; an
 * operator whose share of fraud_error/anomaly_error journeys stands 2σ above the rest of the territory.
 */
export const territoryMonitors = defineCheck({
  code: 'G08', version: 1, family: 'graph', severity: 'info',
  label: 'Moniteurs de territoire',
  description: 'Par commune de départ et par mois : plus de 500 trajets et plus du double de la moyenne des 3 mois précédents, taux de remplissage au-delà de 3 occupants par voiture (sur plus de 100 voyages), plus de 50 % de trajets de nuit (sur plus de 100 trajets) ; par opérateur et par mois : part des trajets fraud_error/anomaly_error au-delà de celle du reste du territoire + 2σ.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    communeFlags(context, p, id, flags);
    operatorFlags(context, p, id, flags);
    return flags;
  },
});
