import type { StatsDirection, StatsKeyFigures, StatsResult, StatsSeriesPoint } from '../../../shared/types/stats';
import { addDays, lastDayOfMonth } from '../time/calendar';

/** Registry factor: 195 g CO₂e avoided per passenger-km, i.e. 0.000195 t. */
export const CO2_TONNES_PER_PASSENGER_KM = 0.000195;

type Stored = 'from' | 'to' | 'intra';

/**
 * Sign of each stored direction in a requested one: `both` = from + to − intra (a journey starting and ending in
 * the territory is in both `from` and `to`), as the registry's `directions_by_day`.
 */
export function directionWeights(direction: StatsDirection): Readonly<Record<Stored, number>> {
  switch (direction) {
    case 'from':
      return { from: 1, to: 0, intra: 0 };
    case 'to':
      return { from: 0, to: 1, intra: 0 };
    case 'intra':
      return { from: 0, to: 0, intra: 1 };
    case 'both':
      return { from: 1, to: 1, intra: -1 };
  }
}

/** Sums `value(row)` over rows weighted by their direction. */
function weighted<T extends { direction: Stored }>(rows: readonly T[], weights: Readonly<Record<Stored, number>>, value: (row: T) => number): number {
  let total = 0;
  for (const row of rows) total += weights[row.direction] * value(row);
  return total;
}

/** Groups rows by a key, summing `value` with direction weights; answers the map key → sum. */
function groupWeighted<T extends { direction: Stored }>(rows: readonly T[], weights: Readonly<Record<Stored, number>>, key: (row: T) => string, value: (row: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of rows) {
    const w = weights[row.direction];
    if (w === 0) continue;
    const k = key(row);
    out.set(k, (out.get(k) ?? 0) + w * value(row));
  }
  return out;
}

/** Monday of the ISO week of a day (`YYYY-MM-DD`), as `YYYY-MM-DD`. */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
}

type Granularity = StatsInputs['granularity'];

/** The step of the trend series a day falls in: the day itself, the Monday of its ISO week, or its month `YYYY-MM`. */
function stepOf(granularity: Granularity, day: string): string {
  return granularity === 'day' ? day : granularity === 'week' ? mondayOf(day) : day.slice(0, 7);
}

/** First and last days of a step of the trend series (a day, a week from its Monday, a month `YYYY-MM`). */
function stepDays(granularity: Granularity, step: string): { first: string; last: string } {
  if (granularity === 'day') return { first: step, last: step };
  if (granularity === 'week') return { first: step, last: addDays(step, 6) };
  return { first: `${step}-01`, last: lastDayOfMonth(step) };
}

/**
 * The days a step's figures count (its days within `covered`) and whether they fall short of the whole step:
 * `partial` steps are those the query's period or the store's data cut (see `StatsSeriesPoint`).
 */
export function stepCoverage(granularity: Granularity, step: string, covered: Readonly<{ from: string; to: string }>): Pick<StatsSeriesPoint, 'from' | 'to' | 'partial'> {
  const { first, last } = stepDays(granularity, step);
  const from = first < covered.from ? covered.from : first;
  const to = last > covered.to ? covered.to : last;
  return { from, to, partial: from !== first || to !== last };
}

/** Weekday index with Monday = 0. */
function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export interface DayRow {
  direction: Stored;
  day: string;
  journeys: number;
  trips: number;
  seats: number;
  distance_m: number;
  seat_distance_m: number;
  duration_s: number;
  rpc_cents: number;
  op_cents: number;
  incented: number;
  d0: number;
  d10: number;
  d20: number;
  d30: number;
  d40: number;
  d50: number;
}

/** Everything the aggregates answered for one query, before composition. */
export interface StatsInputs {
  direction: StatsDirection;
  granularity: 'day' | 'week' | 'month';
  /**
   * Days the figures can count: the query's period narrowed to the first and last days of the aggregates. Steps of
   * the trend series not wholly inside are marked partial.
   */
  covered: Readonly<{ from: string; to: string }>;
  days: readonly DayRow[];
  operators: ReadonlyArray<{ direction: Stored; operator: string | null; operator_class: string; journeys: number; rpc_cents: number }>;
  hours: ReadonlyArray<{ direction: Stored; hour: number; journeys: number }>;
  people: ReadonlyArray<{ direction: Stored; drivers: number; passengers: number }>;
  newcomers: ReadonlyArray<{ direction: Stored; new_drivers: number; new_passengers: number }>;
  /** Top communes of the territory, most journeys first (already in the query's direction). */
  communes: ReadonlyArray<{ com: string; journeys: number }>;
  /** Top pairs of communes touching the territory, most journeys first. */
  flows: ReadonlyArray<{ com_1: string; com_2: string; journeys: number; seats: number; distance_m: number }>;
  /** Name of a commune code, or null. */
  communeName(communeCode: string): string | null;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/**
 * Composes the dashboard's figures from the aggregates (pure): direction arithmetic, key figures with the
 * registry's definitions, trend series, distributions, shares and top lists.
 */
export function composeStats(inputs: StatsInputs): Omit<StatsResult, 'territory' | 'from' | 'to' | 'elapsedMs'> {
  const w = directionWeights(inputs.direction);
  const sum = (value: (row: DayRow) => number): number => weighted(inputs.days, w, value);
  const journeys = sum((r) => r.journeys);
  const trips = sum((r) => r.trips);
  const passengers = sum((r) => r.seats);
  const intra = weighted(inputs.days, { from: 0, to: 0, intra: 1 }, (r) => r.journeys);
  const key: StatsKeyFigures = {
    journeys,
    trips,
    passengers,
    carpoolers: weighted(inputs.people, w, (r) => r.drivers + r.passengers),
    peoplePerVehicle: ratio(trips + passengers, trips),
    newDrivers: weighted(inputs.newcomers, w, (r) => r.new_drivers),
    newPassengers: weighted(inputs.newcomers, w, (r) => r.new_passengers),
    meanDistanceKm: ratio(sum((r) => r.distance_m) / 1000, journeys),
    meanDurationMin: ratio(sum((r) => r.duration_s) / 60, journeys),
    internalShare: inputs.direction === 'intra' ? (journeys > 0 ? 1 : null) : ratio(intra, journeys),
    co2Tonnes: (sum((r) => r.seat_distance_m) / 1000) * CO2_TONNES_PER_PASSENGER_KM,
    rpcCents: sum((r) => r.rpc_cents),
    opCents: sum((r) => r.op_cents),
    incented: sum((r) => r.incented),
  };

  const series = new Map<string, { journeys: number; trips: number; passengers: number; distanceKm: number; rpcCents: number }>();
  const byWeekday = [0, 0, 0, 0, 0, 0, 0];
  const distanceBands = [0, 0, 0, 0, 0, 0];
  for (const row of inputs.days) {
    const weight = w[row.direction];
    if (weight === 0) continue;
    const period = stepOf(inputs.granularity, row.day);
    const point = series.get(period) ?? { journeys: 0, trips: 0, passengers: 0, distanceKm: 0, rpcCents: 0 };
    point.journeys += weight * row.journeys;
    point.trips += weight * row.trips;
    point.passengers += weight * row.seats;
    point.distanceKm += (weight * row.distance_m) / 1000;
    point.rpcCents += weight * row.rpc_cents;
    series.set(period, point);
    byWeekday[weekdayOf(row.day)] = (byWeekday[weekdayOf(row.day)] ?? 0) + weight * row.journeys;
    [row.d0, row.d10, row.d20, row.d30, row.d40, row.d50].forEach((count, band) => (distanceBands[band] = (distanceBands[band] ?? 0) + weight * count));
  }

  const byHour = Array.from({ length: 24 }, () => 0);
  for (const row of inputs.hours) byHour[row.hour] = (byHour[row.hour] ?? 0) + w[row.direction] * row.journeys;

  const byClass = [...groupWeighted(inputs.operators, w, (r) => r.operator_class, (r) => r.journeys)]
    .map(([operatorClass, count]) => ({ operatorClass, journeys: count }))
    .filter((row) => row.journeys > 0)
    .sort((a, b) => a.operatorClass.localeCompare(b.operatorClass));
  const operatorJourneys = groupWeighted(inputs.operators, w, (r) => r.operator ?? 'Opérateur inconnu', (r) => r.journeys);
  const operatorCents = groupWeighted(inputs.operators, w, (r) => r.operator ?? 'Opérateur inconnu', (r) => r.rpc_cents);
  const byOperator = [...operatorJourneys]
    .map(([operator, count]) => ({ operator, journeys: count, rpcCents: operatorCents.get(operator) ?? 0 }))
    .filter((row) => row.journeys > 0)
    .sort((a, b) => b.journeys - a.journeys || a.operator.localeCompare(b.operator));

  const topFlows = inputs.flows.map((flow) => ({
    code1: flow.com_1,
    name1: inputs.communeName(flow.com_1),
    code2: flow.com_2,
    name2: inputs.communeName(flow.com_2),
    journeys: flow.journeys,
    passengers: flow.seats,
    distanceKm: flow.distance_m / 1000,
  }));
  const topTerritories = inputs.communes.map((row) => ({ code: row.com, name: inputs.communeName(row.com), journeys: row.journeys }));

  return {
    direction: inputs.direction,
    key,
    series: [...series]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([period, point]) => ({ period, ...stepCoverage(inputs.granularity, period, inputs.covered), ...point })),
    byHour,
    byWeekday,
    distanceBands,
    byClass,
    byOperator,
    topFlows,
    topTerritories,
  };
}
