import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetLeft, campaignTester, definitionOf, OP, repeated } from '../testing/trips';

const load = (id: string) => definitionOf(JSON.parse(readFileSync(new URL(`../../../../../resources/campaigns/${id}.json`, import.meta.url), 'utf8')));

const driverCounter = (period: 'month' | 'year', period_value: string, value: number) => [
  { counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period, period_value, value },
];

describe.each([
  ['grand_poitier_2024', '2024-03-10T07:00:00Z', OP.KAR],
  ['grand_poitiers_2025', '2025-03-10T07:00:00Z', OP.COC],
])('%s — Grand Poitiers', (id, datetime, operator) => {
  const definition = load(id);
  const c = campaignTester(definition, { datetime, operator_uuid: operator, start: { aom: '200069854' } });

  it('pays 1.50 € per seat from 5 km; 4.999 km is eligible at 0 € and consumes nothing', () => {
    expect([4998, 4999, 5000, 79999, 80000].map((distance) => c.result({ distance }))).toMatchObject([
      { eligible: false },
      { eligible: true, amountCents: 0 },
      { amountCents: 150 },
      { amountCents: 150 },
      { eligible: false },
    ]);
    expect(c.series([...repeated(6, datetime, { distance: 4999 }), ...repeated(7, datetime, { distance: 5000 })])).toEqual([
      0, 0, 0, 0, 0, 0, 150, 150, 150, 150, 150, 150, 0,
    ]);
  });

  it('caps 2 trips a day per passenger and 120 € a month per driver', () => {
    const passenger = Array.from({ length: 3 }, (_, i) => ({ passenger_identity_key: 'p', driver_identity_key: `d${i}` }));
    expect(c.series(passenger)).toEqual([150, 150, 0]);
    expect(c.series([{}, {}], { countersIn: driverCounter('month', datetime.slice(0, 7), 11_900) })).toEqual([100, 0]);
  });

  it('takes class C only', () => {
    expect(c.eligible({ operator_class: 'B' })).toBe(false);
  });
});

describe('grand_poitier_2024 operators', () => {
  it('has Karos alone until 15 October 2023, then Mobicoop, BlaBlaCar Daily and Klaxit too', () => {
    const c = campaignTester(load('grand_poitier_2024'), { start: { aom: '200069854' } });
    expect(c.eligible({ operator_uuid: OP.MOB, datetime: '2023-10-15T21:59:00Z' })).toBe(false);
    expect(c.eligible({ operator_uuid: OP.MOB, datetime: '2023-10-15T22:00:00Z' })).toBe(true);
    expect(c.eligible({ operator_uuid: OP.KAR, datetime: '2023-09-27T08:00:00Z' })).toBe(true);
  });
});

describe('cannes_2024 — Cannes Pays de Lérins', () => {
  const c = campaignTester(load('cannes_2024'), { datetime: '2024-02-10T07:00:00Z', operator_uuid: OP.KLX, start: { epci: '200039915' } });
  it('pays 1.50 € plus 0.10 €/km from 15 to 30 km, 2 to 80 km included, until 30 April 2024', () => {
    expect([1999, 2000, 80000, 80001].map((distance) => c.amount({ distance }))).toEqual([0, 150, 300, 0]);
    expect(c.eligible({ datetime: '2024-04-30T22:00:00Z' })).toBe(false);
    expect(c.series(repeated(7, '2024-02-10T06:00:00Z'))).toEqual([150, 150, 150, 150, 150, 150, 0]);
  });
});

describe.each([
  ['larochelle_2024', '2024-02-10T07:00:00Z'],
  ['la_rochelle_2025', '2025-02-10T07:00:00Z'],
])('%s — La Rochelle', (id, datetime) => {
  const definition = load(id);
  const c = campaignTester(definition, { datetime, operator_uuid: OP.BBC, operator_class: 'B', start: { epci: '241700434' } });
  it('pays 1 € plus 0.10 €/km from 10 to 20 km from 5 km, 80 € a month per driver', () => {
    expect([4999, 5000, 15000, 90000].map((distance) => c.amount({ distance }))).toEqual([0, 100, 150, 200]);
    expect(c.eligible({ operator_uuid: OP.KLX })).toBe(false);
    expect(c.series([{}, {}], { countersIn: driverCounter('month', datetime.slice(0, 7), 7_990) })).toEqual([10, 0]);
  });
});

describe.each([
  ['grand_chatellerault_2024', '2024-03-10T07:00:00Z', OP.KLX],
  ['grand_chatellerault_2025', '2025-03-10T07:00:00Z', OP.KAR],
])('%s — Grand Châtellerault', (id, datetime, operator) => {
  const c = campaignTester(load(id), { datetime, operator_uuid: operator, start: { aom: '248600413' } });
  it('pays 1.50 € per seat, 5 to 80 km excluded, adults, never to or from Grand Poitiers', () => {
    expect(c.amount({ seats: 2 })).toBe(300);
    expect([4999, 79999, 80000].map((distance) => c.eligible({ distance }))).toEqual([false, true, false]);
    expect(c.eligible({ passenger_is_over_18: false })).toBe(false);
    expect(c.eligible({ end: { aom: '200069854' } })).toBe(false);
    expect(c.eligible({ start: { aom: '200069854' }, end: { aom: '248600413' } })).toBe(false);
  });

  it('caps 6 trips a day per driver and 2 per passenger', () => {
    expect(c.series(repeated(7, datetime))).toEqual([150, 150, 150, 150, 150, 150, 0]);
    expect(c.series([0, 1, 2].map((i) => ({ passenger_identity_key: 'p', driver_identity_key: `d${i}` })))).toEqual([150, 150, 0]);
  });
});

describe('grand_chatellerault windows and operators', () => {
  it('2024 has no end date; 2025 drops Klaxit and ends with 2025', () => {
    const open = campaignTester(load('grand_chatellerault_2024'), { operator_uuid: OP.BBC, start: { aom: '248600413' } });
    expect(open.eligible({ datetime: '2031-01-01T10:00:00Z' })).toBe(true);
    const c2025 = campaignTester(load('grand_chatellerault_2025'), { datetime: '2025-03-10T07:00:00Z', start: { aom: '248600413' } });
    expect(c2025.eligible({ operator_uuid: OP.KLX })).toBe(false);
    expect(c2025.eligible({ datetime: '2025-12-31T23:00:00Z' })).toBe(false);
  });
});

describe('terres_touloises_2024 — Terres Touloises', () => {
  const c = campaignTester(load('terres_touloises_2024'), { datetime: '2024-03-10T07:00:00Z', operator_uuid: OP.MOB, start: { aom: '200070563' } });
  it('pays 1 € per trip to the driver plus exclusive bands per seat: 1 €, 1.50 €, 2 €', () => {
    expect([5000, 9999, 10000, 15000, 79999].map((distance) => c.amount({ distance }))).toEqual([200, 200, 250, 300, 300]);
    expect(c.amount({ distance: 12000, seats: 2 })).toBe(400);
  });

  it('needs the start in the territory, 5 to 80 km excluded, adults', () => {
    expect(c.eligible({ start: {}, end: { aom: '200070563' } })).toBe(false);
    expect([4999, 80000].map((distance) => c.eligible({ distance }))).toEqual([false, false]);
    expect(c.eligible({ passenger_is_over_18: false })).toBe(false);
  });

  it('caps 2 trips a day per driver and 100 € a month', () => {
    expect(c.series(repeated(3, '2024-03-10T06:00:00Z'))).toEqual([250, 250, 0]);
    expect(c.series([{}, {}], { countersIn: driverCounter('month', '2024-03', 9_900) })).toEqual([100, 0]);
  });
});

describe('lannion_tregor_2024 — Lannion-Trégor 2024-2025', () => {
  const c = campaignTester(load('lannion_tregor_2024'), { datetime: '2024-06-10T07:00:00Z', operator_uuid: OP.BBC, start: { aom: '200065928' } });
  it('pays exclusive bands per seat: 1.50 €, 1.50 € + 0.10 €/km beyond 20 km, 2.50 €', () => {
    expect([1999, 2000, 19999, 20000, 25000, 29999, 30000, 79999].map((distance) => c.amount({ distance }))).toEqual([0, 150, 150, 150, 200, 250, 250, 250]);
    expect(c.amount({ distance: 25000, seats: 2 })).toBe(400);
  });

  it('counts 1.999 km as eligible at 0 €, refuses 80 km and trips away from Lannion-Trégor', () => {
    expect(c.result({ distance: 1999 })).toMatchObject({ eligible: true, amountCents: 0 });
    expect(c.eligible({ distance: 1998 })).toBe(false);
    expect(c.eligible({ distance: 80000 })).toBe(false);
    expect(c.series([{}, {}], { countersIn: driverCounter('month', '2024-06', 14_900) })).toEqual([100, 0]);
  });
});

describe('CCVMM_2024_05 — Vézère-Monédières-Millesources', () => {
  const definition = load('CCVMM_2024_05');
  const c = campaignTester(definition, { datetime: '2024-06-10T07:00:00Z', operator_uuid: OP.BBC, start: { epci: '200066645' } });
  it('pays exclusive bands per seat: 1.50 €, 1.50 € + 0.10 €/km beyond 15 km, 3 €', () => {
    expect([2000, 14999, 15000, 20000, 30000, 79999].map((distance) => c.amount({ distance }))).toEqual([150, 150, 150, 200, 300, 300]);
    expect(c.eligible({ distance: 80000 })).toBe(false);
    expect(c.eligible({ passenger_is_over_18: false })).toBe(false);
  });

  it('applies its announced 2 k€ budget unless compiled without one, as the registry does', () => {
    expect(c.series([{}, {}], { countersIn: budgetLeft(definition, 40) })).toEqual([40, 0]);
    const registry = campaignTester(definition, { datetime: '2024-06-10T07:00:00Z', operator_uuid: OP.BBC, start: { epci: '200066645' } }, { budgetCents: null });
    expect(registry.series([{}, {}], { countersIn: budgetLeft(definition, 40) })).toEqual([150, 150]);
  });
});

describe.each([
  ['petr_lunevillois_s1_2023', '2024-02-10T07:00:00Z', 'both'],
  ['petr_lunevillois_092024_032025', '2024-10-10T07:00:00Z', 'either'],
])('%s — Pays du Lunévillois', (id, datetime, ends) => {
  const LUNEVILLE = { aom: '200051134' };
  const c = campaignTester(load(id), { datetime, operator_uuid: OP.MOB, start: LUNEVILLE, end: LUNEVILLE });
  it('pays 0.07 € per km beyond 2 km per seat, 2 to 60 km excluded', () => {
    expect([2000, 12000, 59999, 60000].map((distance) => c.amount({ distance }))).toEqual([0, 70, 406, 0]);
    expect(c.amount({ distance: 12000, seats: 2 })).toBe(140);
  });

  it(`needs ${ends} end(s) in the AOM, class C, Mobicoop, 2 trips a day`, () => {
    expect(c.eligible({ end: { aom: '200000001' } })).toBe(ends === 'either');
    expect(c.eligible({ operator_class: 'B' })).toBe(false);
    expect(c.eligible({ operator_uuid: OP.BBC })).toBe(false);
    expect(c.series(repeated(3, datetime))).toEqual([56, 56, 0]);
  });
});

describe('haute_correze_2025 — Haute-Corrèze', () => {
  const c = campaignTester(load('haute_correze_2025'), { datetime: '2025-01-10T08:00:00Z', operator_uuid: OP.BBC, operator_class: 'B', end: { aom: '200066744' } });
  it('pays 1.50 € plus 0.10 €/km from 15 to 30 km, 2 to 80 km included', () => {
    expect([1999, 2000, 80000, 80001].map((distance) => c.amount({ distance }))).toEqual([0, 150, 300, 0]);
    expect(c.series([{}, {}], { countersIn: driverCounter('month', '2025-01', 14_925) })).toEqual([75, 0]);
  });
});

describe('ccpoa_202410 — Pays d’Orthe et Arrigans', () => {
  const c = campaignTester(load('ccpoa_202410'), { datetime: '2025-01-10T08:00:00Z', operator_uuid: OP.BBC, start: { epci: '200069417' } });
  it('pays 1.50 € plus 0.10 €/km from 20 to 30 km, 5 to 80 km excluded, class C only', () => {
    expect([4999, 5000, 25000, 79999, 80000].map((distance) => c.amount({ distance }))).toEqual([0, 150, 200, 250, 0]);
    expect(c.eligible({ operator_class: 'B' })).toBe(false);
    expect(c.series(repeated(7, '2025-01-10T06:00:00Z'))).toEqual([150, 150, 150, 150, 150, 150, 0]);
  });
});

describe('pays_basque_2023 and pays_basque_2025 — Pays Basque Adour', () => {
  it('2023: 5 to 100 km excluded, 80 km from 2024; Mobicoop until 2023 only', () => {
    const c = campaignTester(load('pays_basque_2023'), { datetime: '2023-06-10T07:00:00Z', operator_uuid: OP.MOB, start: { epci: '200067106' } });
    expect(c.amount({ distance: 90000 })).toBe(300);
    expect(c.eligible({ distance: 100000 })).toBe(false);
    expect(c.eligible({ distance: 90000, operator_uuid: OP.BBC, datetime: '2024-02-10T07:00:00Z' })).toBe(false);
    expect(c.eligible({ datetime: '2024-02-10T07:00:00Z' })).toBe(false);
    expect(c.eligible({ datetime: '2024-02-10T07:00:00Z', operator_uuid: OP.KAR })).toBe(true);
  });

  it('2025: 2 € plus 0.10 €/km from 20 to 30 km, adults, 100 € a month per driver', () => {
    const c = campaignTester(load('pays_basque_2025'), { datetime: '2025-02-10T07:00:00Z', operator_uuid: OP.BBC, start: { epci: '200067106' } });
    expect([5000, 25000, 79999, 80000].map((distance) => c.amount({ distance }))).toEqual([200, 250, 300, 0]);
    expect(c.eligible({ passenger_is_over_18: false })).toBe(false);
    expect(c.series([{}, {}], { countersIn: driverCounter('month', '2025-02', 9_950) })).toEqual([50, 0]);
  });
});

describe('smtc_2024 — SMTC Clermont-Ferrand', () => {
  const base = { datetime: '2024-05-10T07:00:00Z', operator_uuid: OP.MOV, start: { epci: '246300701' } };
  it('passenger campaign: 0.10 € per km of the whole trip per seat, 5 to 30 km included, 2 trips a day', () => {
    const definition = load('smtc_2024_passenger');
    expect(definition.payee).toBe('passenger');
    const c = campaignTester(definition, base);
    expect([4999, 5000, 12340, 30000, 30001].map((distance) => c.amount({ distance }))).toEqual([0, 50, 123, 300, 0]);
    expect(c.amount({ distance: 12340, seats: 2 })).toBe(247);
    expect(c.series([0, 1, 2].map((i) => ({ passenger_identity_key: 'p', driver_identity_key: `d${i}` })))).toEqual([100, 100, 0]);
  });

  it('driver campaign: 1.50 € per seat, 5 to 80 km excluded, 4 trips a day, 90 € a month, 540 € a year', () => {
    const c = campaignTester(load('smtc_2024_driver'), base);
    expect([4999, 5000, 80000].map((distance) => c.amount({ distance }))).toEqual([0, 150, 0]);
    expect(c.series(repeated(5, '2024-05-10T06:00:00Z'))).toEqual([150, 150, 150, 150, 0]);
    expect(c.series([{}, {}], { countersIn: driverCounter('year', '2024', 53_900) })).toEqual([100, 0]);
    expect(c.series([{}, {}], { countersIn: driverCounter('month', '2024-05', 8_950) })).toEqual([50, 0]);
  });
});
