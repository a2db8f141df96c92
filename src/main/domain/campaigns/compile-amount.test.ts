import { describe, expect, it } from 'vitest';
import type { CampaignTrip } from './campaign-trip';
import { ruleDefinition, runOf, testDefinition, trip } from './testing/trips';

const always = { type: 'all', of: [] };

/** Stateless amount (cents) of one trip under an amount formula. */
function amount(formula: unknown, overrides: Partial<CampaignTrip> = {}, fields: Record<string, unknown> = {}, lists?: Record<string, string[]>): number {
  return runOf(ruleDefinition(always, formula, fields), lists ? { lists } : {}).evaluate(trip(overrides)).statelessAmountCents;
}

const perKm = (cents_per_km: number, from_m: number, to_m: number | null) => ({ type: 'per_km', cents_per_km, from_m, to_m });

describe('per_km', () => {
  it('counts the part of the distance between from and to', () => {
    expect([15000, 20000, 23920, 50000, 60000].map((distance) => amount(perKm(10, 20000, 50000), { distance }))).toEqual([0, 0, 39, 300, 300]);
    expect(amount(perKm(12.5, 20000, 40000), { distance: 30000 })).toBe(125);
    expect(amount({ type: 'per_km', cents_per_km: 10 }, { distance: 23456 })).toBe(235);
  });

  it('rounds the km count first when asked (Occitanie)', () => {
    const rounded = { ...perKm(10, 20000, 30000), km_rounding: 'round' };
    expect(amount(rounded, { distance: 24499 })).toBe(40);
    expect(amount(rounded, { distance: 24500 })).toBe(50);
    expect(amount(perKm(10, 20000, 30000), { distance: 24499 })).toBe(45);
  });
});

describe('rounding', () => {
  it('rounds once, half up, after every multiplication (IDFM booster example: 358.8 → 359)', () => {
    const formula = { type: 'scale', factor: 1.5, of: { type: 'sum', of: [{ type: 'fixed', cents: 150 }, perKm(10, 15000, 30000)] } };
    expect(amount(formula, { distance: 23920 })).toBe(359);
    // Two terms of 0.4 c would each round to 0; summed before rounding they make 1 c.
    expect(amount({ type: 'sum', of: [{ type: 'fixed', cents: 0.4 }, { type: 'fixed', cents: 0.4 }] })).toBe(1);
    expect(amount({ type: 'fixed', cents: 0.5 })).toBe(1);
    expect(amount({ type: 'fixed', cents: -2.5 })).toBe(-2);
  });
});

describe('per_seat', () => {
  it('multiplies by the seats, 0 counting as 1', () => {
    const formula = { type: 'per_seat', of: { type: 'fixed', cents: 200 } };
    expect([0, 1, 3].map((seats) => amount(formula, { seats }))).toEqual([200, 200, 600]);
  });
});

describe('slices', () => {
  const cumulative = {
    type: 'slices',
    mode: 'cumulative',
    slices: [
      { from_m: 2000, amount: { type: 'fixed', cents: 200 } },
      { from_m: 20000, amount: perKm(10, 20000, 50000) },
    ],
  };
  const exclusive = {
    type: 'slices',
    mode: 'exclusive',
    slices: [
      { from_m: 2000, to_m: 20000, amount: { type: 'fixed', cents: 200 } },
      { from_m: 20000, amount: perKm(10, 0, null) },
    ],
  };
  it('adds every cumulative slice whose start is reached', () => {
    expect([1999, 2000, 25000, 80000].map((distance) => amount(cumulative, { distance }))).toEqual([0, 200, 250, 500]);
  });

  it('takes the one exclusive band containing the distance (lower bound included)', () => {
    expect([1999, 2000, 19999, 20000, 35000].map((distance) => amount(exclusive, { distance }))).toEqual([0, 200, 200, 200, 350]);
  });
});

describe('choose, boost, free_ride, min, max, field', () => {
  it('takes the first case that holds, else otherwise', () => {
    const formula = {
      type: 'choose',
      cases: [
        { when: { type: 'distance', min_m: 30000, bounds: '[)' }, amount: { type: 'fixed', cents: 300 } },
        { when: { type: 'distance', min_m: 10000, bounds: '[)' }, amount: { type: 'fixed', cents: 200 } },
      ],
      otherwise: { type: 'fixed', cents: 100 },
    };
    expect([5000, 10000, 40000].map((distance) => amount(formula, { distance }))).toEqual([100, 200, 300]);
  });

  it('applies only the first matching booster (no stacking)', () => {
    const formula = {
      type: 'boost',
      of: { type: 'fixed', cents: 200 },
      boosters: [
        { when: { type: 'date_in', dates: { list: 'booster_dates' } }, factor: 1.5 },
        { when: { type: 'territory', at: 'either', in: { com: ['95074'] } }, factor: 2 },
      ],
    };
    const fields = { lists: { booster_dates: { kind: 'dates', values: ['2024-04-16'] } } };
    expect(amount(formula, { datetime: '2024-04-16T06:00:00Z', start: { com: '95074' } }, fields)).toBe(300);
    expect(amount(formula, { datetime: '2024-04-17T06:00:00Z', start: { com: '95074' } }, fields)).toBe(400);
    expect(amount(formula, { datetime: '2024-04-17T06:00:00Z' }, fields)).toBe(200);
    expect(amount(formula, { datetime: '2024-04-16T06:00:00Z' }, fields, { booster_dates: [] })).toBe(200);
  });

  it('pays at least the driver’s revenue with free_ride, and the amount alone when the revenue is unknown', () => {
    const formula = { type: 'free_ride', of: { type: 'fixed', cents: 200 } };
    expect([150, 200, 450, null].map((driver_revenue) => amount(formula, { driver_revenue }))).toEqual([200, 200, 450, 200]);
  });

  it('computes the contribution formula, which may go negative', () => {
    const formula = {
      type: 'min',
      of: [
        { type: 'fixed', cents: 200 },
        { type: 'sum', of: [{ type: 'fixed', cents: 200 }, { type: 'scale', factor: -1, of: { type: 'field', field: 'passenger_contribution' } }] },
      ],
    };
    expect([0, 50, 350, null].map((passenger_contribution) => amount(formula, { passenger_contribution }))).toEqual([200, 150, -150, 200]);
    expect(amount({ type: 'max', of: [{ type: 'fixed', cents: 1 }, { type: 'field', field: 'driver_revenue' }] }, { driver_revenue: 70 })).toBe(70);
  });
});

describe('explanations', () => {
  it('returns the tree of terms with labels, values and details', () => {
    const definition = testDefinition({
      rules: [{ from: null, eligibility: always, amount: { type: 'per_seat', of: { type: 'sum', of: [{ type: 'fixed', cents: 150 }, perKm(10, 15000, 30000)] } } }],
    });
    const result = runOf(definition).evaluate(trip({ distance: 23920, seats: 2 }));
    expect(result.statelessAmountCents).toBe(478);
    expect(result.terms).toMatchObject({
      code: 'per_seat',
      detail: '× 2 place(s)',
      children: [
        {
          code: 'sum',
          children: [
            { code: 'fixed', label: '1,50 €', cents: 150 },
            { code: 'per_km', label: '0,10 €/km de 15 km à 30 km', detail: '8,92 km comptés' },
          ],
        },
      ],
    });
    expect(runOf(definition, {}, { explain: false }).evaluate(trip({ distance: 23920 })).terms).toBeNull();
  });
});
