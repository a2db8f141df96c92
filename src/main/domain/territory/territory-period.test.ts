import { describe, expect, it } from 'vitest';
import { monthsOf } from '../time/calendar';
import { defaultPeriod, yearBeforePeriod, yearEarlier } from './territory-period';

describe('defaultPeriod', () => {
  it('takes the last three complete months of the store', () => {
    expect(defaultPeriod({ from: '2025-01-01', to: '2026-10-31' })).toEqual({ from: '2026-08-01', to: '2026-10-31' });
    // The store's last month is incomplete: it is left out.
    expect(defaultPeriod({ from: '2025-01-01', to: '2026-11-27' })).toEqual({ from: '2026-08-01', to: '2026-10-31' });
    expect(defaultPeriod({ from: '2025-01-01', to: '2026-02-28' })).toEqual({ from: '2025-12-01', to: '2026-02-28' });
  });

  it('starts no earlier than the store, and falls back to the store when it holds no complete month', () => {
    expect(defaultPeriod({ from: '2026-09-15', to: '2026-10-31' })).toEqual({ from: '2026-09-15', to: '2026-10-31' });
    expect(defaultPeriod({ from: '2026-10-03', to: '2026-10-20' })).toEqual({ from: '2026-10-03', to: '2026-10-20' });
  });
});

describe('yearEarlier and yearBeforePeriod', () => {
  it('maps whole months to whole months, leap years included', () => {
    expect(yearEarlier('2026-08-01')).toBe('2025-08-01');
    expect(yearEarlier('2028-02-29')).toBe('2027-02-28');
    expect(yearEarlier('2025-02-28')).toBe('2024-02-29');
    expect(yearEarlier('2026-02-14')).toBe('2025-02-14');
  });

  it('is given only when the store covers the whole period a year before', () => {
    const period = { from: '2026-08-01', to: '2026-10-31' };
    expect(yearBeforePeriod(period, { from: '2025-08-01', to: '2026-10-31' })).toEqual({ from: '2025-08-01', to: '2025-10-31' });
    expect(yearBeforePeriod(period, { from: '2025-08-02', to: '2026-10-31' })).toBeNull();
    expect(yearBeforePeriod(period, null)).toBeNull();
  });
});

describe('monthsOf', () => {
  it('lists the months overlapping a period, across years', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2026-03-01', '2026-03-31')).toEqual(['2026-03']);
  });
});
