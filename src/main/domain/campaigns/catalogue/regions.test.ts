import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetLeft, campaignTester, definitionOf, OP, repeated } from '../testing/trips';

const load = (id: string) => definitionOf(JSON.parse(readFileSync(new URL(`../../../../../resources/campaigns/${id}.json`, import.meta.url), 'utf8')));

const ANGERS = { reg: '52', aom: '244900015', com: '49007' };
const NANTES = { reg: '52', aom: '244400404', com: '44109' };
const CHOLET = { reg: '52', aom: '200071678', com: '49099' };
const RENNES = { reg: '53', aom: '243500139', com: '35238' };

describe('249 — Région Pays de la Loire 2021-2023', () => {
  const definition = load('249');
  const c = campaignTester(definition, { datetime: '2022-03-15T07:00:00Z', operator_uuid: OP.KLX, operator_class: 'B', start: ANGERS, end: NANTES });

  it('pays 2 € per seat plus 0.10 €/km from 20 to 50 km per seat', () => {
    expect(c.amount({ distance: 2000 })).toBe(200);
    expect(c.amount({ distance: 30000 })).toBe(300);
    expect(c.amount({ distance: 80000 })).toBe(500);
    expect(c.amount({ distance: 60000, seats: 2 })).toBe(1000);
  });

  it('needs 2 km, both ends in the region, not internal to one of the four big AOMs', () => {
    expect(c.eligible({ distance: 1999 })).toBe(false);
    expect(c.eligible({ end: RENNES })).toBe(false);
    expect(c.reasons({ start: NANTES, end: NANTES })).toEqual(['not:all']);
    expect(c.eligible({ start: CHOLET, end: CHOLET })).toBe(false);
    expect(c.eligible({ start: { reg: '52', aom: '200000001' }, end: { reg: '52', aom: '200000001' } })).toBe(true);
  });

  it('takes BlaBlaCar Daily, Karos, Klaxit, Mobicoop in classes B and C', () => {
    expect([OP.BBC, OP.KAR, OP.MOB, OP.YNS].map((operator_uuid) => c.eligible({ operator_uuid }))).toEqual([true, true, true, false]);
    expect(c.eligible({ operator_class: 'A' })).toBe(false);
  });

  it('ends with the last Paris minute of 31 January 2023', () => {
    expect(c.eligible({ datetime: '2023-01-31T22:59:00Z' })).toBe(true);
    expect(c.reasons({ datetime: '2023-01-31T23:00:00Z' })).toEqual(['outside_window']);
  });

  it('pays 6 trips per driver and Paris day', () => {
    // 23:30 UTC on the 15th is 00:30 on the 16th in Paris: a new day.
    expect(c.series([...repeated(7, '2022-03-15T06:00:00Z'), { datetime: '2022-03-15T23:30:00Z' }])).toEqual([200, 200, 200, 200, 200, 200, 0, 200]);
    expect(c.series([...repeated(6, '2022-03-15T06:00:00Z'), { datetime: '2022-03-15T07:00:00Z', driver_identity_key: 'driver-2' }])).toEqual([
      200, 200, 200, 200, 200, 200, 200,
    ]);
  });

  it('pays what is left of the budget, then nothing', () => {
    expect(c.series([{ distance: 30000 }, { distance: 30000 }], { countersIn: budgetLeft(definition, 100) })).toEqual([100, 0]);
  });
});

describe('pdll_2023 — Région Pays de la Loire 2023-2024', () => {
  const definition = load('pdll_2023');
  const c = campaignTester(definition, { datetime: '2023-06-15T07:00:00Z', operator_uuid: OP.KLX, operator_class: 'C', start: ANGERS, end: CHOLET });

  it('takes 5 to 80 km, both bounds included', () => {
    expect([4999, 5000, 80000, 80001].map((distance) => c.amount({ distance }))).toEqual([0, 100, 300, 0]);
    expect(c.reasons({ distance: 80001 })).toEqual(['distance']);
  });

  it('pays 1 € per seat plus 0.10 €/km from 20 to 40 km', () => {
    expect(c.amount({ distance: 30000, seats: 2 })).toBe(400);
  });

  it('refuses minors (unknown age accepted), class B and internal trips', () => {
    expect([true, null, false].map((passenger_is_over_18) => c.eligible({ passenger_is_over_18 }))).toEqual([true, true, false]);
    expect(c.eligible({ operator_class: 'B' })).toBe(false);
    expect(c.eligible({ start: ANGERS, end: ANGERS })).toBe(false);
  });

  it('caps 120 € per driver and Paris month, paying the remainder', () => {
    const countersIn = [{ counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period: 'month' as const, period_value: '2023-06', value: 11_900 }];
    const trips = [
      { distance: 30000, datetime: '2023-06-30T10:00:00Z' },
      { distance: 30000, datetime: '2023-06-30T11:00:00Z' },
      // 22:30 UTC on 30 June is July in Paris: a new month.
      { distance: 30000, datetime: '2023-06-30T22:30:00Z' },
    ];
    expect(c.series(trips, { countersIn })).toEqual([100, 0, 200]);
  });
});

describe('pdll_2024 — Région Pays de la Loire 2024', () => {
  const definition = load('pdll_2024');
  const c = campaignTester(definition, { datetime: '2024-04-16T06:00:00Z', operator_uuid: OP.BBC, start: ANGERS, end: CHOLET });

  it('pays 0.75 € plus min(0.10 €/km from 17 to 30 km, 1.25 €) per seat', () => {
    expect([5000, 17000, 20000, 29500, 30000, 60000].map((distance) => c.amount({ distance }))).toEqual([75, 75, 105, 200, 200, 200]);
    expect(c.amount({ distance: 20000, seats: 3 })).toBe(315);
    expect(c.eligible({ distance: 60001 })).toBe(false);
  });

  it('pays 1.65 € instead of 0.75 € on booster days, which are none unless given at run time', () => {
    expect(c.amount({ distance: 20000 })).toBe(105);
    const boosted = campaignTester(definition, { datetime: '2024-04-16T06:00:00Z', operator_uuid: OP.BBC, start: ANGERS, end: CHOLET }, { lists: { booster_dates: ['2024-04-16'] } });
    expect(boosted.amount({ distance: 20000 })).toBe(195);
    expect(boosted.amount({ distance: 20000, datetime: '2024-04-16T22:30:00Z' })).toBe(105);
  });

  it('drops Klaxit from 18 March 2024 (Paris midnight)', () => {
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-03-17T22:59:00Z' })).toBe(true);
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-03-17T23:00:00Z' })).toBe(false);
  });

  it('caps the driver’s year before the month (registry priorities)', () => {
    const countersIn = [{ counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period: 'year' as const, period_value: '2024', value: 100_700 }];
    const run = c.series([{ distance: 20000 }, { distance: 20000 }], { countersIn });
    expect(run).toEqual([100, 0]);
  });
});

describe('occitanie_2022 — Région Occitanie', () => {
  const definition = load('occitanie_2022');
  const c = campaignTester(definition, {
    datetime: '2023-03-15T07:00:00Z',
    operator_uuid: OP.KLX,
    operator_class: 'B',
    distance: 15000,
    passenger_contribution: 100,
    start: { reg: '76', aom: '243100518' },
    end: { reg: '76', aom: '243400017' },
  });

  it('pays min(2 €, 2 € − contribution + 0.10 € × whole km beyond 20 km, 10 km at most) per trip', () => {
    expect(c.amount()).toBe(100);
    expect(c.amount({ distance: 24400 })).toBe(140);
    expect(c.amount({ distance: 24500 })).toBe(150);
    expect(c.amount({ distance: 30000, passenger_contribution: 50 })).toBe(200);
    expect(c.amount({ seats: 3 })).toBe(100);
  });

  it('goes negative when the contribution exceeds 2 € plus the km part, as the registry does', () => {
    expect(c.result({ passenger_contribution: 350 })).toMatchObject({ amountCents: -150, eligible: true });
    expect(c.reasons({ passenger_contribution: 350 })).toEqual(['negative_amount']);
  });

  it('requires a contribution from 1 November 2022 only', () => {
    expect(c.eligible({ passenger_contribution: 0 })).toBe(false);
    expect(c.amount({ passenger_contribution: 0, datetime: '2022-10-25T07:00:00Z' })).toBe(200);
    expect(c.eligible({ passenger_contribution: null })).toBe(false);
  });

  it('takes up to 30 km included with no minimum, not on Paris Sundays', () => {
    expect([500, 30000, 30001].map((distance) => c.eligible({ distance }))).toEqual([true, true, false]);
    expect(c.reasons({ datetime: '2023-03-19T10:00:00Z' })).toEqual(['weekday']);
    // Saturday 23:30 UTC is already Sunday in Paris.
    expect(c.eligible({ datetime: '2023-03-18T23:30:00Z' })).toBe(false);
  });

  it('refuses trips internal to one AOM, except AOM 200053791', () => {
    expect(c.eligible({ end: { reg: '76', aom: '243100518' } })).toBe(false);
    expect(c.eligible({ start: { reg: '76', aom: '200053791' }, end: { reg: '76', aom: '200053791' } })).toBe(true);
    expect(c.eligible({ end: { reg: '75', aom: '243300316' } })).toBe(false);
  });

  it('pays 2 trips per passenger and Paris day', () => {
    const passenger = { passenger_identity_key: 'p-1' };
    const trips = [
      { ...passenger, driver_identity_key: 'a' },
      { ...passenger, driver_identity_key: 'b' },
      { ...passenger, driver_identity_key: 'c' },
      { ...passenger, driver_identity_key: 'c', datetime: '2023-03-15T23:30:00Z' },
    ];
    expect(c.series(trips)).toEqual([100, 100, 0, 100]);
  });
});

describe('nantes_metropole_2024 — Nantes Métropole 2024-2025', () => {
  const definition = load('nantes_metropole_2024');
  const base = { datetime: '2024-04-16T06:00:00Z', operator_uuid: OP.BBC, distance: 20000, start: NANTES, end: NANTES };
  const c = campaignTester(definition, base);
  const boosted = campaignTester(definition, base, { lists: { booster_dates: ['2024-04-16'] } });

  it('pays 0.75 € plus min(0.10 €/km from 17 to 29.5 km, 1.25 €) per seat inside the metropolis, 0 € outside', () => {
    expect([20000, 29500, 45000].map((distance) => c.amount({ distance }))).toEqual([105, 200, 200]);
    expect(c.amount({ seats: 2 })).toBe(210);
    expect(c.result({ end: ANGERS })).toMatchObject({ eligible: true, amountCents: 0 });
  });

  it('pays 1.65 € plus the km part inside, 0.90 € per seat outside, on booster days', () => {
    expect(boosted.amount()).toBe(195);
    expect(boosted.amount({ end: ANGERS, seats: 2 })).toBe(180);
    expect(boosted.amount({ datetime: '2024-04-17T06:00:00Z' })).toBe(105);
  });

  it('needs both ends in the region and one in the metropolis, 5 to 60 km', () => {
    expect(c.eligible({ end: RENNES })).toBe(false);
    expect(c.eligible({ start: ANGERS, end: CHOLET })).toBe(false);
    expect([4999, 5000, 60000, 60001].map((distance) => c.eligible({ distance }))).toEqual([false, true, true, false]);
  });

  it('drops Klaxit from June 2024', () => {
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-05-31T21:59:00Z' })).toBe(true);
    expect(c.eligible({ operator_uuid: OP.KLX, datetime: '2024-05-31T22:00:00Z' })).toBe(false);
  });

  it('does not count the outside trips paid 0 €, and caps 6 paid trips a day', () => {
    const outside = repeated(7, '2024-04-16T05:00:00Z', { end: ANGERS });
    const inside = repeated(7, '2024-04-16T08:00:00Z');
    expect(c.series([...outside, ...inside])).toEqual([0, 0, 0, 0, 0, 0, 0, 105, 105, 105, 105, 105, 105, 0]);
  });
});

describe('656 — Nantes Métropole, expérimentation Klaxit', () => {
  const definition = load('656');
  const c = campaignTester(definition, { datetime: '2022-06-15T07:00:00Z', operator_uuid: OP.KLX, start: NANTES, end: NANTES });

  it('pays 2 € per seat below 20 km, 0.10 € per km of the whole distance per seat from 20 km (exclusive bands)', () => {
    expect([1999, 2000, 19999, 20000, 25000].map((distance) => c.amount({ distance }))).toEqual([0, 200, 200, 200, 250]);
    expect(c.amount({ distance: 25000, seats: 2 })).toBe(500);
    expect(c.eligible({ distance: 1999 })).toBe(false);
  });

  it('caps seats per driver trip at 3, checking before adding', () => {
    const sameTrip = { operator_trip_id: 'T1', operator_id: 3 };
    expect(c.series([{ ...sameTrip, seats: 2 }, { ...sameTrip, seats: 2 }, { ...sameTrip, seats: 1 }])).toEqual([400, 400, 0]);
  });

  it('caps 4 trips per passenger and 4 per driver a day', () => {
    const passenger = Array.from({ length: 5 }, (_, i) => ({ passenger_identity_key: 'p', driver_identity_key: `d${i}` }));
    expect(c.series(passenger)).toEqual([200, 200, 200, 200, 0]);
    expect(c.series(repeated(5, '2022-06-15T06:00:00Z'))).toEqual([200, 200, 200, 200, 0]);
  });

  it('stops after 10 million trips', () => {
    const countersIn = [{ counter: 'trip_count' as const, target: 'campaign' as const, period: 'campaign' as const, value: 9_999_999 }];
    expect(c.series([{}, { driver_identity_key: 'other' }], { countersIn })).toEqual([200, 0]);
  });
});
