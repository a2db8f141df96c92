import { describe, expect, it } from 'vitest';
import { addDays } from '../time/calendar';
import { previousPeriod, wholeMonthsOf } from './period-months';

describe('wholeMonthsOf', () => {
  it('keeps whole months and the incomplete ends apart', () => {
    expect(wholeMonthsOf('2024-01-15', '2024-04-10')).toEqual({
      months: ['2024-02', '2024-03'],
      partial: [{ from: '2024-01-15', to: '2024-01-31' }, { from: '2024-04-01', to: '2024-04-10' }],
    });
  });

  it('reads whole months only when the period is made of them, leap February included', () => {
    expect(wholeMonthsOf('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02'], partial: [] });
    expect(wholeMonthsOf('2023-12-01', '2024-02-29')).toEqual({ months: ['2023-12', '2024-01', '2024-02'], partial: [] });
    expect(wholeMonthsOf('2024-02-01', '2024-02-28')).toEqual({ months: [], partial: [{ from: '2024-02-01', to: '2024-02-28' }] });
  });

  it('gives one range for a period inside a month or across two incomplete months', () => {
    expect(wholeMonthsOf('2024-03-05', '2024-03-05')).toEqual({ months: [], partial: [{ from: '2024-03-05', to: '2024-03-05' }] });
    expect(wholeMonthsOf('2024-03-05', '2024-04-02')).toEqual({ months: [], partial: [{ from: '2024-03-05', to: '2024-04-02' }] });
  });
});

describe('previousPeriod', () => {
  it('is the same number of days just before', () => {
    expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ from: '2024-01-30', to: '2024-02-29' });
    expect(previousPeriod('2024-01-01', '2024-01-01')).toEqual({ from: '2023-12-31', to: '2023-12-31' });
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});
