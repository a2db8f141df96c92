import { describe, expect, it } from 'vitest';
import { createCampaignRun } from './campaign-run';
import { compileCampaign } from './compile-campaign';
import { CampaignDefinitionError } from './definition-error';
import { evaluateAll, paid, ruleDefinition, sameDriverTrips, testDefinition, trip } from './testing/trips';

const fixed = (cents: number) => ({ type: 'fixed', cents });
const always = { type: 'all', of: [] };
const withAmount = (amount: unknown, fields: Record<string, unknown> = {}) =>
  testDefinition({ rules: [{ from: null, eligibility: always, amount }], ...fields });

describe('guard: window and territory', () => {
  const definition = testDefinition({ window: { from: '2024-01-01', to: '2024-01-31' }, territory: { aom: ['244400404'] } });
  const nantes = { aom: '244400404' };

  it('includes whole Paris days at both ends of the window', () => {
    const at = (datetime: string) => evaluateAll(definition, [trip({ datetime, start: nantes })])[0]?.eligible;
    expect(at('2023-12-31T22:59:59Z')).toBe(false);
    expect(at('2023-12-31T23:00:00Z')).toBe(true);
    expect(at('2024-01-31T22:59:59Z')).toBe(true);
    expect(at('2024-01-31T23:00:00Z')).toBe(false);
  });

  it('needs the start or the end in the territory', () => {
    const results = evaluateAll(definition, [
      trip({ datetime: '2024-01-10T08:00:00Z', end: nantes }),
      trip({ datetime: '2024-01-10T08:00:00Z', start: { aom: '244900015' }, end: { aom: '244900015' } }),
    ]);
    expect(results.map((r) => r.eligible)).toEqual([true, false]);
    expect(results[1]?.reasons[0]?.code).toBe('outside_territory');
  });

  it('takes window and territory overrides, e.g. for templates', () => {
    const overrides = { windowFrom: '2024-02-01', windowTo: '2024-02-29T12:00:00Z', selector: { aom: ['244900015'] } };
    const angers = { aom: '244900015' };
    const results = evaluateAll(definition, [
      trip({ datetime: '2024-01-10T08:00:00Z', start: angers }),
      trip({ datetime: '2024-02-29T12:00:00Z', start: angers }),
      trip({ datetime: '2024-02-29T12:00:01Z', start: angers }),
    ], overrides);
    expect(results.map((r) => r.reasons[0]?.code ?? 'ok')).toEqual(['outside_window', 'ok', 'outside_window']);
  });

  it('refuses an unreadable datetime with its own reason', () => {
    expect(evaluateAll(testDefinition(), [trip({ datetime: 'demain' })])[0]?.reasons[0]?.code).toBe('invalid_datetime');
  });
});

describe('rule versions', () => {
  const definition = testDefinition({
    rules: [
      { from: '2023-01-01', eligibility: always, amount: fixed(100) },
      { from: '2023-05-01T00:00:00Z', eligibility: { type: 'distance', min_m: 5000, bounds: '[)' }, amount: fixed(200) },
    ],
  });
  it('applies the version in force at the trip’s instant and none before the first', () => {
    const results = evaluateAll(definition, [
      trip({ datetime: '2022-12-31T22:30:00Z' }),
      trip({ datetime: '2022-12-31T23:30:00Z', distance: 3000 }),
      trip({ datetime: '2023-04-30T23:59:59Z', distance: 3000 }),
      trip({ datetime: '2023-05-01T00:00:00Z', distance: 3000 }),
      trip({ datetime: '2023-05-01T00:00:00Z', distance: 5000 }),
    ]);
    expect(results.map((r) => r.amountCents)).toEqual([0, 100, 100, 0, 200]);
    expect(results[0]?.reasons[0]?.code).toBe('no_rules');
    expect(results[4]?.ruleFrom).toBe('2023-05-01T00:00:00Z');
  });
});

describe('limits', () => {
  it('caps trips per driver and per Paris day (23:30 UTC belongs to the next day)', () => {
    const definition = withAmount(fixed(100), { limits: [{ counter: 'trips', target: 'driver', period: 'day', max: 2 }] });
    const amounts = paid(definition, [
      trip({ datetime: '2024-04-16T08:00:00Z' }),
      trip({ datetime: '2024-04-16T09:00:00Z' }),
      trip({ datetime: '2024-04-16T21:00:00Z' }),
      trip({ datetime: '2024-04-16T22:30:00Z' }),
      trip({ datetime: '2024-04-16T23:30:00Z', driver_identity_key: 'driver-2' }),
    ]);
    expect(amounts).toEqual([100, 100, 0, 100, 100]);
  });

  it('pays the remainder when an amount counter crosses its max, then 0', () => {
    const definition = withAmount(fixed(300), { limits: [{ counter: 'amount', target: 'driver', period: 'month', max: 1000 }] });
    const amounts = paid(definition, sameDriverTrips(5, '2024-04-10T08:00:00Z'));
    expect(amounts).toEqual([300, 300, 300, 100, 0]);
  });

  it('restarts monthly counters with the Paris month', () => {
    const definition = withAmount(fixed(300), { limits: [{ counter: 'amount', target: 'driver', period: 'month', max: 500 }] });
    const amounts = paid(definition, [
      trip({ datetime: '2024-04-30T20:00:00Z' }),
      trip({ datetime: '2024-04-30T21:00:00Z' }),
      trip({ datetime: '2024-04-30T22:30:00Z' }),
    ]);
    expect(amounts).toEqual([300, 200, 300]);
    const utc = paid(definition, [trip({ datetime: '2024-04-30T20:00:00Z' }), trip({ datetime: '2024-04-30T21:00:00Z' }), trip({ datetime: '2024-04-30T22:30:00Z' })], {}, { periodCalendar: 'utc' });
    expect(utc).toEqual([300, 200, 0]);
  });

  it('applies limits by priority: trip counts before amounts, whatever the declaration order', () => {
    const definition = withAmount(fixed(300), {
      limits: [
        { counter: 'amount', target: 'driver', period: 'month', max: 500 },
        { counter: 'trips', target: 'driver', period: 'day', max: 1 },
      ],
    });
    const run = createCampaignRun(compileCampaign(definition));
    const first = run.evaluate(trip({ datetime: '2024-04-16T08:00:00Z' }));
    expect(first.limitsApplied.map((l) => l.counter)).toEqual(['trip_count', 'amount_cents']);
    const second = run.evaluate(trip({ datetime: '2024-04-16T09:00:00Z' }));
    expect(second.amountCents).toBe(0);
    // The trip limit zeroed the amount first: the month amount counter was not touched.
    expect(run.countersOut()).toEqual([{ counter: 'amount_cents', target: 'driver', identity_key: 'driver-1', period: 'month', period_value: '2024-04', value: 300 }]);
  });

  it('does not roll back earlier counters when the budget cuts (registry), unless asked', () => {
    const definition = withAmount(fixed(150), { budget_cents: 200, limits: [{ counter: 'amount', target: 'driver', period: 'month', max: 15000 }] });
    const trips = sameDriverTrips(3, '2024-04-10T08:00:00Z');
    const registry = createCampaignRun(compileCampaign(definition));
    expect(trips.map((t) => registry.evaluate(t).amountCents)).toEqual([150, 50, 0]);
    const month = (run: typeof registry) => run.countersOut().find((c) => c.target === 'driver')?.value;
    // The third trip still counted its 150 in the month before the budget zeroed it (IDFM spec: +150, paid 0).
    expect(month(registry)).toBe(450);
    const clean = createCampaignRun(compileCampaign(definition), { options: { rollbackCounters: true } });
    expect(trips.map((t) => clean.evaluate(t).amountCents)).toEqual([150, 50, 0]);
    expect(month(clean)).toBe(200);
  });

  it('consumes nothing for a zero amount', () => {
    const definition = withAmount(
      { type: 'slices', mode: 'cumulative', slices: [{ from_m: 5000, amount: fixed(150) }] },
      { limits: [{ counter: 'trips', target: 'driver', period: 'day', max: 1 }] },
    );
    const run = createCampaignRun(compileCampaign(definition));
    const zero = run.evaluate(trip({ distance: 4999 }));
    expect(zero).toMatchObject({ eligible: true, amountCents: 0, limitsApplied: [] });
    expect(zero.reasons.map((r) => r.code)).toEqual(['zero_amount']);
    expect(run.evaluate(trip({ distance: 5000 })).amountCents).toBe(150);
    expect(run.countersOut({ includeDays: true })).toHaveLength(1);
  });

  it('counts seats per operator trip, checking before adding (so it may overshoot), and skips trips without id', () => {
    const definition = withAmount({ type: 'per_seat', of: fixed(100) }, { limits: [{ counter: 'seats', target: 'operator_trip', period: 'day', max: 3 }] });
    const same = { operator_trip_id: 'T1', operator_id: 7 };
    const amounts = paid(definition, [
      trip({ ...same, seats: 2 }),
      trip({ ...same, seats: 2 }),
      trip({ ...same, seats: 1 }),
      trip({ operator_trip_id: null, seats: 1 }),
    ]);
    expect(amounts).toEqual([200, 200, 0, 100]);
    const run = createCampaignRun(compileCampaign(definition));
    run.evaluate(trip({ ...same, seats: 2 }));
    expect(run.countersOut({ includeDays: true })).toEqual([
      { counter: 'seat_count', target: 'operator_trip', operator_trip: '7.T1', period: 'day', period_value: '2024-04-16', value: 2 },
    ]);
  });

  it('reproduces negative amounts and can clamp them to 0', () => {
    const definition = withAmount(fixed(-50), { budget_cents: 1000 });
    expect(paid(definition, [trip()])).toEqual([-50]);
    expect(paid(definition, [trip()], {}, { clampNegativeAmounts: true })).toEqual([0]);
  });
});

describe('counters registered at +0 (campaigns.md §5.12)', () => {
  it('keeps the key of a limit the trip never reached: a passenger’s day limit zeroes it, the driver’s month key is at 0', () => {
    const definition = withAmount(fixed(100), {
      limits: [
        { counter: 'trips', target: 'passenger', period: 'day', max: 1 },
        { counter: 'amount', target: 'driver', period: 'month', max: 10_000 },
      ],
    });
    const run = createCampaignRun(compileCampaign(definition));
    expect(run.evaluate(trip({ passenger_identity_key: 'p', driver_identity_key: 'd1' })).amountCents).toBe(100);
    const cut = run.evaluate(trip({ passenger_identity_key: 'p', driver_identity_key: 'd2', datetime: '2024-04-16T07:00:00Z' }));
    expect(cut.amountCents).toBe(0);
    // The limits phase stopped at the passenger's limit: the driver's month limit did not count the trip…
    expect(cut.limitsApplied.map((l) => l.counter)).toEqual(['trip_count']);
    // …but its key was registered before anything was cut, and is written at 0; day keys stay out unless asked.
    expect(run.countersOut()).toEqual([
      { counter: 'amount_cents', target: 'driver', identity_key: 'd1', period: 'month', period_value: '2024-04', value: 100 },
      { counter: 'amount_cents', target: 'driver', identity_key: 'd2', period: 'month', period_value: '2024-04', value: 0 },
    ]);
    expect(run.countersOut({ includeDays: true }).filter((c) => c.period === 'day')).toEqual([
      { counter: 'trip_count', target: 'passenger', identity_key: 'p', period: 'day', period_value: '2024-04-16', value: 1 },
    ]);
  });

  it('registers every limit of an eligible trip paid 0, budget included, without consuming; ineligible trips register nothing', () => {
    const definition = ruleDefinition(
      { type: 'distance', min_m: 2000, bounds: '[)' },
      { type: 'slices', mode: 'cumulative', slices: [{ from_m: 5000, amount: fixed(150) }] },
      {
        budget_cents: 1000,
        limits: [
          { counter: 'trips', target: 'driver', period: 'day', max: 6 },
          { counter: 'amount', target: 'driver', period: 'month', max: 5000 },
          { counter: 'seats', target: 'operator_trip', period: 'day', max: 3 },
        ],
      },
    );
    const run = createCampaignRun(compileCampaign(definition));
    const results = [
      run.evaluate(trip({ distance: 4999, driver_identity_key: 'd1', operator_id: 7, operator_trip_id: 'T1' })),
      run.evaluate(trip({ distance: 1999, driver_identity_key: 'd2' })),
      run.evaluate(trip({ distance: 4999, driver_identity_key: 'd3', operator_trip_id: null })),
    ];
    expect(results.map((r) => [r.eligible, r.amountCents])).toEqual([[true, 0], [false, 0], [true, 0]]);
    expect(run.countersOut({ includeDays: true })).toEqual([
      // Without an operator trip id the seat limit has no key to register (d3).
      { counter: 'seat_count', target: 'operator_trip', operator_trip: '7.T1', period: 'day', period_value: '2024-04-16', value: 0 },
      { counter: 'trip_count', target: 'driver', identity_key: 'd1', period: 'day', period_value: '2024-04-16', value: 0 },
      { counter: 'trip_count', target: 'driver', identity_key: 'd3', period: 'day', period_value: '2024-04-16', value: 0 },
      { counter: 'amount_cents', target: 'driver', identity_key: 'd1', period: 'month', period_value: '2024-04', value: 0 },
      { counter: 'amount_cents', target: 'driver', identity_key: 'd3', period: 'month', period_value: '2024-04', value: 0 },
      { counter: 'amount_cents', target: 'campaign', period: 'campaign', value: 0 },
    ]);
  });

  it('reads keys registered at 0 back as counters in, and writes them out unchanged', () => {
    const definition = withAmount(fixed(0), { limits: [{ counter: 'amount', target: 'driver', period: 'year', max: 500 }] });
    const first = createCampaignRun(compileCampaign(definition));
    first.evaluate(trip());
    const saved = first.countersOut();
    expect(saved).toEqual([{ counter: 'amount_cents', target: 'driver', identity_key: 'driver-1', period: 'year', period_value: '2024', value: 0 }]);
    const resumed = createCampaignRun(compileCampaign(definition), { countersIn: saved });
    expect(resumed.countersOut()).toEqual(saved);
  });
});

describe('counters in and out', () => {
  const definition = withAmount(fixed(300), {
    budget_cents: 1000,
    limits: [
      { counter: 'amount', target: 'driver', period: 'month', max: 500 },
      { counter: 'trips', target: 'passenger', period: 'day', max: 5 },
    ],
  });

  it('resumes from persisted counters', () => {
    const countersIn = [
      { counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period: 'month' as const, period_value: '2024-04', value: 400 },
      { counter: 'amount_cents' as const, target: 'campaign' as const, period: 'campaign' as const, value: 950 },
    ];
    const run = createCampaignRun(compileCampaign(definition), { countersIn });
    expect(run.evaluate(trip()).amountCents).toBe(50);
    expect(run.evaluate(trip({ driver_identity_key: 'driver-2' })).amountCents).toBe(0);
    const out = run.countersOut();
    expect(out).toContainEqual({ counter: 'amount_cents', target: 'campaign', period: 'campaign', value: 1000 });
    // The month limit paid 100 and set its counter to the max before the budget cut the amount to 50.
    expect(out).toContainEqual({ counter: 'amount_cents', target: 'driver', identity_key: 'driver-1', period: 'month', period_value: '2024-04', value: 500 });
    // Day counters are not persisted by default.
    expect(out.some((c) => c.period === 'day')).toBe(false);
    expect(run.countersOut({ includeDays: true }).filter((c) => c.period === 'day')).toHaveLength(2);
  });

  it('refuses malformed counters with their path', () => {
    const countersIn = [{ counter: 'amount_cents', target: 'driver', period: 'month', period_value: '2024-4', value: 1 }] as never;
    expect(() => createCampaignRun(compileCampaign(definition), { countersIn })).toThrow(/\[0\]\.period_value/);
  });
});

describe('compile errors', () => {
  it('reports unknown list overrides and bad window overrides with their paths', () => {
    const definition = testDefinition({ lists: { booster_dates: { kind: 'dates', values: [] } } });
    try {
      compileCampaign(definition, { lists: { boosters: [], booster_dates: ['16/04/2024'] }, windowFrom: 'avril' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CampaignDefinitionError);
      expect((error as CampaignDefinitionError).issues.map((i) => i.path)).toEqual(['lists.boosters', 'lists.booster_dates[0]', 'window.from']);
    }
  });
});
