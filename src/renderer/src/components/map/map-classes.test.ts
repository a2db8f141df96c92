import { describe, expect, it } from 'vitest';
import {
  FLOW_COLOURS,
  FLOW_WIDTHS,
  circleRadius,
  classIndex,
  flowScale,
  flowStyle,
  geometricThresholds,
  niceNumber,
  quantileThresholds,
} from './map-classes';

describe('niceNumber', () => {
  it('rounds to 1, 2, 2.5 or 5 times a power of ten, nearest on a log scale', () => {
    expect([18.8, 59, 185, 581, 0.137, 1, 3.3, 6.5, 7.4].map(niceNumber)).toEqual([20, 50, 200, 500, 0.1, 1, 2.5, 5, 10]);
  });
});

describe('geometricThresholds', () => {
  it('splits 6 to 1,830 journeys into five classes at round numbers', () => {
    expect(geometricThresholds(6, 1_830, 5, true)).toEqual([20, 50, 200, 500]);
  });

  it('gives fewer classes on a narrow range, none on a single value', () => {
    expect(geometricThresholds(6, 9, 5, true)).toEqual([7, 8]);
    expect(geometricThresholds(10, 12, 5, true)).toEqual([11, 12]);
    expect(geometricThresholds(12, 12, 5, true)).toEqual([]);
    expect(geometricThresholds(0, 100, 5, true)).toEqual([]);
  });
});

describe('quantileThresholds', () => {
  it('puts about as many values in each class, at two significant digits', () => {
    const values = Array.from({ length: 100 }, (_, index) => index / 100 + 0.004);
    expect(quantileThresholds(values, 5)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });

  it('drops repeated thresholds when many values are equal', () => {
    expect(quantileThresholds([1, 1, 1, 1, 1, 1, 1, 1, 2, 9], 5)).toEqual([2]);
  });
});

describe('classIndex', () => {
  it('counts the thresholds at or below the value', () => {
    const scale = { thresholds: [20, 50, 200, 500] };
    expect([6, 19, 20, 49, 50, 499, 500, 1_830].map((value) => classIndex(scale, value))).toEqual([0, 0, 1, 1, 2, 3, 4, 4]);
  });
});

describe('flow classes', () => {
  it('draws the biggest flow dark and thick, the smallest light and thin', () => {
    const scale = flowScale([6, 40, 300, 1_830]);
    expect(flowStyle(scale, 0)).toEqual({ colour: FLOW_COLOURS[0], width: FLOW_WIDTHS[0] });
    expect(flowStyle(scale, classIndex(scale, 1_830))).toEqual({ colour: FLOW_COLOURS[4], width: FLOW_WIDTHS[4] });
  });

  it('keeps the darkest styles when there are fewer classes', () => {
    const scale = flowScale([10, 11, 12]);
    expect(scale.thresholds).toEqual([11, 12]);
    expect(flowStyle(scale, 2).width).toBe(FLOW_WIDTHS[4]);
    expect(flowStyle(scale, 0).width).toBe(FLOW_WIDTHS[2]);
  });
});

describe('circleRadius', () => {
  it('makes the area, not the radius, follow the value', () => {
    expect(circleRadius(100, 100, 28)).toBe(28);
    expect(circleRadius(25, 100, 28)).toBe(14);
    expect(circleRadius(0, 100, 28)).toBe(0);
  });
});
