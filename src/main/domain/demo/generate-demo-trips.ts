import { FRANCE_COUNTRY_CODE, naturalKey, type TripRow } from '../trips/trip-row';
import { calendarDays, formatLocal, parisLocalToUtc } from '../time/paris-time';
import { DEMO_AOM_NAMES, DEMO_OPERATORS, DEMO_REGIONS, PAYS_DE_LA_LOIRE, type DemoCommune, type DemoRegion } from './demo-geography';
import { SeededRandom } from './random';

export interface DemoOptions {
  /** Seed of the pseudo-random generator: same seed and options, same rows. */
  seed: number;
  /** Number of journeys (driver–passenger pairs) to produce. */
  journeys: number;
  /** First local day of the period, `YYYY-MM-DD`. */
  firstDay: string;
  /** Length of the period in days. */
  days: number;
  /** Store id of each demo operator, by name. */
  operatorIds: Readonly<Record<string, number>>;
  /** Région whose communes the journeys link (INSEE code); Pays de la Loire by default. */
  region?: DemoRegion;
  /** Communes to use instead of the région's hand-built table (benchmarks spread journeys over a whole région). */
  communes?: readonly DemoCommune[];
}

interface Person {
  key: string;
  operatorUserId: string;
}

interface Commuter {
  driver: Person;
  passengers: Person[];
  home: DemoCommune;
  work: DemoCommune;
  operator: (typeof DEMO_OPERATORS)[number];
  /** Usual morning departure, minutes after midnight. */
  morning: number;
  /** Usual evening departure, minutes after midnight. */
  evening: number;
}

/** Weight of a day of week (0 = Sunday): carpooling is mostly commuting. */
const WEEKDAY_WEIGHT = [0.1, 1, 1, 1, 1, 0.9, 0.25];
/** Car trips carry 1, 2 or 3 passengers with these weights. */
const PASSENGER_WEIGHTS = [75, 20, 5];
/** Proof classes A, B, C: about 1 %, 10 %, 89 %. */
const CLASSES = ['A', 'B', 'C'] as const;
const CLASS_WEIGHTS = [1, 10, 89];
const STATUSES = ['ok', 'fraud_error', 'anomaly_error'] as const;
const STATUS_WEIGHTS = [975, 15, 10];

function haversineMetres(a: DemoCommune, b: DemoCommune): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** Registry rule: coordinates are truncated, not rounded (3 decimals in dense communes). */
function truncate3(value: number): number {
  return Math.trunc(value * 1000) / 1000;
}

function person(random: SeededRandom): Person {
  return { key: random.hex(64), operatorUserId: random.hex(12) };
}

function makeCommuter(random: SeededRandom, communes: readonly DemoCommune[]): Commuter {
  const workWeights = communes.map((c) => c.jobs);
  for (;;) {
    const home = communes[random.int(0, communes.length - 1)] as DemoCommune;
    const work = communes[random.weighted(workWeights)] as DemoCommune;
    if (haversineMetres(home, work) * 1.3 > 80_000) continue;
    const passengers = Array.from({ length: 3 }, () => person(random));
    const operator = DEMO_OPERATORS[random.weighted(DEMO_OPERATORS.map((o) => o.share))] ?? DEMO_OPERATORS[0];
    return {
      driver: person(random),
      passengers,
      home,
      work,
      operator,
      morning: 6 * 60 + 30 + random.int(0, 150),
      evening: 16 * 60 + 30 + random.int(0, 180),
    };
  }
}

/** Amount of the demo campaign in cents: 2 € up to 20 km, then 0.10 €/km, capped at 3 €. */
function demoIncentiveCents(distanceM: number): number {
  const km = distanceM / 1000;
  return Math.min(300, 200 + Math.max(0, Math.round((km - 20) * 10)));
}

/**
 * The registry journey id of the `n`-th demo journey of a seed (from 1): a block of ten million ids per seed, so
 * that demos of several seeds in one store do not collide. Journeys added after the generated ones (the injected
 * patterns) take the ids that follow.
 */
export function demoJourneyId(seed: number, n: number): number {
  return (seed % 1_000_000) * 10_000_000 + n;
}

/**
 * Generates a realistic-looking dataset of journeys in one région (Pays de la Loire by default), day after day
 * (chronological): recurring commuters with regular passengers, morning and evening peaks, weekdays, 2–80 km,
 * classes ~1/10/89 %, 1–3 passengers per car, several operators, a demo incentive campaign. Pure and
 * reproducible. The synthetic extracts of `atelier generate` and the demo store are both built from it.
 */
export function* generateDemoTrips(options: DemoOptions): Generator<TripRow> {
  const region = options.region ?? PAYS_DE_LA_LOIRE;
  const { campaign } = DEMO_REGIONS[region];
  const communes = options.communes ?? DEMO_REGIONS[region].communes;
  const random = new SeededRandom(options.seed);
  const commuters = Array.from({ length: Math.max(20, Math.round(options.journeys / 60)) }, () => makeCommuter(random, communes));
  const days = [...calendarDays(options.firstDay, options.days)];
  const weights = days.map(([, , , weekday]) => WEEKDAY_WEIGHT[weekday] ?? 1);
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  let produced = 0;
  let expected = 0;

  for (let dayIndex = 0; dayIndex < days.length && produced < options.journeys; dayIndex += 1) {
    const [year, month, day] = days[dayIndex] as [number, number, number, number];
    expected += (options.journeys * (weights[dayIndex] ?? 0)) / totalWeight;
    const quota = dayIndex === days.length - 1 ? options.journeys : Math.round(expected);
    const cars: Array<{ commuter: Commuter; minutes: number; morning: boolean; passengers: number }> = [];
    let planned = produced;
    // A commuter drives once per direction and day: picking the same one twice would put them in two cars at once
    // (which the fraud checks rightly flag). Only when every slot of the day is taken may one repeat.
    const used = new Set<number>();
    while (planned < quota) {
      let index = random.int(0, commuters.length - 1);
      let morning = random.next() < 0.55;
      for (let attempt = 0; attempt < 8 && used.has(index * 2 + (morning ? 1 : 0)); attempt += 1) {
        index = random.int(0, commuters.length - 1);
        morning = random.next() < 0.55;
      }
      used.add(index * 2 + (morning ? 1 : 0));
      const commuter = commuters[index] as Commuter;
      const jitter = random.int(-20, 20);
      const passengers = Math.min(random.weighted(PASSENGER_WEIGHTS) + 1, quota - planned);
      cars.push({ commuter, morning, passengers, minutes: (morning ? commuter.morning : commuter.evening) + jitter });
      planned += passengers;
    }
    cars.sort((a, b) => a.minutes - b.minutes);

    for (const car of cars) {
      const { commuter } = car;
      const [from, to] = car.morning ? [commuter.home, commuter.work] : [commuter.work, commuter.home];
      const distance = Math.max(2_000, Math.min(80_000, Math.round(from === to ? random.int(2_000, 8_000) : haversineMetres(from, to) * 1.3)));
      const duration = Math.round(distance / (random.int(35, 65) / 3.6));
      // The registry publishes times ceiled to 10 minutes.
      const startMinutes = Math.ceil(car.minutes / 10) * 10;
      const endMinutes = Math.min(23 * 60 + 50, Math.ceil((car.minutes + duration / 60) / 10) * 10);
      const operatorClass = CLASSES[random.weighted(CLASS_WEIGHTS)] ?? 'C';
      const tripId = random.next() < 0.2 ? null : random.hex(32);
      const touchesCampaign = from.aom === campaign.aom || to.aom === campaign.aom;
      const operatorId = options.operatorIds[commuter.operator.name] ?? null;

      for (let p = 0; p < car.passengers; p += 1) {
        produced += 1;
        const passenger = commuter.passengers[p] as Person;
        const journeyId = demoJourneyId(options.seed, produced);
        const status = STATUSES[random.weighted(STATUS_WEIGHTS)] ?? 'ok';
        const contribution = Math.round((distance / 1000) * 8);
        const incentive = touchesCampaign && operatorClass !== 'A' ? demoIncentiveCents(distance) : null;
        const startLocal = formatLocal(year, month, day, startMinutes);
        const endLocal = formatLocal(year, month, day, endMinutes);
        yield {
          natural_key: naturalKey(journeyId, operatorId, null),
          journey_id: journeyId,
          operator_id: operatorId,
          operator_journey_id: random.hex(32),
          operator_trip_id: tripId,
          operator_class: operatorClass,
          status,
          acquisition_status: null,
          fraud_status: null,
          anomaly_status: null,
          start_at: parisLocalToUtc(year, month, day, Math.floor(startMinutes / 60), startMinutes % 60),
          end_at: parisLocalToUtc(year, month, day, Math.floor(endMinutes / 60), endMinutes % 60),
          start_local: startLocal,
          end_local: endLocal,
          duration_s: duration,
          distance_m: distance,
          start_lat: truncate3(from.lat + (random.next() - 0.5) * 0.02),
          start_lon: truncate3(from.lon + (random.next() - 0.5) * 0.02),
          start_insee: from.code,
          start_com: from.com ?? from.code,
          start_epci: from.epci,
          start_aom: from.aom,
          start_dep: from.dep,
          start_reg: region,
          start_country: FRANCE_COUNTRY_CODE,
          end_lat: truncate3(to.lat + (random.next() - 0.5) * 0.02),
          end_lon: truncate3(to.lon + (random.next() - 0.5) * 0.02),
          end_insee: to.code,
          end_com: to.com ?? to.code,
          end_epci: to.epci,
          end_aom: to.aom,
          end_dep: to.dep,
          end_reg: region,
          end_country: FRANCE_COUNTRY_CODE,
          seats: random.next() < 0.95 ? 1 : 2,
          driver_identity_key: commuter.driver.key,
          passenger_identity_key: passenger.key,
          operator_driver_id: commuter.driver.operatorUserId,
          operator_passenger_id: passenger.operatorUserId,
          driver_revenue_cents: contribution + (incentive ?? 0),
          passenger_contribution_cents: contribution,
          cee_application: random.next() < 0.05 ? 1 : 0,
          has_incentive: null,
          op_incentive_0_siret: null,
          op_incentive_0_name: incentive === null ? null : DEMO_AOM_NAMES[campaign.aom] ?? null,
          op_incentive_0_cents: incentive,
          op_incentive_1_siret: null,
          op_incentive_1_name: null,
          op_incentive_1_cents: null,
          op_incentive_2_siret: null,
          op_incentive_2_name: null,
          op_incentive_2_cents: null,
          rpc_incentive_0_campaign_id: incentive === null ? null : campaign.id,
          rpc_incentive_0_campaign_name: incentive === null ? null : campaign.name,
          rpc_incentive_0_siret: null,
          rpc_incentive_0_name: incentive === null ? null : DEMO_AOM_NAMES[campaign.aom] ?? null,
          rpc_incentive_0_cents: incentive,
          rpc_incentive_1_campaign_id: null,
          rpc_incentive_1_campaign_name: null,
          rpc_incentive_1_siret: null,
          rpc_incentive_1_name: null,
          rpc_incentive_1_cents: null,
          rpc_incentive_2_campaign_id: null,
          rpc_incentive_2_campaign_name: null,
          rpc_incentive_2_siret: null,
          rpc_incentive_2_name: null,
          rpc_incentive_2_cents: null,
          source_line: null,
        };
      }
    }
  }
}
