import { describe, expect, it } from 'vitest';
import { trendOf } from './trend';

const NBSP = '\u00a0';

describe('trendOf', () => {
  it('says up or down by a French percentage', () => {
    expect(trendOf({ value: 13_860, yearBefore: 12_375 })).toEqual({ kind: 'up', percent: `12${NBSP}%` });
    expect(trendOf({ value: 900, yearBefore: 1_000 })).toEqual({ kind: 'down', percent: `10${NBSP}%` });
    expect(trendOf({ value: 1_013, yearBefore: 1_000 })).toEqual({ kind: 'up', percent: `1,3${NBSP}%` });
  });

  it('calls stable a change that rounds to 0 %, new what had nothing a year before, none what cannot be compared', () => {
    expect(trendOf({ value: 100_001, yearBefore: 100_000 })).toEqual({ kind: 'same', percent: null });
    expect(trendOf({ value: 0, yearBefore: 0 })).toEqual({ kind: 'same', percent: null });
    expect(trendOf({ value: 12, yearBefore: 0 })).toEqual({ kind: 'new', percent: null });
    expect(trendOf({ value: 12, yearBefore: null })).toEqual({ kind: 'none', percent: null });
  });
});
