import { describe, expect, it } from 'vitest';
import { levelPositions } from './level-positions';

describe('levelPositions', () => {
  it('places a group at the weighted median of its communes, where most journeys are', () => {
    const communes = new Map([
      ['a', { lon: -1.55, lat: 47.2, ends: 900 }],
      ['b', { lon: -1.6, lat: 47.3, ends: 50 }],
      ['c', { lon: 0.5, lat: 48.0, ends: 60 }],
      ['d', { lon: 3, lat: 45, ends: 10 }],
    ]);
    const group = (insee: string): string | null => (insee === 'd' ? null : 'G');
    expect(levelPositions(communes, group)).toEqual(new Map([['G', [-1.55, 47.2]]]));
  });
});
