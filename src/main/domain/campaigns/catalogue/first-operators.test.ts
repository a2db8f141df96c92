import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CampaignDefinition, OperatorVersion } from '../../../../shared/campaigns/definition-types';
import { campaignTester, definitionOf, OP } from '../testing/trips';

/**
 * When each campaign's first operator list starts (campaigns.md §5.13): for most campaigns well before their start
 * (no date: since always), exactly at their start for 459 and grand_poitiers_2025, on the date the catalogue gives
 * for the two campaigns that name one (§6).
 */

const CATALOGUE = new URL('../../../../../resources/campaigns/', import.meta.url);
const load = (id: string) => definitionOf(JSON.parse(readFileSync(new URL(`${id}.json`, CATALOGUE), 'utf8')));

/** `from` of the first list of every operator condition of the definition, in document order. */
function firstOperatorDates(definition: CampaignDefinition): Array<string | null> {
  const found: Array<string | null> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as { type?: unknown; versions?: OperatorVersion[] };
      if (record.type === 'operator') found.push(record.versions?.[0]?.from ?? null);
      Object.values(record).forEach(walk);
    }
  };
  walk(definition.rules);
  return found;
}

/** First lists that do not run since always: their date, as §5.13 and §6 give it. */
const DATED_FIRST_LISTS: Record<string, string> = {
  '459': '2021-05-20',
  grand_poitiers_2025: '2025-01-01',
  lannion_2022: '2023-05-01',
  SiouleLimagne_2024_09: '2024-09-13',
};

describe('first operator lists of the catalogue (campaigns.md §5.13)', () => {
  it('run since always, but where a date is given: the campaign’s start for 459 and grand_poitiers_2025', () => {
    const ids = readdirSync(CATALOGUE).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
    expect(ids).toHaveLength(46);
    for (const id of ids) {
      const definition = load(id);
      for (const from of firstOperatorDates(definition)) expect([id, from]).toEqual([id, DATED_FIRST_LISTS[id] ?? null]);
    }
    expect(load('459').window.from).toBe(DATED_FIRST_LISTS['459']);
    expect(load('grand_poitiers_2025').window.from).toBe(DATED_FIRST_LISTS.grand_poitiers_2025);
  });

  it('459: a replay with an earlier window finds no operator before 2021-05-20 00:00+02:00', () => {
    const c = campaignTester(load('459'), { operator_uuid: OP.BBC, operator_class: 'B', start: { aom: '217500016', com: '91377' }, end: { aom: '217500016', com: '91471' } }, { windowFrom: '2021-01-01' });
    expect(c.reasons({ datetime: '2021-05-19T21:59:59.999Z' })).toEqual(['operator']);
    expect(c.result({ datetime: '2021-05-19T21:59:59.999Z' }).reasons[0]?.message).toContain('date antérieure à la première liste');
    expect(c.amount({ datetime: '2021-05-19T22:00:00Z' })).toBe(150);
  });

  it('grand_poitiers_2025: a replay with an earlier window finds no operator before 2025-01-01 00:00+01:00', () => {
    const c = campaignTester(load('grand_poitiers_2025'), { operator_uuid: OP.COC, start: { aom: '200069854' } }, { windowFrom: '2024-12-01' });
    expect(c.reasons({ datetime: '2024-12-31T22:59:59.999Z' })).toEqual(['operator']);
    expect(c.amount({ datetime: '2024-12-31T23:00:00Z' })).toBe(150);
  });

  it('other campaigns: trips older than the campaign still pass the operator test in an earlier window', () => {
    const poitiers2024 = campaignTester(load('grand_poitier_2024'), { operator_uuid: OP.KAR, start: { aom: '200069854' } }, { windowFrom: '2023-01-01' });
    expect(poitiers2024.amount({ datetime: '2023-06-01T07:00:00Z' })).toBe(150);
    const laRochelle2025 = campaignTester(load('la_rochelle_2025'), { operator_uuid: OP.BBC, start: { epci: '241700434' } }, { windowFrom: '2024-01-01' });
    expect(laRochelle2025.amount({ datetime: '2024-06-01T07:00:00Z' })).toBe(100);
  });
});
