import { describe, expect, it } from 'vitest';
import { parameterText, parseParameter } from './parameter-values';

describe('check parameter values', () => {
  it('shows numbers the French way and an instant as a Paris date and time, never in ISO', () => {
    expect(parameterText(0.8)).toBe('0,8');
    expect(parameterText(172_800)).toBe('172800');
    expect(parameterText('2026-10-31T23:00:00Z')).toBe('01/11/2026 00:00');
    expect(parameterText(null)).toBe('');
  });

  it('reads back what the field shows, and nothing it cannot read', () => {
    expect(parseParameter('0,8', 0.7)).toBe(0.8);
    expect(parseParameter('huit', 0.7)).toBeUndefined();
    expect(parseParameter('01/11/2026 00:00', null)).toBe('2026-10-31T23:00:00.000Z');
    expect(parseParameter('2026-11-01', null)).toBeUndefined();
    expect(parseParameter('  ', null)).toBeNull();
  });
});
