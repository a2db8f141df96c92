import type { CampaignDefinition } from '../../../../shared/campaigns/definition-types';
import { REGISTRY_OPERATORS } from '../../trips/operators';
import type { CampaignTrip } from '../campaign-trip';
import { createCampaignRun, type CampaignResult, type RunOptions } from '../campaign-run';
import { compileCampaign, type CompileOverrides } from '../compile-campaign';
import { describeIssues } from '../../../../shared/campaigns/validate-definition';
import { loadCampaignDefinition } from '../load-definition';

/** Test helpers: trips with sensible defaults, and runs over a list of trips. */

/** Registry UUIDs of the operators the catalogue names, by the short names of campaigns.md §6. */
export const OP = {
  BBC: REGISTRY_OPERATORS.BLABLACAR_DAILY as string,
  KAR: REGISTRY_OPERATORS.KAROS as string,
  KLX: REGISTRY_OPERATORS.KLAXIT as string,
  MOB: REGISTRY_OPERATORS.MOBICOOP as string,
  YNS: REGISTRY_OPERATORS.YNSTANT as string,
  ATC: REGISTRY_OPERATORS.ATCHOUM as string,
  MOV: REGISTRY_OPERATORS.MOV_ICI as string,
  COC: REGISTRY_OPERATORS.COCCINELLE as string,
  OTHER: REGISTRY_OPERATORS.ECOV as string,
};

let sequence = 0;

/** A trip of one passenger: 10 km, class C, BlaBlaCar Daily, driver `driver-1`, a new passenger each time. */
export function trip(overrides: Partial<CampaignTrip> = {}): CampaignTrip {
  sequence += 1;
  return {
    datetime: '2024-04-16T06:00:00Z',
    distance: 10_000,
    seats: 1,
    operator_class: 'C',
    operator_uuid: OP.BBC,
    operator_id: 1,
    operator_journey_id: `journey-${sequence}`,
    operator_trip_id: `trip-${sequence}`,
    driver_identity_key: 'driver-1',
    passenger_identity_key: `passenger-${sequence}`,
    passenger_is_over_18: true,
    driver_revenue: 0,
    passenger_contribution: 0,
    start: {},
    end: {},
    start_lat: null,
    start_lon: null,
    end_lat: null,
    end_lon: null,
    ...overrides,
  };
}

/** A parsed JSON definition that must load; the test fails with the French issues otherwise. */
export function definitionOf(json: unknown): CampaignDefinition {
  const loaded = loadCampaignDefinition(json);
  if (!loaded.ok) throw new Error(describeIssues(loaded.issues));
  return loaded.definition;
}

/** A fresh run of a definition, so that every test starts from zero counters. */
export function runOf(definition: CampaignDefinition, overrides: CompileOverrides = {}, options: RunOptions = {}) {
  return createCampaignRun(compileCampaign(definition, overrides), { options });
}

/** Evaluates trips in order with one run and answers the results. */
export function evaluateAll(definition: CampaignDefinition, trips: readonly CampaignTrip[], overrides: CompileOverrides = {}, options: RunOptions = {}): CampaignResult[] {
  const run = runOf(definition, overrides, options);
  return trips.map((t) => run.evaluate(t));
}

/** The paid amounts (cents) of trips evaluated in order with one run. */
export function paid(definition: CampaignDefinition, trips: readonly CampaignTrip[], overrides: CompileOverrides = {}, options: RunOptions = {}): number[] {
  return evaluateAll(definition, trips, overrides, options).map((result) => result.amountCents);
}

/** The stateless amount (cents) of one trip with a fresh run: the formula alone, before limits. */
export function amountOf(definition: CampaignDefinition, overridesTrip: Partial<CampaignTrip>, overrides: CompileOverrides = {}): number {
  return runOf(definition, overrides).evaluate(trip(overridesTrip)).statelessAmountCents;
}

/** The reason codes of one trip with a fresh run (empty when paid in full). */
export function reasonsOf(definition: CampaignDefinition, overridesTrip: Partial<CampaignTrip>, overrides: CompileOverrides = {}): string[] {
  return runOf(definition, overrides).evaluate(trip(overridesTrip)).reasons.map((reason) => reason.code);
}

/** `count` trips of the same driver, one minute apart from `start` (UTC ISO). */
export function sameDriverTrips(count: number, start: string, overrides: Partial<CampaignTrip> = {}): CampaignTrip[] {
  const base = Date.parse(start);
  return Array.from({ length: count }, (_, i) => trip({ ...overrides, datetime: new Date(base + i * 60_000).toISOString() }));
}

/** A minimal valid definition (everything accepted, 1,00 € per trip, no limit) with some fields replaced. */
export function testDefinition(fields: Record<string, unknown> = {}): CampaignDefinition {
  return definitionOf({
    format: 1,
    id: 'test',
    name: 'Campagne de test',
    description: '',
    status: 'campaign',
    territory: {},
    window: { from: null, to: null },
    timezone: 'Europe/Paris',
    budget_cents: null,
    payee: 'driver',
    lists: {},
    shapes: {},
    rules: [{ from: null, eligibility: { type: 'all', of: [] }, amount: { type: 'fixed', cents: 100 } }],
    limits: [],
    ...fields,
  });
}

/** `testDefinition` with one rule version made of this eligibility and amount. */
export function ruleDefinition(eligibility: unknown, amount: unknown = { type: 'fixed', cents: 100 }, fields: Record<string, unknown> = {}): CampaignDefinition {
  return testDefinition({ rules: [{ from: null, eligibility, amount }], ...fields });
}

/** Counters as a run would persist them: what `countersIn` takes. */
type CountersIn = NonNullable<Parameters<typeof createCampaignRun>[1]>['countersIn'];

/** Budget counter of a campaign with only `left` cents left to spend. */
export function budgetLeft(definition: CampaignDefinition, left: number): NonNullable<CountersIn> {
  return [{ counter: 'amount_cents', target: 'campaign', period: 'campaign', value: (definition.budget_cents ?? 0) - left }];
}

/**
 * Trips of one campaign built from a valid `base` trip: `amount`, `eligible`, `reasons` evaluate one trip with a
 * fresh run; `series` evaluates several with one run (optionally resuming from counters).
 */
export function campaignTester(definition: CampaignDefinition, base: Partial<CampaignTrip>, overrides: CompileOverrides = {}) {
  const one = (changes: Partial<CampaignTrip> = {}) => runOf(definition, overrides).evaluate(trip({ ...base, ...changes }));
  return {
    result: one,
    amount: (changes: Partial<CampaignTrip> = {}) => one(changes).amountCents,
    eligible: (changes: Partial<CampaignTrip> = {}) => one(changes).eligible,
    reasons: (changes: Partial<CampaignTrip> = {}) => one(changes).reasons.map((reason) => reason.code),
    series(changes: ReadonlyArray<Partial<CampaignTrip>>, init: { countersIn?: CountersIn; options?: RunOptions } = {}): number[] {
      const run = createCampaignRun(compileCampaign(definition, overrides), init);
      return changes.map((c) => run.evaluate(trip({ ...base, ...c })).amountCents);
    },
  };
}

/** `count` times the same changes, `minutes` apart from `start` (UTC ISO): one driver's trips of a day. */
export function repeated(count: number, start: string, changes: Partial<CampaignTrip> = {}, minutes = 10): Array<Partial<CampaignTrip>> {
  const base = Date.parse(start);
  return Array.from({ length: count }, (_, i) => ({ ...changes, datetime: new Date(base + i * minutes * 60_000).toISOString() }));
}
