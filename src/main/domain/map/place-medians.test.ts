import { describe, expect, it } from 'vitest';
import { PlaceMedians } from './place-medians';

describe('PlaceMedians', () => {
  it('places each commune at the lower median of its ends, axis by axis, ignoring incomplete ends', () => {
    const medians = new PlaceMedians();
    // Nantes: three ends, one far off (0, 0) — the median ignores it.
    medians.add('44109', 47.21, -1.55);
    medians.add('44109', 0, 0);
    medians.add('44109', 47.22, -1.56);
    // Rezé: four ends → the lower of the two middle values, on each axis independently.
    for (const [lat, lon] of [[47.19, -1.57], [47.17, -1.53], [47.18, -1.55], [47.2, -1.54]] as const) medians.add('44143', lat, lon);
    medians.add(null, 47, -1);
    medians.add('44162', null, -1.6);
    medians.add('44162', 47.2, null);
    const rows = new Map(medians.rows().map(([insee, ...rest]) => [insee, rest]));
    expect(rows.get('44109')).toEqual([47.21, -1.55, 3]);
    expect(rows.get('44143')).toEqual([47.18, -1.55, 4]);
    expect(rows.has('44162')).toBe(false);
    expect(rows.size).toBe(2);
  });

  it('sorts numerically, negative longitudes included', () => {
    const medians = new PlaceMedians();
    for (const lon of [-10, -2, -1, 5, 30]) medians.add('97411', -21, lon);
    expect(medians.rows()[0]).toEqual(['97411', -21, -1, 5]);
  });
});
