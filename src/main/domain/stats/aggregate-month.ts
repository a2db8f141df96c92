/**
 * Aggregates of one calendar month computed in a single pass over its journeys (pure, no I/O). The caller streams
 * the month's validated journeys ordered by day then car trip, then reads the rows of each aggregate table.
 * One pass in JavaScript replaces a hundred GROUP BY scans of the month in SQL (six levels × directions × tables).
 */

/** Territory levels and the codes of a journey's two ends at each. */
export const LEVELS = ['com', 'epci', 'aom', 'dep', 'reg', 'country'] as const;
export type Level = (typeof LEVELS)[number];

/** One validated journey as the aggregates read it (money in cents, distance in metres, duration in seconds). */
export interface StagedJourney {
  day: string;
  hour: number;
  operator_id: number;
  operator_class: string;
  /** Operator + operator trip id: the journeys of one car trip share it. */
  trip_key: string;
  seats: number;
  distance_m: number;
  duration_s: number;
  rpc_cents: number;
  op_cents: number;
  start_insee: string | null;
  end_insee: string | null;
  start_epci: string | null;
  end_epci: string | null;
  start_aom: string | null;
  end_aom: string | null;
  start_dep: string | null;
  end_dep: string | null;
  start_reg: string | null;
  end_reg: string | null;
  start_country: string | null;
  end_country: string | null;
}

type Direction = 'from' | 'to' | 'intra';

function codes(journey: StagedJourney, level: Level): [string | null, string | null] {
  return level === 'com' ? [journey.start_insee, journey.end_insee] : [journey[`start_${level}`], journey[`end_${level}`]];
}

/** The (level, code, direction) groups a journey belongs to: its start's, its end's, and internal when both agree. */
export function journeyGroups(journey: StagedJourney): Array<[Level, string, Direction]> {
  const groups: Array<[Level, string, Direction]> = [];
  for (const level of LEVELS) {
    const [start, end] = codes(journey, level);
    if (start !== null) groups.push([level, start, 'from']);
    if (end !== null) groups.push([level, end, 'to']);
    if (start !== null && start === end) groups.push([level, start, 'intra']);
  }
  return groups;
}

const SEP = '\u0001';

/** Additive measures of a day row, in `DAY_MEASURES` order. */
export const DAY_MEASURES = ['journeys', 'trips', 'seats', 'distance_m', 'seat_distance_m', 'duration_s', 'rpc_cents', 'op_cents', 'incented', 'd0', 'd10', 'd20', 'd30', 'd40', 'd50'] as const;

/** Rows of every aggregate table for one month, as value arrays in the tables' column order. */
export interface MonthAggregates {
  /** level, code, direction, day, ...DAY_MEASURES */
  day: Array<Array<string | number>>;
  /** level, code, direction, month, operator_id, operator_class, journeys, rpc_cents */
  op: Array<Array<string | number>>;
  /** level, code, direction, month, hour, journeys */
  hour: Array<Array<string | number>>;
  /** level, code, direction, month, com, journeys */
  com: Array<Array<string | number>>;
  /** level, code, month, com_1, com_2, journeys, seats, distance_m */
  flow: Array<Array<string | number>>;
}

/** Per-direction sums of one territory: per day (with the serial of the last car trip counted), operator × class, hour. */
interface DirectionAggregate {
  days: Map<string, number[]>;
  ops: Map<string, [number, number]>;
  hours: number[];
}

/** Everything one territory (level + code) accumulates over the month. */
interface TerritoryAggregate {
  level: Level;
  code: string;
  from: DirectionAggregate;
  to: DirectionAggregate;
  intra: DirectionAggregate;
  /** Journeys per `direction + SEP + commune` (directions from, to, intra, both). */
  communes: Map<string, number>;
  /** Journeys, seats, metres per pair `com_1 + SEP + com_2`. */
  flows: Map<string, [number, number, number]>;
}

const directionAggregate = (): DirectionAggregate => ({ days: new Map(), ops: new Map(), hours: new Array<number>(24).fill(0) });

/**
 * Pairs kept per territory and month, most journeys first: a région has hundreds of thousands of pairs, most seen
 * once; the dashboards and workbooks show the main ones, and summing a few months of top lists stays exact for them.
 */
export const FLOWS_PER_TERRITORY_MONTH = 500;

/** Index of the car-trip serial kept after the measures of a day row (not written to the table). */
const TRIP_SERIAL = DAY_MEASURES.length;

/**
 * Accumulates one month; feed journeys ordered by day then `trip_key` (car trips are counted on that order).
 * Keys are short and nested (territory, then day or commune): composite string keys cost more to hash than the
 * rest of the work.
 */
export class MonthAggregator {
  private readonly territories: Record<Level, Map<string, TerritoryAggregate>> = { com: new Map(), epci: new Map(), aom: new Map(), dep: new Map(), reg: new Map(), country: new Map() };
  private currentTrip = '';
  private tripSerial = 0;

  constructor(private readonly month: string) {}

  private territory(level: Level, code: string): TerritoryAggregate {
    const byCode = this.territories[level];
    let found = byCode.get(code);
    if (!found) {
      found = { level, code, from: directionAggregate(), to: directionAggregate(), intra: directionAggregate(), communes: new Map(), flows: new Map() };
      byCode.set(code, found);
    }
    return found;
  }

  add(journey: StagedJourney): void {
    const tripKey = `${journey.day}${SEP}${journey.trip_key}`;
    if (tripKey !== this.currentTrip) {
      this.currentTrip = tripKey;
      this.tripSerial += 1;
    }
    const { start_insee: startCom, end_insee: endCom } = journey;
    const pair = startCom !== null && endCom !== null && startCom !== endCom ? (startCom < endCom ? `${startCom}${SEP}${endCom}` : `${endCom}${SEP}${startCom}`) : null;
    for (const level of LEVELS) {
      const [start, end] = codes(journey, level);
      const startTerritory = start === null ? null : this.territory(level, start);
      const endTerritory = end === null ? null : start === end ? startTerritory : this.territory(level, end);
      if (startTerritory) {
        this.addDirection(startTerritory.from, journey);
        if (startCom !== null) {
          bumpCount(startTerritory.communes, `from${SEP}${startCom}`);
          bumpCount(startTerritory.communes, `both${SEP}${startCom}`);
          if (start === end) bumpCount(startTerritory.communes, `intra${SEP}${startCom}`);
        }
        if (start === end) this.addDirection(startTerritory.intra, journey);
      }
      if (endTerritory) {
        this.addDirection(endTerritory.to, journey);
        if (endCom !== null) {
          bumpCount(endTerritory.communes, `to${SEP}${endCom}`);
          // A journey counts once per commune it touches, in each territory.
          if (!(start === end && startCom === endCom)) bumpCount(endTerritory.communes, `both${SEP}${endCom}`);
        }
      }
      if (pair === null) continue;
      if (startTerritory) addFlow(startTerritory.flows, pair, journey);
      if (endTerritory && endTerritory !== startTerritory) addFlow(endTerritory.flows, pair, journey);
    }
  }

  private addDirection(aggregate: DirectionAggregate, journey: StagedJourney): void {
    let day = aggregate.days.get(journey.day);
    if (!day) {
      day = new Array<number>(DAY_MEASURES.length + 1).fill(0);
      aggregate.days.set(journey.day, day);
    }
    const d = day as [number, number, number, number, number, number, number, number, number, ...number[]];
    d[0] += 1;
    if (d[TRIP_SERIAL] !== this.tripSerial) {
      d[TRIP_SERIAL] = this.tripSerial;
      d[1] += 1;
    }
    d[2] += journey.seats;
    d[3] += journey.distance_m;
    d[4] += journey.distance_m * journey.seats;
    d[5] += journey.duration_s;
    d[6] += journey.rpc_cents;
    d[7] += journey.op_cents;
    if (journey.rpc_cents > 0) d[8] += 1;
    const band = 9 + Math.min(5, Math.floor(journey.distance_m / 10_000));
    d[band] = (d[band] ?? 0) + 1;
    const opKey = `${journey.operator_id}${SEP}${journey.operator_class}`;
    const op = aggregate.ops.get(opKey);
    if (op) {
      op[0] += 1;
      op[1] += journey.rpc_cents;
    } else aggregate.ops.set(opKey, [1, journey.rpc_cents]);
    aggregate.hours[journey.hour] = (aggregate.hours[journey.hour] ?? 0) + 1;
  }

  /** The month's rows for each table. */
  rows(): MonthAggregates {
    const out: MonthAggregates = { day: [], op: [], hour: [], com: [], flow: [] };
    for (const territory of LEVELS.flatMap((level) => [...this.territories[level].values()])) {
      const { level, code } = territory;
      for (const direction of ['from', 'to', 'intra'] as const) {
        const aggregate = territory[direction];
        for (const [day, values] of aggregate.days) out.day.push([level, code, direction, day, ...values.slice(0, TRIP_SERIAL)]);
        for (const [key, [journeys, cents]] of aggregate.ops) {
          const [operator, operatorClass] = key.split(SEP) as [string, string];
          out.op.push([level, code, direction, this.month, Number(operator), operatorClass, journeys, cents]);
        }
        aggregate.hours.forEach((journeys, hour) => {
          if (journeys > 0) out.hour.push([level, code, direction, this.month, hour, journeys]);
        });
      }
      for (const [key, journeys] of territory.communes) {
        const [direction, com] = key.split(SEP) as [string, string];
        out.com.push([level, code, direction, this.month, com, journeys]);
      }
      const flows = [...territory.flows].sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1)).slice(0, FLOWS_PER_TERRITORY_MONTH);
      for (const [key, values] of flows) {
        const [com1, com2] = key.split(SEP) as [string, string];
        out.flow.push([level, code, this.month, com1, com2, ...values]);
      }
    }
    return out;
  }
}

function bumpCount(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function addFlow(flows: Map<string, [number, number, number]>, pair: string, journey: StagedJourney): void {
  const flow = flows.get(pair);
  if (flow) {
    flow[0] += 1;
    flow[1] += journey.seats;
    flow[2] += journey.distance_m;
  } else flows.set(pair, [1, journey.seats, journey.distance_m]);
}

/**
 * Distinct people per (level, code, direction) of a month; feed journeys ordered by person (driver for the
 * drivers' count, passenger for the passengers'), with the person's key.
 */
export class DistinctPeople {
  private readonly counts = new Map<string, number>();
  private currentPerson: string | null = null;
  private readonly seen = new Set<string>();

  add(person: string, journey: StagedJourney): void {
    if (person !== this.currentPerson) {
      this.currentPerson = person;
      this.seen.clear();
    }
    for (const [level, code, direction] of journeyGroups(journey)) {
      const key = `${level}${SEP}${code}${SEP}${direction}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  /** Count per `[level, code, direction]`. */
  entries(): Array<[string, string, string, number]> {
    return [...this.counts].map(([key, count]) => {
      const [level, code, direction] = key.split(SEP) as [string, string, string];
      return [level, code, direction, count];
    });
  }
}
