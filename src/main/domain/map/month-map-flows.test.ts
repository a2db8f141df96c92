import { describe, expect, it } from 'vitest';
import { MonthMapFlows } from './month-map-flows';

/** Route codes: start and end of commune, EPCI, AOM, département, région, then country. */
const NANTES_REZE = ['44109', '44143', '244400404', '244400404', '244400404', '244400404', '44', '44', '52', '52', '99100', '99100'];
const NANTES_REZE_ABROAD = [...NANTES_REZE.slice(0, 10), '99100', '99134'];
const ANGERS_NO_EPCI = ['49007', '49099', '244900015', '', '244900015', null, '49', '49', '52', '52', '99100', '99100'];

const ends = (codes: ReadonlyArray<string | null>) => (): ReadonlyArray<string | null> => codes;

describe('MonthMapFlows', () => {
  it('sums journeys and cents per weekday, band and the ten map codes, routes differing by country only together', () => {
    const flows = new MonthMapFlows(5);
    flows.add(0, 'r0', ends(NANTES_REZE), 1, 1, 150);
    flows.add(1, 'r1', ends(NANTES_REZE_ABROAD), 1, 1, 50);
    flows.add(0, 'r0', ends(NANTES_REZE), 1, 2, 0);
    flows.add(0, 'r0', ends(NANTES_REZE), 7, 4, 100);
    flows.add(2, 'r2', ends(ANGERS_NO_EPCI), 3, 0, 0);
    const rows = flows.rows().sort((a, b) => String(a).localeCompare(String(b)));
    expect(rows).toEqual(
      [
        [1, 1, ...NANTES_REZE.slice(0, 10), 2, 200],
        [1, 2, ...NANTES_REZE.slice(0, 10), 1, 0],
        [7, 4, ...NANTES_REZE.slice(0, 10), 1, 100],
        // An empty code is kept as stored, a missing one stays missing.
        [3, 0, ...ANGERS_NO_EPCI.slice(0, 10), 1, 0],
      ].sort((a, b) => String(a).localeCompare(String(b))),
    );
  });

  it('reads a route’s codes once', () => {
    const flows = new MonthMapFlows(5);
    let reads = 0;
    const counted = (): ReadonlyArray<string | null> => {
      reads += 1;
      return NANTES_REZE;
    };
    for (let day = 1; day <= 7; day += 1) flows.add(4, 'r4', counted, day, 2, 10);
    expect(reads).toBe(1);
    expect(flows.rows()).toHaveLength(7);
  });
});
