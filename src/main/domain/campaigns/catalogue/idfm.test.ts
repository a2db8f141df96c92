import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCampaignRun } from '../campaign-run';
import { compileCampaign } from '../compile-campaign';
import { budgetLeft, campaignTester, definitionOf, OP, repeated, trip } from '../testing/trips';

const load = (id: string) => definitionOf(JSON.parse(readFileSync(new URL(`../../../../../resources/campaigns/${id}.json`, import.meta.url), 'utf8')));

const ESSONNE = { aom: '217500016', com: '91377' };
const PARIS = { aom: '217500016', com: '75056' };
const BOULOGNE = { aom: '217500016', com: '92012' };
const OISE_AREA = { aom: '217500016', com: '95074' };

describe('459 — Île-de-France Mobilités', () => {
  const definition = load('459');
  const c = campaignTester(definition, { datetime: '2023-06-15T07:00:00Z', operator_uuid: OP.BBC, start: ESSONNE, end: PARIS });

  it('pays 1.50 € plus 0.10 €/km from 15 to 30 km per seat', () => {
    expect([2000, 23920, 30000, 149999].map((distance) => c.amount({ distance }))).toEqual([150, 239, 300, 300]);
    expect(c.amount({ distance: 20000, seats: 2 })).toBe(400);
  });

  it('multiplies by 1.5 on strike days, rounding once: 23.92 km → 359', () => {
    expect(c.amount({ distance: 23920, datetime: '2023-03-23T07:00:00Z' })).toBe(359);
    expect(c.result({ distance: 23920, datetime: '2023-03-23T07:00:00Z' }).terms?.detail).toBe('× 1,5 (jour de grève ou de pollution)');
  });

  it('multiplies by 1.5 near the Oise from 6 December 2024 to 15 March 2025, not stacked with strike days', () => {
    const oise = { start: OISE_AREA, distance: 20000 };
    expect(c.amount({ ...oise, datetime: '2025-01-15T07:00:00Z' })).toBe(300);
    expect(c.amount({ ...oise, datetime: '2024-12-12T07:00:00Z' })).toBe(300);
    expect(c.amount({ ...oise, datetime: '2025-03-15T22:59:00Z' })).toBe(300);
    expect(c.amount({ ...oise, datetime: '2025-03-15T23:00:00Z' })).toBe(200);
    expect(c.amount({ ...oise, datetime: '2024-12-05T22:59:00Z' })).toBe(200);
  });

  it('excludes Paris → Paris and needs both ends in one of the two IDFM codes', () => {
    expect(c.reasons({ start: PARIS, end: PARIS })).toEqual(['not:territory']);
    expect(c.eligible({ start: PARIS, end: BOULOGNE })).toBe(true);
    expect(c.eligible({ start: { aom: '287500078' }, end: { aom: '287500078' } })).toBe(true);
    expect(c.eligible({ start: { aom: '217500016' }, end: { aom: '287500078' } })).toBe(false);
    expect(c.eligible({ end: { aom: '200000001' } })).toBe(false);
  });

  it('takes 2 km to 150 km excluded', () => {
    expect([1999, 2000, 149999, 150000].map((distance) => c.eligible({ distance }))).toEqual([false, true, true, false]);
  });

  it('takes class B until 31 August 2022, then C only', () => {
    expect(c.eligible({ operator_class: 'B', datetime: '2022-08-31T21:59:00Z' })).toBe(true);
    expect(c.eligible({ operator_class: 'B', datetime: '2022-08-31T22:00:00Z' })).toBe(false);
    expect(c.eligible({ operator_class: 'C', datetime: '2022-08-31T22:00:00Z' })).toBe(true);
  });

  it('follows the operator list over time', () => {
    const at = (operator_uuid: string, datetime: string) => c.eligible({ operator_uuid, datetime });
    expect(at(OP.YNS, '2022-12-31T22:59:00Z')).toBe(false);
    expect(at(OP.YNS, '2022-12-31T23:00:00Z')).toBe(true);
    expect(at(OP.MOB, '2023-03-21T12:00:00Z')).toBe(false);
    expect(at(OP.MOB, '2023-03-22T12:00:00Z')).toBe(true);
    expect(at(OP.KLX, '2024-06-30T12:00:00Z')).toBe(true);
    expect(at(OP.KLX, '2024-07-01T12:00:00Z')).toBe(false);
    expect(at(OP.YNS, '2025-05-12T12:00:00Z')).toBe(false);
    expect(at(OP.KAR, '2025-05-12T12:00:00Z')).toBe(true);
  });

  it('caps 6 trips a day and 150 € a Paris month per driver', () => {
    expect(c.series(repeated(7, '2023-06-15T05:00:00Z'))).toEqual([150, 150, 150, 150, 150, 150, 0]);
    const countersIn = [{ counter: 'amount_cents' as const, target: 'driver' as const, identity_key: 'driver-1', period: 'month' as const, period_value: '2023-06', value: 14_900 }];
    const trips = [{ distance: 20000, datetime: '2023-06-30T20:00:00Z' }, { distance: 20000, datetime: '2023-06-30T21:00:00Z' }, { distance: 20000, datetime: '2023-06-30T22:30:00Z' }];
    expect(c.series(trips, { countersIn })).toEqual([100, 0, 200]);
  });

  it('keeps the month counter’s increment when the budget zeroes a trip (no rollback, IDFM spec)', () => {
    const run = createCampaignRun(compileCampaign(definition), { countersIn: budgetLeft(definition, 50) });
    const base = { datetime: '2023-06-15T07:00:00Z', operator_uuid: OP.BBC, start: ESSONNE, end: PARIS, distance: 30000 };
    expect([run.evaluate(trip(base)).amountCents, run.evaluate(trip(base)).amountCents]).toEqual([50, 0]);
    const month = run.countersOut().find((counter) => counter.target === 'driver');
    expect(month?.value).toBe(600);
  });
});
