import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import { compileCampaign, createCampaignRun, type CampaignTrip, type TripPlace } from '../campaigns';
import { REGISTRY_OPERATORS } from '../trips/operators';

/** Distances sampled, metres: every 500 m from 500 m to 100 km. */
export const SAMPLE_METRES: readonly number[] = Array.from({ length: 200 }, (_, index) => (index + 1) * 500);

/** Distances at which an operator or a proof class is tried: a rule's range holds at least one of them. */
const PROBE_METRES = [3_000, 10_000, 20_000, 40_000] as const;

/** What a campaign pays a sample trip, read off its engine rather than its JSON (rules can be written many ways). */
export interface CampaignSamples {
  /** Cents for one passenger at each distance of `SAMPLE_METRES`: the most over the sample places, never below 0. */
  cents: number[];
  /** Registry operators (constant names) its rules accept on the sample day. */
  operators: string[];
  /** Proof classes its rules accept. */
  classes: Array<'A' | 'B' | 'C'>;
  /** The day sampled: a Tuesday of its window, as late as possible (the rules in force last). */
  day: string;
}

const DAY_MS = 86_400_000;

/**
 * A Tuesday at 06:00 UTC (8:00 in Paris in summer, 7:00 in winter: a commuting hour, away from week-end and Monday
 * rules) inside the window, as late as the window and `today` allow; the window's first instant when it holds none.
 */
function sampleInstant(windowFrom: number, windowTo: number, today: string): number {
  const end = Math.min(windowTo, Date.parse(`${today}T23:59:59Z`));
  const endDay = new Date(end);
  let instant = Date.UTC(endDay.getUTCFullYear(), endDay.getUTCMonth(), endDay.getUTCDate(), 6);
  while (new Date(instant).getUTCDay() !== 2 || instant > end) instant -= DAY_MS;
  return instant >= windowFrom ? instant : windowFrom;
}

/** A sample trip: one passenger, a small contribution (some rules want one), no driver revenue (no free-ride top-up). */
function sampleTrip(datetime: string, distance: number, operatorUuid: string, operatorClass: 'A' | 'B' | 'C', start: TripPlace, end: TripPlace): CampaignTrip {
  return {
    datetime, distance, seats: 1, operator_class: operatorClass, operator_uuid: operatorUuid, operator_id: 1, operator_journey_id: 'echantillon',
    operator_trip_id: 'echantillon', driver_identity_key: 'conducteur', passenger_identity_key: 'passager', passenger_is_over_18: true,
    driver_revenue: 0, passenger_contribution: 50, start, end, start_lat: null, start_lon: null, end_lat: null, end_lon: null,
  };
}

/**
 * Samples what a campaign pays by distance between pairs of places of its territory (start and end), on one day of
 * its window no later than `today`: the operators and classes its rules accept, then the amount at every 500 m with
 * the first operator accepted. Amounts before limits (a fresh trip each time: no cap applies).
 */
export function sampleCampaign(definition: CampaignDefinition, pairs: ReadonlyArray<readonly [TripPlace, TripPlace]>, today: string): CampaignSamples {
  const compiled = compileCampaign(definition);
  const run = createCampaignRun(compiled, { options: { explain: false } });
  const instant = sampleInstant(compiled.windowFrom, compiled.windowTo, today);
  const datetime = new Date(instant).toISOString();
  const best = (distance: number, uuid: string, operatorClass: 'A' | 'B' | 'C'): number =>
    Math.max(0, ...pairs.map(([start, end]) => run.evaluate(sampleTrip(datetime, distance, uuid, operatorClass, start, end)).statelessAmountCents));
  const accepts = (uuid: string, operatorClass: 'A' | 'B' | 'C'): boolean =>
    PROBE_METRES.some((distance) => pairs.some(([start, end]) => run.evaluate(sampleTrip(datetime, distance, uuid, operatorClass, start, end)).eligible));
  const operators = Object.entries(REGISTRY_OPERATORS).filter(([, uuid]) => accepts(uuid, 'C') || accepts(uuid, 'B')).map(([name]) => name);
  const firstUuid = operators[0] === undefined ? undefined : REGISTRY_OPERATORS[operators[0]];
  const classes = firstUuid === undefined ? [] : (['A', 'B', 'C'] as const).filter((operatorClass) => accepts(firstUuid, operatorClass));
  const operatorClass = classes.includes('C') ? 'C' : classes.at(-1);
  const cents = SAMPLE_METRES.map((distance) => (firstUuid === undefined || operatorClass === undefined ? 0 : best(distance, firstUuid, operatorClass)));
  return { cents, operators, classes, day: datetime.slice(0, 10) };
}

/** Distance classes of the statistics (`distanceBands`), metres: 0–10, 10–20, 20–30, 30–40, 40–50, ≥ 50 km. */
const BANDS: ReadonlyArray<readonly [number, number]> = [
  [0, 10_000], [10_000, 20_000], [20_000, 30_000], [30_000, 40_000], [40_000, 50_000],
  // Journeys of 50 km and more are rarely over 80 km (the registry's usual ceiling): the band is sampled up to there.
  [50_000, 80_001],
];

/** Share (0–1) of each distance class's sample distances the campaign pays. */
export function paidShareByBand(samples: Pick<CampaignSamples, 'cents'>): number[] {
  return BANDS.map(([low, high]) => {
    const inBand = SAMPLE_METRES.map((metres, index) => [metres, samples.cents[index] ?? 0] as const).filter(([metres]) => metres >= low && metres < high);
    return inBand.filter(([, cents]) => cents > 0).length / inBand.length;
  });
}

/**
 * Share (0–1) of a territory's journeys, by their distance classes, that the campaign's distance rules pay; null
 * when the territory has no journey to weigh with.
 */
export function distanceFit(samples: Pick<CampaignSamples, 'cents'>, distanceBands: readonly number[]): number | null {
  const total = distanceBands.reduce((sum, count) => sum + Math.max(0, count), 0);
  if (total === 0) return null;
  const shares = paidShareByBand(samples);
  return distanceBands.reduce((sum, count, band) => sum + (Math.max(0, count) / total) * (shares[band] ?? 0), 0);
}

/** `5` for 5 000 m, `4,5` for 4 500 m. */
const km = (metres: number): string => String(metres / 1000).replace('.', ',');

/**
 * The distances a campaign pays, in French, from its samples: `de 5 à 60 km`, `à partir de 2 km`, `jusqu’à 30 km`,
 * several ranges joined by `et`; empty when it pays none.
 */
export function paidDistances(samples: Pick<CampaignSamples, 'cents'>): string {
  const ranges: Array<[number, number]> = [];
  SAMPLE_METRES.forEach((metres, index) => {
    if ((samples.cents[index] ?? 0) <= 0) return;
    const last = ranges.at(-1);
    if (last && last[1] === metres - 500) last[1] = metres;
    else ranges.push([metres, metres]);
  });
  const first = SAMPLE_METRES[0];
  const final = SAMPLE_METRES.at(-1);
  return ranges
    .map(([from, to]) => {
      if (from === first && to === final) return 'de toute distance';
      if (to === final) return `à partir de ${km(from)} km`;
      if (from === first) return `jusqu’à ${km(to)} km`;
      return `de ${km(from)} à ${km(to)} km`;
    })
    .join(' et ');
}
