import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignTester, definitionOf, OP, repeated } from '../testing/trips';

const load = (id: string) => definitionOf(JSON.parse(readFileSync(new URL(`../../../../../resources/campaigns/${id}.json`, import.meta.url), 'utf8')));

const ANNEMASSE = { arr: '74012', com: '74012' };
const GEX = { arr: '01173', com: '01173' };
const ANNECY = { arr: '74010', com: '74010' };
const monthAt = (value: number, month: string) => [
  { counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period: 'month' as const, period_value: month, value },
];

describe('pmgf_2022 — Genevois français 2022', () => {
  const definition = load('pmgf_2022');
  const c = campaignTester(definition, { datetime: '2022-12-10T07:00:00Z', operator_uuid: OP.KLX, start: ANNEMASSE, end: GEX, distance: 25000 });

  it('pays 2 € per seat when both ends are among the 117 communes, else 1 €, plus 0.10 €/km from 20 to 40 km', () => {
    expect(c.amount()).toBe(250);
    expect(c.amount({ end: ANNECY })).toBe(150);
    expect(c.amount({ seats: 2 })).toBe(500);
  });

  it('reads the commune list at run time', () => {
    const narrowed = campaignTester(definition, { datetime: '2022-12-10T07:00:00Z', operator_uuid: OP.KLX, start: ANNEMASSE, end: GEX, distance: 25000 }, { lists: { pmgf_communes: ['74012'] } });
    expect(narrowed.amount()).toBe(150);
  });

  it('adds Mobicoop on 2 January 2023 and needs 4 km', () => {
    expect(c.eligible({ operator_uuid: OP.MOB, datetime: '2023-01-01T22:59:00Z' })).toBe(false);
    expect(c.eligible({ operator_uuid: OP.MOB, datetime: '2023-01-01T23:00:00Z' })).toBe(true);
    expect([3999, 4000].map((distance) => c.eligible({ distance }))).toEqual([false, true]);
  });

  it('caps 120 € a month per driver', () => {
    expect(c.series([{}, {}], { countersIn: monthAt(11_900, '2022-12') })).toEqual([100, 0]);
  });
});

describe('pmgf_2023 and pmgf_late_2023 — Genevois français 2023', () => {
  it('pmgf_2023 pays 2 € plus 0.10 €/km from 20 to 40 km, 120 € a month, from 2 May to 31 December 2023', () => {
    const definition = load('pmgf_2023');
    const c = campaignTester(definition, { datetime: '2023-06-10T07:00:00Z', operator_uuid: OP.KAR, start: ANNEMASSE });
    expect([4000, 45000].map((distance) => c.amount({ distance }))).toEqual([200, 400]);
    expect(c.eligible({ operator_uuid: OP.MOB })).toBe(false);
    expect(c.eligible({ datetime: '2023-05-01T21:59:00Z' })).toBe(false);
    expect(c.series([{}, {}], { countersIn: monthAt(11_950, '2023-06') })).toEqual([50, 0]);
  });

  it('pmgf_late_2023 pays 1 € plus 0.10 €/km from 20 to 40 km, 50 € a month', () => {
    const definition = load('pmgf_late_2023');
    const c = campaignTester(definition, { datetime: '2024-02-10T07:00:00Z', operator_uuid: OP.BBC, start: GEX });
    expect([4000, 45000].map((distance) => c.amount({ distance }))).toEqual([100, 300]);
    expect(c.series(repeated(20, '2024-02-10T05:00:00Z', { distance: 45000 })).filter((amount) => amount > 0)).toEqual([
      300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 200,
    ]);
    expect(c.eligible({ datetime: '2024-06-22T22:00:00Z' })).toBe(false);
  });
});

describe('pmgf_x_atmb_2024 — Genevois français × ATMB 2024-2025', () => {
  const definition = load('pmgf_x_atmb_2024');
  const c = campaignTester(definition, { datetime: '2024-06-10T07:00:00Z', operator_uuid: OP.BBC, start: { aom: '240100750' }, end: { epci: '247400724' }, distance: 30000 });

  it('pays 1.50 € per seat inside, 0.50 € when one end is outside, plus 0.125 €/km from 20 to 40 km', () => {
    expect(c.amount()).toBe(275);
    expect(c.amount({ end: { aom: '200000001' } })).toBe(175);
    expect(c.amount({ distance: 21000 })).toBe(163);
    expect(c.amount({ seats: 2 })).toBe(550);
  });

  it('needs one end in the perimeter, 4.999 km to 150 km excluded', () => {
    expect(c.eligible({ start: { aom: '200000001' }, end: { aom: '200000002' } })).toBe(false);
    expect([4998, 4999, 149999, 150000].map((distance) => c.eligible({ distance }))).toEqual([false, true, true, false]);
  });
});

describe('metropole_savoie_2022 — Métropole Savoie', () => {
  const definition = load('metropole_savoie_2022');
  const c = campaignTester(definition, { datetime: '2023-06-10T07:00:00Z', operator_uuid: OP.BBC, start: { aom: '200069110' }, end: { epci: '200041010' } });

  it('pays 2 € plus 0.10 €/km beyond 20 km with no cap, per seat', () => {
    expect([5000, 100000].map((distance) => c.amount({ distance }))).toEqual([200, 1000]);
    expect(c.amount({ distance: 100000, seats: 2 })).toBe(2000);
    expect(c.eligible({ distance: 4999 })).toBe(false);
  });

  it('needs both ends in the perimeter and has no limit but the budget', () => {
    expect(c.eligible({ end: { aom: '200000001' } })).toBe(false);
    expect(c.series(repeated(12, '2023-06-10T05:00:00Z'))).toEqual(Array(12).fill(200));
  });
});
