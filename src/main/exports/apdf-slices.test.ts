import { describe, expect, it } from 'vitest';
import { SliceTotals, sliceFormulas, sliceLabel, wrapSlices } from './apdf-slices';

describe('wrapSlices', () => {
  it('adds {0, first start} and an open-ended slice from the largest end', () => {
    expect(wrapSlices([{ start: 30_000, end: 60_000 }, { start: 2_000, end: 30_000 }])).toEqual([
      { start: 0, end: 2_000 },
      { start: 2_000, end: 30_000 },
      { start: 30_000, end: 60_000 },
      { start: 60_000 },
    ]);
  });

  it('adds nothing before a slice starting at 0, nor after an open-ended one', () => {
    expect(wrapSlices([{ start: 0, end: 5_000 }, { start: 5_000 }])).toEqual([{ start: 0, end: 5_000 }, { start: 5_000 }]);
  });

  it('gives no slices for a campaign without slices', () => {
    expect(wrapSlices([])).toEqual([]);
  });
});

describe('sliceLabel', () => {
  it.each([
    [{ start: 0, end: 2_000 }, 'Jusqu\'à 2 km'],
    [{ start: 2_000, end: 30_000 }, 'De 2 km à 30 km'],
    [{ start: 2_500, end: 17_250 }, 'De 2,5 km à 17,25 km'],
    [{ start: 60_000 }, 'Supérieure à 60 km'],
  ])('%o → %s', (slice, label) => {
    expect(sliceLabel(slice)).toBe(label);
  });
});

describe('sliceFormulas', () => {
  it('writes the registry criteria on R (€), S (period) and M (metres)', () => {
    expect(sliceFormulas({ start: 2_000, end: 30_000 }, 'normale')).toEqual({
      amount: 'SUMIFS(Trajets!R:R,Trajets!S:S,"normale",Trajets!M:M,">=2000",Trajets!M:M,"<30000")',
      trips: 'COUNTIFS(Trajets!S:S,"normale",Trajets!M:M,">=2000",Trajets!M:M,"<30000")',
      subsidized: 'COUNTIFS(Trajets!R:R,">0",Trajets!S:S,"normale",Trajets!M:M,">=2000",Trajets!M:M,"<30000")',
    });
    expect(sliceFormulas({ start: 60_000 }, 'booster').amount).toBe('SUMIFS(Trajets!R:R,Trajets!S:S,"booster",Trajets!M:M,">=60000")');
  });
});

describe('SliceTotals', () => {
  it('counts a journey in the slice whose start it reaches and whose end it does not', () => {
    const totals = new SliceTotals(wrapSlices([{ start: 2_000, end: 30_000 }]));
    totals.add(1_999, 0, 'normale');
    totals.add(2_000, 150, 'normale');
    totals.add(30_000, 200, 'booster');
    expect(totals.matched).toBe(true);
    expect(totals.figures.normale).toEqual([
      { cents: 0, trips: 1, subsidized: 0 },
      { cents: 150, trips: 1, subsidized: 1 },
      { cents: 0, trips: 0, subsidized: 0 },
    ]);
    expect(totals.figures.booster[2]).toEqual({ cents: 200, trips: 1, subsidized: 1 });
  });

  it('matches nothing when journeys fall between slices', () => {
    const totals = new SliceTotals(wrapSlices([{ start: 0, end: 2_000 }, { start: 5_000 }]));
    totals.add(3_000, 100, 'normale');
    expect(totals.matched).toBe(false);
  });
});
