import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCampaignRun } from '../campaign-run';
import { compileCampaign } from '../compile-campaign';
import { campaignTester, definitionOf, OP, repeated, trip } from '../testing/trips';

const load = (id: string) => definitionOf(JSON.parse(readFileSync(new URL(`../../../../../resources/campaigns/${id}.json`, import.meta.url), 'utf8')));

const NANTES = { aom: '244400404' };
const ANGERS = { aom: '244900015' };
const simulation = { selector: { aom: ['244400404'] }, windowFrom: '2024-01-01', windowTo: '2024-06-30', budgetCents: 1_000_000_000 };
const base = { datetime: '2024-03-10T07:00:00Z', operator_uuid: OP.OTHER, operator_class: 'B' as const, start: NANTES, end: ANGERS };

describe('template 1 — 2 € + 0.10 €/km from 20 to 50 km', () => {
  const c = campaignTester(load('1'), base, simulation);
  it('takes any operator in classes B and C whose start or end is in the territory, from 2 km', () => {
    expect(c.amount({ distance: 60000 })).toBe(500);
    expect(c.amount({ distance: 2000, seats: 2 })).toBe(400);
    expect(c.eligible({ distance: 1999 })).toBe(false);
    expect(c.eligible({ operator_class: 'A' })).toBe(false);
    expect(c.reasons({ start: ANGERS })).toEqual(['outside_territory']);
    expect(c.reasons({ datetime: '2024-07-01T07:00:00Z' })).toEqual(['outside_window']);
  });

  it('has no limit at all, not even the budget given to the simulation (campaigns.md §5.14)', () => {
    expect(c.series(repeated(10, '2024-03-10T06:00:00Z'))).toEqual(Array(10).fill(200));
  });
});

describe.each(['1', '2', '3'])('template %s runs without limits (campaigns.md §5.14)', (id) => {
  // A budget of 3 € given to the simulation: less than the ten trips cost (5 € with template 3's 0,50 €).
  const compiled = compileCampaign(load(id), { ...simulation, budgetCents: 300 });

  it('compiles no limit, keeps the budget given only to report it, and registers no counter', () => {
    expect(compiled.limits).toEqual([]);
    expect(compiled.budgetCents).toBe(300);
    const run = createCampaignRun(compiled);
    const results = repeated(10, '2024-03-10T06:00:00Z').map((changes) => run.evaluate(trip({ ...base, end: NANTES, ...changes })));
    expect(results.every((result) => result.eligible && result.amountCents === result.statelessAmountCents && result.amountCents > 0)).toBe(true);
    expect(results.reduce((sum, result) => sum + result.amountCents, 0)).toBeGreaterThan(300);
    expect(results.flatMap((result) => result.reasons.map((reason) => reason.code))).not.toContain('budget');
    expect(run.countersOut({ includeDays: true })).toEqual([]);
  });
});

describe('templates 2 and 3 — start and end in the territory', () => {
  it('template 2 pays 1.50 € plus 0.10 €/km from 15 to 30 km when both ends are in the territory', () => {
    const c = campaignTester(load('2'), { ...base, end: NANTES }, simulation);
    expect(c.amount({ distance: 40000 })).toBe(300);
    expect(c.reasons({ end: ANGERS })).toEqual(['territory']);
  });

  it('template 3 pays 0.50 € per seat', () => {
    const c = campaignTester(load('3'), { ...base, end: NANTES }, simulation);
    expect(c.amount({ seats: 3 })).toBe(150);
    expect(c.eligible({ end: ANGERS })).toBe(false);
  });
});
