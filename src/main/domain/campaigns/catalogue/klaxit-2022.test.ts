import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetLeft, campaignTester, definitionOf, OP, repeated } from '../testing/trips';

const load = (id: string) => definitionOf(JSON.parse(readFileSync(new URL(`../../../../../resources/campaigns/${id}.json`, import.meta.url), 'utf8')));

describe('695 — Laval Agglomération', () => {
  const definition = load('695');
  const c = campaignTester(definition, { datetime: '2023-01-10T07:00:00Z', operator_uuid: OP.KLX, operator_class: 'B', start: { epci: '200083392' } });

  it('pays 0.50 € per seat from 2 km to 150 km excluded', () => {
    expect([1999, 2000, 149999, 150000].map((distance) => c.amount({ distance }))).toEqual([0, 50, 50, 0]);
    expect(c.amount({ seats: 3 })).toBe(150);
  });

  it('runs from 12 April 2022 to 28 February 2024, Klaxit only, 6 trips a day', () => {
    expect(c.eligible({ datetime: '2022-04-11T21:59:00Z' })).toBe(false);
    expect(c.eligible({ datetime: '2024-02-28T22:59:00Z' })).toBe(true);
    expect(c.eligible({ datetime: '2024-02-28T23:00:00Z' })).toBe(false);
    expect(c.eligible({ operator_uuid: OP.BBC })).toBe(false);
    expect(c.series(repeated(7, '2023-01-10T06:00:00Z'))).toEqual([50, 50, 50, 50, 50, 50, 0]);
  });
});

describe.each([
  ['713', '2022-06-01T07:00:00Z', '243700754'],
  ['766', '2022-06-01T07:00:00Z', '200023414'],
])('%s — 2 € + 0.10 €/km from 20 to 40 km, free ride', (id, datetime, epci) => {
  const definition = load(id);
  const c = campaignTester(definition, { datetime, operator_uuid: OP.KLX, operator_class: 'B', start: { epci } });

  it('pays 2 € per seat plus 0.10 €/km from 20 to 40 km per seat', () => {
    expect([2000, 30000, 45000].map((distance) => c.amount({ distance }))).toEqual([200, 300, 400]);
    expect(c.amount({ distance: 45000, seats: 2 })).toBe(800);
  });

  it('pays at least the driver’s revenue (free ride for the passenger)', () => {
    expect(c.amount({ distance: 30000, driver_revenue: 450 })).toBe(450);
    expect(c.amount({ distance: 30000, driver_revenue: 250 })).toBe(300);
    expect(c.amount({ distance: 30000, seats: 2, driver_revenue: 450 })).toBe(600);
    expect(c.amount({ distance: 30000, driver_revenue: null })).toBe(300);
  });

  it('takes 2 to 150 km excluded, 6 trips a day per driver, within the budget', () => {
    expect([1999, 149999, 150000].map((distance) => c.eligible({ distance }))).toEqual([false, true, false]);
    expect(c.series(repeated(7, datetime))).toEqual([200, 200, 200, 200, 200, 200, 0]);
    expect(c.series([{}, {}], { countersIn: budgetLeft(definition, 120) })).toEqual([120, 0]);
  });
});

describe('montpellier_2022 — Montpellier Méditerranée Métropole', () => {
  const definition = load('montpellier_2022');
  const c = campaignTester(definition, { datetime: '2023-01-10T07:00:00Z', operator_uuid: OP.KLX, start: { epci: '243400017' } });

  it('pays 1 € per seat plus 0.10 €/km from 10 to 20 km', () => {
    expect([2000, 15000, 25000].map((distance) => c.amount({ distance }))).toEqual([100, 150, 200]);
  });

  it('caps 150 € a month per driver, ends on 31 January 2023', () => {
    const countersIn = [{ counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period: 'month' as const, period_value: '2023-01', value: 14_950 }];
    expect(c.series([{ distance: 25000 }, { distance: 25000, driver_identity_key: 'driver-2' }], { countersIn })).toEqual([50, 200]);
    expect(c.eligible({ datetime: '2023-01-31T23:00:00Z' })).toBe(false);
  });
});

describe('cotentin_2023 — CA du Cotentin', () => {
  const definition = load('cotentin_2023');
  const c = campaignTester(definition, { datetime: '2023-06-10T07:00:00Z', operator_uuid: OP.KLX, start: { epci: '200067205' } });

  it('takes Klaxit until 31 March 2024, then BlaBlaCar Daily only', () => {
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-03-31T21:59:00Z' })).toBe(true);
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-03-31T22:00:00Z' })).toBe(false);
    expect(c.eligible({ operator_uuid: OP.BBC, datetime: '2024-03-31T22:00:00Z' })).toBe(true);
    expect(c.eligible({ operator_uuid: OP.BBC })).toBe(false);
  });

  it('pays 2 € plus 0.10 €/km from 20 to 40 km per seat, at least the driver’s revenue, 6 trips a day', () => {
    expect(c.amount({ distance: 25000 })).toBe(250);
    expect(c.amount({ distance: 25000, driver_revenue: 380 })).toBe(380);
    expect(c.series(repeated(7, '2023-06-10T06:00:00Z'))).toEqual([200, 200, 200, 200, 200, 200, 0]);
  });
});

describe('lannion_2022 — Lannion-Trégor 2022-2023', () => {
  const definition = load('lannion_2022');
  const c = campaignTester(definition, { datetime: '2023-05-10T07:00:00Z', operator_uuid: OP.KLX, start: { aom: '200065928' } });

  it('has no operator before 1 May 2023', () => {
    expect(c.reasons({ datetime: '2023-04-30T21:59:00Z' })).toEqual(['operator']);
    expect(c.eligible({ datetime: '2023-04-30T22:00:00Z' })).toBe(true);
  });

  it('pays 2 € plus 0.10 €/km from 20 to 40 km, at least the driver’s revenue, from 2 to 150 km excluded', () => {
    expect(c.amount({ distance: 40000 })).toBe(400);
    expect(c.amount({ distance: 10000, driver_revenue: 230 })).toBe(230);
    expect([1999, 150000].map((distance) => c.eligible({ distance }))).toEqual([false, false]);
    expect(c.eligible({ datetime: '2023-06-30T22:00:00Z' })).toBe(false);
  });
});
