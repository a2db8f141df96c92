import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignTester, definitionOf, OP, repeated } from '../testing/trips';

const load = (id: string) => definitionOf(JSON.parse(readFileSync(new URL(`../../../../../resources/campaigns/${id}.json`, import.meta.url), 'utf8')));

describe('larochelle_2023 — La Rochelle 2023-2024', () => {
  const definition = load('larochelle_2023');
  const c = campaignTester(definition, { datetime: '2023-03-10T07:00:00Z', operator_uuid: OP.KLX, operator_class: 'B', start: { epci: '241700434' } });

  it('pays 1.50 € plus 0.10 €/km from 15 to 30 km from 2 km until the switch', () => {
    expect([2000, 20000, 80000].map((distance) => c.amount({ distance }))).toEqual([150, 200, 300]);
  });

  it('switches at midnight UTC on 1 May 2023, as the registry does', () => {
    // 23:30 UTC on 30 April is already 1 May in Paris, but still the old rules.
    expect(c.amount({ distance: 3000, datetime: '2023-04-30T23:30:00Z' })).toBe(150);
    expect(c.result({ distance: 3000, datetime: '2023-05-01T00:00:00Z' })).toMatchObject({ eligible: false, ruleFrom: '2023-05-01T00:00:00Z' });
  });

  it('then pays 1 € plus 0.10 €/km from 10 to 20 km, from 5 km to 70 km excluded', () => {
    const after = { datetime: '2023-06-10T07:00:00Z' };
    expect([4999, 5000, 15000, 69999, 70000].map((distance) => c.amount({ ...after, distance }))).toEqual([0, 100, 150, 200, 0]);
  });

  it('caps 80 € a month per driver', () => {
    const countersIn = [{ counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period: 'month' as const, period_value: '2023-06', value: 7_950 }];
    expect(c.series([{ datetime: '2023-06-10T07:00:00Z' }, { datetime: '2023-06-10T08:00:00Z' }], { countersIn })).toEqual([50, 0]);
  });
});

describe('vitre — Vitré Communauté', () => {
  const definition = load('vitre');
  const VITRE = { aom: '200039022', com: '35360' };
  const OTHER = { aom: '243500139', com: '35238' };
  const c = campaignTester(definition, { datetime: '2023-09-10T07:00:00Z', operator_uuid: OP.KLX, start: { aom: '200039022', com: '35001' }, end: { aom: '200039022', com: '35002' } });

  it('pays 1.50 € plus 0.10 €/km from 15 to 30 km with no maximum distance before 17 July 2023', () => {
    expect(c.amount({ distance: 70000, datetime: '2023-07-16T21:59:00Z' })).toBe(300);
  });

  it('from 17 July 2023: 1 € plus 0.10 €/km from 10 to 20 km, 60 km at most', () => {
    expect([20000, 60000, 60001].map((distance) => c.amount({ distance }))).toEqual([200, 200, 0]);
    expect(c.eligible({ distance: 60001 })).toBe(false);
  });

  it('requires trips from or to commune 35360 to have their other end in Vitré Communauté', () => {
    expect(c.eligible({ start: VITRE, end: { aom: '200039022', com: '35001' } })).toBe(true);
    expect(c.eligible({ start: VITRE, end: OTHER })).toBe(false);
    expect(c.eligible({ start: OTHER, end: VITRE })).toBe(false);
    expect(c.eligible({ start: OTHER, end: VITRE, datetime: '2023-07-16T10:00:00Z' })).toBe(true);
  });

  it('moves from Klaxit to BlaBlaCar Daily on 11 March 2024, 2 trips a day per passenger', () => {
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-03-10T22:59:00Z' })).toBe(true);
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-03-10T23:00:00Z' })).toBe(false);
    expect(c.eligible({ operator_uuid: OP.BBC, datetime: '2024-03-10T23:00:00Z' })).toBe(true);
    const samePassenger = Array.from({ length: 3 }, (_, i) => ({ passenger_identity_key: 'p', driver_identity_key: `d${i}` }));
    expect(c.series(samePassenger)).toEqual([100, 100, 0]);
  });
});

describe('smt_2023 — Syndicat des Mobilités de Touraine 2023-2025', () => {
  const definition = load('smt_2023');
  const c = campaignTester(definition, { datetime: '2023-03-10T08:00:00Z', operator_uuid: OP.KLX, start: { epci: '243700754' } });

  it('pays 2 € plus 0.10 €/km from 20 to 40 km with no maximum before 15 April 2023 (trip date, not wall clock)', () => {
    expect(c.amount({ distance: 45000 })).toBe(400);
  });

  it('then takes 30 km at most and pays the km part up to 30 km', () => {
    const after = { datetime: '2023-05-10T07:00:00Z' };
    expect(c.amount({ ...after, distance: 30000 })).toBe(300);
    expect(c.eligible({ ...after, distance: 30001 })).toBe(false);
  });

  it('adds BlaBlaCar Daily on 15 February 2024 and caps 150 € a month per driver', () => {
    expect(c.eligible({ operator_uuid: OP.BBC, datetime: '2024-02-14T12:00:00Z' })).toBe(false);
    expect(c.eligible({ operator_uuid: OP.BBC, datetime: '2024-02-15T12:00:00Z' })).toBe(true);
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-02-15T12:00:00Z' })).toBe(true);
    const countersIn = [{ counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period: 'month' as const, period_value: '2023-03', value: 14_999 }];
    expect(c.series([{}, {}], { countersIn })).toEqual([1, 0]);
  });
});

describe('atmb_2023 — ATMB / Arve et Mont-Blanc', () => {
  const definition = load('atmb_2023');
  const c = campaignTester(definition, { datetime: '2023-06-10T07:00:00Z', operator_uuid: OP.KAR, start: { aom: '200033116' }, end: { epci: '200034098' } });

  it('pays 2 € plus 0.10 €/km from 20 to 40 km from 4 km', () => {
    expect([3999, 4000, 50000].map((distance) => c.amount({ distance }))).toEqual([0, 200, 400]);
  });

  it('shrinks its perimeter on 18 December 2023', () => {
    const leaving = { start: { aom: '247000623' }, end: { epci: '200070852' } };
    expect(c.eligible({ ...leaving, datetime: '2023-12-17T22:59:00Z' })).toBe(true);
    expect(c.eligible({ ...leaving, datetime: '2023-12-17T23:00:00Z' })).toBe(false);
    expect(c.eligible({ datetime: '2023-12-17T23:00:00Z' })).toBe(true);
  });

  it('caps 50 € a month per driver', () => {
    expect(c.series(repeated(30, '2023-06-10T05:00:00Z', { distance: 40000 })).filter((amount) => amount > 0)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 200]);
  });
});

describe('SiouleLimagne_2024_09 — Saint-Pourçain Sioule Limagne', () => {
  const definition = load('SiouleLimagne_2024_09');
  const base = { operator_uuid: OP.BBC, operator_class: 'B' as const, start: { epci: '200071389' } };
  const c = campaignTester(definition, base);
  const early = campaignTester(definition, base, { windowFrom: '2024-09-01' });

  it('pays 2 € per seat during the launch month, then 1.50 € from 15 October 2024', () => {
    expect(c.amount({ datetime: '2024-09-20T07:00:00Z', seats: 2 })).toBe(400);
    expect(c.amount({ datetime: '2024-10-14T21:59:00Z' })).toBe(200);
    expect(c.amount({ datetime: '2024-10-14T22:00:00Z' })).toBe(150);
  });

  it('pays 0 € before 15 September and has no operator before 13 September (seen with a wider window)', () => {
    expect(c.reasons({ datetime: '2024-09-14T07:00:00Z' })).toEqual(['outside_window']);
    expect(early.result({ datetime: '2024-09-14T07:00:00Z' })).toMatchObject({ eligible: true, amountCents: 0 });
    expect(early.reasons({ datetime: '2024-09-12T07:00:00Z' })).toEqual(['operator']);
  });

  it('needs an adult (or unknown) passenger, 2 to 80 km excluded, 6 trips a day', () => {
    expect(c.eligible({ datetime: '2024-11-05T07:00:00Z', passenger_is_over_18: false })).toBe(false);
    expect([1999, 79999, 80000].map((distance) => c.eligible({ datetime: '2024-11-05T07:00:00Z', distance }))).toEqual([false, true, false]);
    expect(c.series(repeated(7, '2024-11-05T07:00:00Z'))).toEqual([150, 150, 150, 150, 150, 150, 0]);
  });
});

describe('rennes_2025 — Rennes Métropole', () => {
  const definition = load('rennes_2025');
  const INSIDE = { lon: -1.68, lat: 48.1 };
  const INSIDE_2 = { lon: -1.62, lat: 48.13 };
  const OUTSIDE = { lon: -1.5, lat: 48.2 };
  const at = (start: { lon: number; lat: number }, end: { lon: number; lat: number }) => ({ start_lon: start.lon, start_lat: start.lat, end_lon: end.lon, end_lat: end.lat });
  const c = campaignTester(definition, { datetime: '2025-03-10T07:00:00Z', operator_uuid: OP.BBC, start: { epci: '243500139', com: '35238' }, end: { epci: '243500139', com: '35047' } });

  it('excludes trips whose both points are inside the public-transport zone', () => {
    expect(c.reasons(at(INSIDE, INSIDE_2))).toEqual(['not:inside_shape']);
    expect(c.eligible(at(INSIDE, OUTSIDE))).toBe(true);
    expect(c.eligible(at(OUTSIDE, INSIDE))).toBe(true);
    expect(c.eligible({})).toBe(true);
  });

  it('excludes trips ending in the listed AOMs or commune 35069, not those starting there', () => {
    expect(c.eligible({ end: { com: '35069' } })).toBe(false);
    expect(c.eligible({ end: { aom: '200039022' } })).toBe(false);
    expect(c.eligible({ start: { com: '35069', aom: '200039022' } })).toBe(true);
  });

  it('pays 0.50 € per seat until 30 June 2025, then 1 € plus 0.10 €/km from 15 to 30 km', () => {
    expect([4999, 60000, 60001].map((distance) => c.amount({ distance }))).toEqual([50, 50, 0]);
    expect(c.amount({ distance: 20000, seats: 2, datetime: '2025-06-30T21:59:59Z' })).toBe(100);
    expect(c.amount({ distance: 20000, datetime: '2025-06-30T22:00:00Z' })).toBe(150);
  });

  it('caps 6 trips a day per driver', () => {
    expect(c.series(repeated(7, '2025-03-10T06:00:00Z'))).toEqual([50, 50, 50, 50, 50, 50, 0]);
  });
});

describe('pmgf_atmb_2025 — PMGF × ATMB 2025', () => {
  const definition = load('pmgf_atmb_2025');
  const INSIDE = { aom: '200011773' };
  const OUT = { aom: '200000001' };
  const c = campaignTester(definition, { datetime: '2025-03-10T07:00:00Z', operator_uuid: OP.BBC, start: INSIDE, end: { epci: '247400583' } });

  it('keeps the 2024 amounts until 20 April 2025', () => {
    expect(c.amount({ distance: 30000 })).toBe(275);
    expect(c.amount({ distance: 30000, end: OUT })).toBe(175);
  });

  it('from 21 April 2025 pays 1.50 € + 0.15 €/km 20-30 km + 0.10 €/km 30-40 km inside, 0.50 € (+0.50 € from 21 km) outside', () => {
    const after = { datetime: '2025-04-20T22:00:00Z' };
    expect([20000, 35000, 50000].map((distance) => c.amount({ ...after, distance }))).toEqual([150, 350, 400]);
    expect(c.amount({ ...after, distance: 25000, seats: 2 })).toBe(450);
    expect([20999, 21000].map((distance) => c.amount({ ...after, distance, end: OUT }))).toEqual([50, 100]);
  });

  it('ends on 6 June 2025', () => {
    expect(c.eligible({ datetime: '2025-06-06T21:59:00Z' })).toBe(true);
    expect(c.eligible({ datetime: '2025-06-06T22:00:00Z' })).toBe(false);
  });
});
