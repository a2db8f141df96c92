import { describe, expect, it } from 'vitest';
import { hourBand, isoWeekday, scopedPair, type MapScope, type ScopedJourney } from './map-scope';

const STARTS = [0, 6, 9, 16, 19];
const journey = (day: string, hour: number, start: Record<string, string | null>, end: Record<string, string | null>): ScopedJourney => ({
  day, hour: () => hour, start: (level) => start[level] ?? null, end: (level) => end[level] ?? null,
});
const scope = (overrides: Partial<MapScope> = {}): MapScope => ({ level: 'com', territory: null, from: '2026-03-01', to: '2026-03-31', days: null, bands: null, direction: 'both', ...overrides });
const nantesToRezé = journey('2026-03-02', 7, { com: '44109', aom: '244400404' }, { com: '44143', aom: '244400404' });
const angersToNantes = journey('2026-03-07', 17, { com: '49007', aom: '244900015' }, { com: '44109', aom: '244400404' });

describe('map scope of one journey', () => {
  it('names weekdays from Monday and bands from their first hours', () => {
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect([0, 5, 6, 8, 9, 15, 16, 18, 19, 23].map((hour) => hourBand(hour, STARTS))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('keeps the journeys of the period, weekdays and bands', () => {
    expect(scopedPair(scope(), nantesToRezé, STARTS)).toEqual(['44109', '44143']);
    expect(scopedPair(scope({ to: '2026-03-01' }), nantesToRezé, STARTS)).toBeNull();
    expect(scopedPair(scope({ days: [6, 7] }), nantesToRezé, STARTS)).toBeNull();
    expect(scopedPair(scope({ days: [6, 7] }), angersToNantes, STARTS)).toEqual(['49007', '44109']);
    expect(scopedPair(scope({ bands: [1] }), nantesToRezé, STARTS)).not.toBeNull();
    expect(scopedPair(scope({ bands: [1] }), angersToNantes, STARTS)).toBeNull();
  });

  it('applies the territory by direction, and needs both ends at the level', () => {
    const nantes = { level: 'aom' as const, code: '244400404' };
    expect(scopedPair(scope({ territory: nantes, direction: 'from' }), angersToNantes, STARTS)).toBeNull();
    expect(scopedPair(scope({ territory: nantes, direction: 'to' }), angersToNantes, STARTS)).toEqual(['49007', '44109']);
    expect(scopedPair(scope({ territory: nantes, direction: 'intra' }), nantesToRezé, STARTS)).toEqual(['44109', '44143']);
    expect(scopedPair(scope({ territory: nantes, direction: 'intra' }), angersToNantes, STARTS)).toBeNull();
    expect(scopedPair(scope({ level: 'epci' }), nantesToRezé, STARTS)).toBeNull();
    expect(scopedPair(scope({ level: 'aom', direction: 'intra' }), nantesToRezé, STARTS)).toEqual(['244400404', '244400404']);
    expect(scopedPair(scope({ level: 'aom', direction: 'intra' }), angersToNantes, STARTS)).toBeNull();
  });
});
