import { describe, expect, it } from 'vitest';
import type { LonLat } from '../../../shared/types/map';
import { composeMap, pairKey, type PairCount } from './compose-map';

const pair = (origin: string, destination: string, journeys: number, rpcCents = 0): PairCount => ({ origin, destination, journeys, rpcCents, originIn: origin === 'A', destinationIn: destination === 'A' });
const POSITIONS: Record<string, LonLat> = { A: [0, 45], B: [1, 45], C: [2, 45] };

function compose(pairs: PairCount[], options: { previous?: PairCount[]; minCount?: number; overlay?: Map<string, number> } = {}) {
  return composeMap({
    pairs,
    previous: options.previous ?? [],
    overlay: options.overlay ?? null,
    minCount: options.minCount ?? 6,
    name: (code) => `Lieu ${code}`,
    position: (code) => POSITIONS[code] ?? null,
    population: (code) => (code === 'A' ? 2_000 : null),
  });
}

describe('composeMap', () => {
  it('keeps flows at or above the threshold, most journeys first, and counts the hidden ones', () => {
    const map = compose([pair('A', 'B', 10), pair('B', 'A', 5), pair('A', 'A', 7), pair('A', 'C', 6)]);
    expect(map.flows.map((flow) => [flow.origin, flow.destination, flow.journeys, flow.internal])).toEqual([
      ['A', 'B', 10, false], ['A', 'A', 7, true], ['A', 'C', 6, false],
    ]);
    expect(map.hidden).toEqual({ flows: 1, journeys: 5, places: 0 });
    expect(map.journeysTotal).toBe(28);
    expect(map.journeysShown).toBe(23);
  });

  it('totals places from every pair (hidden flows included) and hides the small places', () => {
    const map = compose([pair('A', 'B', 10, 100), pair('B', 'A', 5, 50), pair('A', 'A', 7, 70), pair('A', 'C', 2, 20)]);
    const a = map.places.find((place) => place.code === 'A');
    expect(a).toMatchObject({ departures: 19, arrivals: 12, internal: 7, journeys: 24, rpcCents: 240, population: 2_000, inTerritory: true });
    expect(a?.perThousand).toBeCloseTo(12, 9);
    expect(a?.internalShare).toBeCloseTo(7 / 24, 9);
    expect(map.places.find((place) => place.code === 'B')).toMatchObject({ journeys: 15, inTerritory: false, perThousand: null });
    expect(map.places.some((place) => place.code === 'C')).toBe(false);
    expect(map.hidden.places).toBe(1);
  });

  it('compares with the previous period only when its figure passes the threshold', () => {
    const map = compose([pair('A', 'B', 12), pair('C', 'B', 8)], { previous: [pair('A', 'B', 8), pair('C', 'B', 3)] });
    expect(map.places.find((place) => place.code === 'A')).toMatchObject({ previousJourneys: 8, evolution: 0.5 });
    expect(map.places.find((place) => place.code === 'C')).toMatchObject({ previousJourneys: null, evolution: null });
  });

  it('adds the overlay per flow and per place, and counts flows shown without position', () => {
    const map = compose([pair('A', 'B', 10), pair('A', 'Z', 9)], { overlay: new Map([[pairKey('A', 'B'), 4]]) });
    expect(map.flows.map((flow) => flow.overlayJourneys)).toEqual([4, 0]);
    expect(map.places.find((place) => place.code === 'A')?.overlayJourneys).toBe(4);
    expect(map.unplaced).toBe(1);
    expect(compose([pair('A', 'B', 10)]).flows[0]?.overlayJourneys).toBeNull();
  });
});
