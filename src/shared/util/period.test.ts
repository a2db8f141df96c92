import { describe, expect, it } from 'vitest';
import { formatEuros, parseFrenchNumber } from './format';
import { lastThreeMonths } from './period';

describe('lastThreeMonths', () => {
  it('takes the three whole months ending with the covered one, clipped to the covered start', () => {
    expect(lastThreeMonths({ from: '2026-01-01', to: '2026-10-31' })).toEqual({ from: '2026-08-01', to: '2026-10-31' });
    expect(lastThreeMonths({ from: '2026-09-15', to: '2026-10-31' })).toEqual({ from: '2026-09-15', to: '2026-10-31' });
    expect(lastThreeMonths({ from: '2025-01-01', to: '2026-02-10' })).toEqual({ from: '2025-12-01', to: '2026-02-10' });
  });
});

describe('French amounts', () => {
  it('reads numbers typed the French way and prints euros', () => {
    expect(parseFrenchNumber('150 000,50')).toBe(150_000.5);
    expect(parseFrenchNumber('1\u202f234')).toBe(1234);
    expect(Number.isNaN(parseFrenchNumber('douze'))).toBe(true);
    expect(formatEuros(12.5)).toBe('12,50\u00a0€');
  });
});
