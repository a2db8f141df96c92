/**
 * Aggregates of one calendar month computed in a single pass over its journeys (pure, no I/O). The caller streams
 * the month's validated journeys day after day (in any order within a day), then reads the rows of each aggregate table.
 * One pass in JavaScript replaces a hundred GROUP BY scans of the month in SQL (six levels × directions × tables).
 */

/** Territory levels and the codes of a journey's two ends at each. */
export const LEVELS = ['com', 'epci', 'aom', 'dep', 'reg', 'country'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * One validated journey as the aggregates read it (money in cents, distance in metres, duration in seconds). Its
 * ends' codes are its route's (`MonthAggregator.route`), read once per route rather than once per journey.
 */
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

/**
 * Per-direction sums of one territory: per day of the month (index 1–31; the measures, then the serial of the last
 * car trip counted), per operator × class (index into the aggregator's operators: journeys, cents), per hour.
 */
interface DirectionAggregate {
  days: Array<Float64Array | undefined>;
  ops: number[];
  hours: Float64Array;
}

/** Directions of a territory, and of a commune's counts (`both`: the journeys touching the commune, once each). */
const DIRECTIONS = ['from', 'to', 'intra'] as const;
const COMMUNE_DIRECTIONS = ['from', 'to', 'intra', 'both'] as const;
const FROM = 0;
const TO = 1;
const INTRA = 2;
const BOTH = 3;

/** Everything one territory (level + code) accumulates over the month. */
interface TerritoryAggregate {
  level: Level;
  code: string;
  directions: [DirectionAggregate, DirectionAggregate, DirectionAggregate];
  /** Journeys per commune and direction (`COMMUNE_DIRECTIONS` order). */
  communes: Map<string, number[]>;
  /** Journeys, seats, metres per pair `com_1 + SEP + com_2`. */
  flows: Map<string, number[]>;
}

const directionAggregate = (): DirectionAggregate => ({ days: [], ops: [], hours: new Float64Array(24) });

/**
 * Pairs kept per territory and month, most journeys first: a région has hundreds of thousands of pairs, most seen
 * once; the dashboards and workbooks show the main ones, and summing a few months of top lists stays exact for them.
 */
export const FLOWS_PER_TERRITORY_MONTH = 500;

/** Index of the car-trip serial kept after the measures of a day row (not written to the table). */
const TRIP_SERIAL = DAY_MEASURES.length;

/** Routes are numbered below this in `RoutePairs` (`n × ROUTE_SPAN + route`, exact in a double). */
const ROUTE_SPAN = 2 ** 24;

/**
 * Pairs of a number (a person, a car trip) and a route number, one double each in a growing typed array: millions a
 * month, without an object each. `forEachDistinct` visits them sorted by number then route, each distinct pair once.
 */
class RoutePairs {
  private keys = new Float64Array(1 << 12);
  private length = 0;

  add(n: number, route: number): void {
    if (route >= ROUTE_SPAN) throw new Error(`Trop d’itinéraires distincts dans le mois (${route}, au plus ${ROUTE_SPAN})`);
    if (this.length === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.length] = n * ROUTE_SPAN + route;
    this.length += 1;
  }

  forEachDistinct(visit: (n: number, route: number) => void): void {
    let previous = -1;
    for (const key of this.keys.subarray(0, this.length).sort()) {
      if (key === previous) continue;
      previous = key;
      const n = Math.floor(key / ROUTE_SPAN);
      visit(n, key - n * ROUTE_SPAN);
    }
  }

  clear(): void {
    this.length = 0;
  }
}

/** Day of the month (1–31) of a `YYYY-MM-DD` day, read from its two digits. */
const dayOfMonth = (day: string): number => (day.charCodeAt(8) - 48) * 10 + (day.charCodeAt(9) - 48);

/**
 * What the journeys of one route (both ends' codes at every level: start and end of each of `LEVELS` in turn) share: the direction
 * aggregates each of them adds to, and the sums the commune counts and flows need, which depend on nothing else.
 */
interface RouteAggregate {
  ends: ReadonlyArray<string | null>;
  /** From, to and intra aggregates of each level's territories, found once when the route is first seen. */
  directions: DirectionAggregate[];
  journeys: number;
  seats: number;
  distance_m: number;
  /** The current day's sums (`DAY_MEASURES`, car trips left at 0), added to each direction at the end of the day. */
  day: Float64Array;
  /** The month's journeys and cents per operator index (as `DirectionAggregate.ops`), and journeys per hour. */
  ops: number[];
  hours: Float64Array;
}

/**
 * Accumulates one month; feed journeys day after day, in any order within a day (car trips are counted at the end of each day).
 * Everything a journey shares between its groups (day, operator, distance band) is worked out once; the territories
 * a journey counts in are those of its route, found once per route (a month of a region is millions of journeys
 * on a few hundred thousand routes). A journey is summed on its route only: the route's sums reach its directions
 * once a day (day rows) and once a month (operators, hours); commune counts and flows depend on the route only.
 */
export class MonthAggregator {
  private readonly territories: Record<Level, Map<string, TerritoryAggregate>> = { com: new Map(), epci: new Map(), aom: new Map(), dep: new Map(), reg: new Map(), country: new Map() };
  private readonly routeIndex = new Map<string, number>();
  private readonly routeList: RouteAggregate[] = [];
  private readonly operators = new Map<string, number>();
  private readonly operatorKeys: Array<[number, string]> = [];
  private readonly dayNames: string[] = [];
  /** The day being added, the days already added, and that day's car trips (numbered in the day) paired with their routes. */
  private currentDay = '';
  private readonly daysDone = new Set<string>();
  private readonly dayTrips = new Map<string, number>();
  private readonly dayTripRoutes = new RoutePairs();
  /** Numbers of the routes the current day's journeys took, each once (those whose day sums are not zero). */
  private readonly dayRoutes: number[] = [];
  /** Serials of the car trips of the days already counted are at most this. */
  private tripSerials = 0;
  private routesAdded = false;

  constructor(private readonly month: string) {}

  /**
   * Number of the route that `key` names (any text equal for equal ends, different for different ones); `ends`
   * reads the codes (start and end of each of `LEVELS` in turn) from the key, only the first time it is seen.
   */
  route(key: string, ends: (key: string) => ReadonlyArray<string | null>): number {
    let index = this.routeIndex.get(key);
    if (index === undefined) {
      index = this.routeList.length;
      this.routeIndex.set(key, index);
      this.routeList.push(this.newRoute(ends(key)));
    }
    return index;
  }

  /** The ends' codes of the route numbered `route`. */
  routeEnds(route: number): ReadonlyArray<string | null> {
    return (this.routeList[route] as RouteAggregate).ends;
  }

  /** The ends' codes of every route, by route number. */
  allRouteEnds(): Array<ReadonlyArray<string | null>> {
    return this.routeList.map((route) => route.ends);
  }

  private newRoute(ends: ReadonlyArray<string | null>): RouteAggregate {
    const directions: DirectionAggregate[] = [];
    for (let index = 0; index < LEVELS.length; index += 1) {
      const level = LEVELS[index] as Level;
      const start = ends[2 * index] ?? null;
      const end = ends[2 * index + 1] ?? null;
      const internal = start !== null && start === end;
      if (start !== null) directions.push(this.territory(level, start).directions[FROM]);
      if (internal) directions.push(this.territory(level, start).directions[INTRA]);
      if (end !== null) directions.push(this.territory(level, end).directions[TO]);
    }
    return { ends, directions, journeys: 0, seats: 0, distance_m: 0, day: new Float64Array(DAY_MEASURES.length), ops: [], hours: new Float64Array(24) };
  }

  private territory(level: Level, code: string): TerritoryAggregate {
    const byCode = this.territories[level];
    let found = byCode.get(code);
    if (!found) {
      found = { level, code, directions: [directionAggregate(), directionAggregate(), directionAggregate()], communes: new Map(), flows: new Map() };
      byCode.set(code, found);
    }
    return found;
  }

  private operator(id: number, operatorClass: string): number {
    const key = `${id}${SEP}${operatorClass}`;
    let index = this.operators.get(key);
    if (index === undefined) {
      index = this.operatorKeys.length;
      this.operators.set(key, index);
      this.operatorKeys.push([id, operatorClass]);
    }
    return index;
  }

  /** One journey on the route numbered `route` (from `route()`). */
  add(journey: StagedJourney, route: number): void {
    if (journey.day !== this.currentDay) this.startDay(journey.day);
    let trip = this.dayTrips.get(journey.trip_key);
    if (trip === undefined) {
      trip = this.dayTrips.size;
      this.dayTrips.set(journey.trip_key, trip);
    }
    this.dayTripRoutes.add(trip, route);
    const day = dayOfMonth(journey.day);
    const op = this.operator(journey.operator_id, journey.operator_class);
    const band = 9 + Math.min(5, Math.floor(journey.distance_m / 10_000));
    this.dayNames[day] = journey.day;
    const shared = this.routeList[route] as RouteAggregate;
    shared.journeys += 1;
    shared.seats += journey.seats;
    shared.distance_m += journey.distance_m;
    // Summed on the route, not on each of its dozen-odd directions: the directions get the route's sums once a day
    // (`addDaySums`) and once a month (`addRouteSums`). Every measure is an integer, so the order of the sums changes nothing.
    const sums = shared.day;
    if (sums[0] === 0) this.dayRoutes.push(route);
    addTo(sums, 0, 1);
    addTo(sums, 2, journey.seats);
    addTo(sums, 3, journey.distance_m);
    addTo(sums, 4, journey.distance_m * journey.seats);
    addTo(sums, 5, journey.duration_s);
    addTo(sums, 6, journey.rpc_cents);
    addTo(sums, 7, journey.op_cents);
    if (journey.rpc_cents > 0) addTo(sums, 8, 1);
    addTo(sums, band, 1);
    const ops = shared.ops;
    ops[2 * op] = (ops[2 * op] ?? 0) + 1;
    ops[2 * op + 1] = (ops[2 * op + 1] ?? 0) + journey.rpc_cents;
    addTo(shared.hours, journey.hour, 1);
  }

  /** Adds the current day's sums of each route it took to the route's directions, and clears them. */
  private addDaySums(day: number): void {
    for (const route of this.dayRoutes) {
      const { day: sums, directions } = this.routeList[route] as RouteAggregate;
      for (const aggregate of directions) {
        let d = aggregate.days[day];
        if (!d) {
          d = new Float64Array(DAY_MEASURES.length + 1);
          aggregate.days[day] = d;
        }
        for (let index = 0; index < DAY_MEASURES.length; index += 1) addTo(d, index, sums[index] as number);
      }
      sums.fill(0);
    }
    this.dayRoutes.length = 0;
  }

  /** Adds each route's journeys and cents per operator, and journeys per hour, to its directions (end of the month). */
  private addRouteSums(): void {
    for (const route of this.routeList) {
      for (const aggregate of route.directions) {
        route.ops.forEach((value, index) => (aggregate.ops[index] = (aggregate.ops[index] ?? 0) + value));
        for (let hour = 0; hour < 24; hour += 1) addTo(aggregate.hours, hour, route.hours[hour] as number);
      }
    }
  }

  /** Counts the trips of the day added so far, then starts `day` (refused if its journeys were already added). */
  private startDay(day: string): void {
    this.countDayTrips();
    if (this.daysDone.has(day)) throw new Error(`Les trajets du ${day} doivent se suivre : la journée a déjà été comptée`);
    this.daysDone.add(day);
    this.currentDay = day;
  }

  /**
   * Counts the car trips of the current day in each direction of each territory they touch, once per trip whatever
   * its number of passengers: the day's (trip, route) pairs are sorted, and each direction remembers the serial of
   * the last trip it counted. Journeys may therefore come in any order within their day.
   */
  private countDayTrips(): void {
    if (this.currentDay === '') return;
    const day = dayOfMonth(this.currentDay);
    this.addDaySums(day);
    this.dayTripRoutes.forEachDistinct((trip, route) => {
      const serial = this.tripSerials + trip + 1;
      for (const aggregate of (this.routeList[route] as RouteAggregate).directions) {
        const d = aggregate.days[day] as Float64Array;
        if (d[TRIP_SERIAL] === serial) continue;
        d[TRIP_SERIAL] = serial;
        addTo(d, 1, 1);
      }
    });
    this.tripSerials += this.dayTrips.size;
    this.dayTrips.clear();
    this.dayTripRoutes.clear();
    this.currentDay = '';
  }

  /** Adds each route's journeys to the commune counts and flows of its territories (before the rows are read). */
  private addRoutes(): void {
    for (const route of this.routeList) {
      const startCom = route.ends[0] ?? null;
      const endCom = route.ends[1] ?? null;
      const pair = startCom !== null && endCom !== null && startCom !== endCom ? (startCom < endCom ? `${startCom}${SEP}${endCom}` : `${endCom}${SEP}${startCom}`) : null;
      for (let index = 0; index < LEVELS.length; index += 1) {
        const level = LEVELS[index] as Level;
        const start = route.ends[2 * index] ?? null;
        const end = route.ends[2 * index + 1] ?? null;
        const internal = start !== null && start === end;
        const startTerritory = start === null ? null : this.territory(level, start);
        const endTerritory = end === null ? null : internal ? startTerritory : this.territory(level, end);
        if (startTerritory && startCom !== null) {
          const counts = communeCounts(startTerritory.communes, startCom);
          plus(counts, FROM, route.journeys);
          plus(counts, BOTH, route.journeys);
          if (internal) plus(counts, INTRA, route.journeys);
        }
        if (endTerritory && endCom !== null) {
          const counts = communeCounts(endTerritory.communes, endCom);
          plus(counts, TO, route.journeys);
          // A journey counts once per commune it touches, in each territory.
          if (!(internal && startCom === endCom)) plus(counts, BOTH, route.journeys);
        }
        if (pair === null) continue;
        if (startTerritory) addFlow(startTerritory.flows, pair, route);
        if (endTerritory && endTerritory !== startTerritory) addFlow(endTerritory.flows, pair, route);
      }
    }
  }

  /** The month's rows for each table, read once after the last journey. */
  rows(): MonthAggregates {
    if (this.routesAdded) throw new Error('MonthAggregator.rows() se lit une seule fois');
    this.routesAdded = true;
    this.countDayTrips();
    this.addRouteSums();
    this.addRoutes();
    const out: MonthAggregates = { day: [], op: [], hour: [], com: [], flow: [] };
    for (const territory of LEVELS.flatMap((level) => [...this.territories[level].values()])) {
      const { level, code } = territory;
      DIRECTIONS.forEach((direction, index) => {
        const aggregate = territory.directions[index] as DirectionAggregate;
        aggregate.days.forEach((values, day) => {
          if (values) out.day.push([level, code, direction, this.dayNames[day] as string, ...values.slice(0, TRIP_SERIAL)]);
        });
        this.operatorKeys.forEach(([operator, operatorClass], op) => {
          const journeys = aggregate.ops[2 * op];
          if (journeys) out.op.push([level, code, direction, this.month, operator, operatorClass, journeys, aggregate.ops[2 * op + 1] ?? 0]);
        });
        aggregate.hours.forEach((journeys, hour) => {
          if (journeys > 0) out.hour.push([level, code, direction, this.month, hour, journeys]);
        });
      });
      for (const [com, counts] of territory.communes) {
        COMMUNE_DIRECTIONS.forEach((direction, index) => {
          if (counts[index]) out.com.push([level, code, direction, this.month, com, counts[index] as number]);
        });
      }
      const flows = [...territory.flows].sort((a, b) => (b[1][0] as number) - (a[1][0] as number) || (a[0] < b[0] ? -1 : 1)).slice(0, FLOWS_PER_TERRITORY_MONTH);
      for (const [key, values] of flows) {
        const [com1, com2] = key.split(SEP) as [string, string];
        out.flow.push([level, code, this.month, com1, com2, ...values]);
      }
    }
    return out;
  }
}

/** Adds `amount` to one cell of a typed array of sums (apart from `plus`: one array type, so V8 inlines it). */
function addTo(values: Float64Array, index: number, amount: number): void {
  values[index] = (values[index] as number) + amount;
}

/** Adds `amount` to one cell of an array of sums. */
function plus(values: number[], index: number, amount: number): void {
  values[index] = (values[index] ?? 0) + amount;
}

function communeCounts(communes: Map<string, number[]>, com: string): number[] {
  let counts = communes.get(com);
  if (!counts) {
    counts = [0, 0, 0, 0];
    communes.set(com, counts);
  }
  return counts;
}

function addFlow(flows: Map<string, number[]>, pair: string, route: RouteAggregate): void {
  let flow = flows.get(pair);
  if (!flow) {
    flow = [0, 0, 0];
    flows.set(pair, flow);
  }
  plus(flow, 0, route.journeys);
  plus(flow, 1, route.seats);
  plus(flow, 2, route.distance_m);
}

/** Counts of one territory's distinct people, with the serial of the last person counted, per direction. */
interface PeopleCount {
  counts: number[];
  lastPerson: number[];
}

/**
 * Distinct people per (level, code, direction) of a month; feed the ends' codes of each person's journeys ordered by
 * person (driver for the drivers' count, passenger for the passengers'; a person's repeated routes may be given
 * once). A person counts once per group: each group remembers the serial of the last person it counted.
 */
export class DistinctPeople {
  private readonly territories: Record<Level, Map<string, PeopleCount>> = { com: new Map(), epci: new Map(), aom: new Map(), dep: new Map(), reg: new Map(), country: new Map() };
  private currentPerson: string | number | null = null;
  private personSerial = 0;

  /** One journey (or route) of `person`: its ends' codes in `endCodes` order. */
  add(person: string | number, ends: ReadonlyArray<string | null>): void {
    if (person !== this.currentPerson) {
      this.currentPerson = person;
      this.personSerial += 1;
    }
    for (let index = 0; index < LEVELS.length; index += 1) {
      const level = LEVELS[index] as Level;
      const start = ends[2 * index] ?? null;
      const end = ends[2 * index + 1] ?? null;
      if (start !== null) this.count(level, start, FROM);
      if (end !== null) this.count(level, end, TO);
      if (start !== null && start === end) this.count(level, start, INTRA);
    }
  }

  private count(level: Level, code: string, direction: number): void {
    const byCode = this.territories[level];
    let found = byCode.get(code);
    if (!found) {
      found = { counts: [0, 0, 0], lastPerson: [0, 0, 0] };
      byCode.set(code, found);
    }
    if (found.lastPerson[direction] === this.personSerial) return;
    found.lastPerson[direction] = this.personSerial;
    plus(found.counts, direction, 1);
  }

  /** Count per `[level, code, direction]`. */
  entries(): Array<[string, string, string, number]> {
    return LEVELS.flatMap((level) =>
      [...this.territories[level]].flatMap(([code, { counts }]) =>
        DIRECTIONS.flatMap((direction, index): Array<[string, string, string, number]> => (counts[index] ? [[level, code, direction, counts[index] as number]] : [])),
      ),
    );
  }
}


/**
 * What a month tells of the people of one role, gathered during its single pass with one lookup per journey: the
 * distinct routes of each person (one number per journey: person and route), counted per territory by
 * `DistinctPeople` in person order — instead of a GROUP BY and an ORDER BY of the month's journeys in SQL — and each
 * person's first journey of the month. The first journey is the earliest start and, among journeys starting at the
 * same instant (a driver's journeys with two passengers of one car), the smallest journey id, so that the choice never
 * depends on the order journeys are read in.
 */
export class MonthPeople {
  private readonly persons = new Map<string, number>();
  private readonly routes = new RoutePairs();
  /** First journey per person id: start (UTC ISO text, compared as text), journey id, natural key. */
  private readonly firstAt: string[] = [];
  private readonly firstId: number[] = [];
  private readonly firstKey: string[] = [];

  constructor(private readonly role: 'driver' | 'passenger') {}

  /**
   * One journey of `person` (none: not counted) on the route numbered `route` (`MonthAggregator.route`), starting at
   * `startAt`, with the store's `id` and `naturalKey`.
   */
  add(person: string | null, route: number, startAt: string, id: number, naturalKey: string): void {
    if (person === null) return;
    let serial = this.persons.get(person);
    if (serial === undefined) {
      serial = this.persons.size;
      this.persons.set(person, serial);
      this.firstAt.push(startAt);
      this.firstId.push(id);
      this.firstKey.push(naturalKey);
    } else {
      const known = this.firstAt[serial] as string;
      if (startAt < known || (startAt === known && id < (this.firstId[serial] as number))) {
        this.firstAt[serial] = startAt;
        this.firstId[serial] = id;
        this.firstKey[serial] = naturalKey;
      }
    }
    this.routes.add(serial, route);
  }

  /** `[role, person, first_at, natural_key]` per person: the month's rows for `people_first`. */
  firstJourneys(): Array<[string, string, string, string]> {
    return [...this.persons.keys()].map((person, serial) => [this.role, person, this.firstAt[serial] as string, this.firstKey[serial] as string]);
  }

  /** Count per `[level, code, direction]` of the people gathered, given every route's ends by route number. */
  entries(routeEnds: ReadonlyArray<ReadonlyArray<string | null>>): Array<[string, string, string, number]> {
    const people = new DistinctPeople();
    this.routes.forEachDistinct((person, route) => people.add(person, routeEnds[route] ?? []));
    return people.entries();
  }
}
