import { describe, expect, it } from 'vitest';
import { formatCents, formatPercent } from '@shared/util/format';
import { fakeMapResult, fakeShapes } from '@renderer/api/fake-map';
import { choroplethGroups, shapesPathData } from './map-background';
import { CHOROPLETH_COLOURS, EVOLUTION_COLOURS } from './map-classes';
import { classColour, formatMeasure, measureColour, measureScale, measureValue } from './map-measures';
import { UNIT_FRAME } from './map-geometry';

const result = fakeMapResult({ level: 'dep', territory: null, from: '2026-08-01', to: '2026-10-31', direction: 'both' }, 6);
const departements = fakeShapes({ level: 'dep' }).features;

describe('shapesPathData', () => {
  it('writes one closed SVG path per contour', () => {
    const data = shapesPathData(departements, UNIT_FRAME);
    expect(data.match(/M/g)).toHaveLength(2);
    expect(data.match(/Z/g)).toHaveLength(2);
    expect(shapesPathData([], UNIT_FRAME)).toBe('');
  });
});

describe('choroplethGroups', () => {
  it('groups contours by the colour of their place’s class, leaving out places without a value', () => {
    const scale = measureScale(result.places, 'perThousand');
    const groups = choroplethGroups(departements, { measure: 'perThousand', scale, places: result.places });
    const colours = Object.fromEntries(groups.flatMap((group) => group.features.map((feature) => [feature.properties.code, group.colour])));
    const expected = (code: string): string => {
      const place = result.places.find((item) => item.code === code);
      return measureColour('perThousand', scale, (place && measureValue(place, 'perThousand')) ?? Number.NaN);
    };
    expect(colours).toEqual({ '44': expected('44'), '49': expected('49') });
    expect(choroplethGroups(departements, { measure: 'perThousand', scale, places: [] })).toEqual([]);
  });
});

describe('measures', () => {
  it('classes the evolution around zero with the diverging palette', () => {
    const scale = measureScale(result.places, 'evolution');
    expect(scale.thresholds).toEqual([-0.25, -0.05, 0.05, 0.25]);
    expect(classColour('evolution', scale, 2)).toBe(EVOLUTION_COLOURS[2]);
    expect(formatMeasure('evolution', 0.111)).toBe(`+${formatPercent(0.111)}`);
    expect(formatMeasure('evolution', 0.111)).toMatch(/^\+11,1\s%$/);
  });

  it('skips the lightest colours when a measure has few classes', () => {
    expect(classColour('rpcCents', { thresholds: [], min: 1, max: 1, integer: true }, 0)).toBe(CHOROPLETH_COLOURS[4]);
    expect(formatMeasure('rpcCents', 123_456)).toBe(formatCents(123_456));
  });
});
