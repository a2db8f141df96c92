import { describe, expect, it } from 'vitest';
import { composeStats, stepCoverage, type DayRow, type StatsInputs } from './compose-stats';

/** One day of journeys starting in the territory (direction `from`), no other figure. */
function day(date: string, journeys: number): DayRow {
  return {
    direction: 'from', day: date, journeys, trips: journeys, seats: journeys, distance_m: 0, seat_distance_m: 0, duration_s: 0,
    rpc_cents: 0, op_cents: 0, incented: 0, d0: journeys, d10: 0, d20: 0, d30: 0, d40: 0, d50: 0,
  };
}

function series(granularity: StatsInputs['granularity'], covered: StatsInputs['covered'], days: DayRow[]) {
  const inputs: StatsInputs = {
    direction: 'from', granularity, covered, days, operators: [], hours: [], people: [], newcomers: [], communes: [], flows: [], communeName: () => null,
  };
  return composeStats(inputs).series.map(({ period, from, to, partial, journeys }) => ({ period, from, to, partial, journeys }));
}

describe('composeStats — partial steps of the trend series', () => {
  it('marks the first and last months a period cuts, and only them', () => {
    const days = [day('2026-08-20', 5), day('2026-09-10', 7), day('2026-10-03', 2)];
    expect(series('month', { from: '2026-08-15', to: '2026-10-05' }, days)).toEqual([
      { period: '2026-08', from: '2026-08-15', to: '2026-08-31', partial: true, journeys: 5 },
      { period: '2026-09', from: '2026-09-01', to: '2026-09-30', partial: false, journeys: 7 },
      { period: '2026-10', from: '2026-10-01', to: '2026-10-05', partial: true, journeys: 2 },
    ]);
  });

  it('keeps whole months whole, a period that covers them exactly included', () => {
    const days = [day('2026-08-01', 1), day('2026-09-30', 1)];
    expect(series('month', { from: '2026-08-01', to: '2026-09-30' }, days).map((point) => point.partial)).toEqual([false, false]);
  });

  it('marks ISO weeks cut at either end (Monday to Sunday), a one-day cut included', () => {
    // 2026-08-01 is a Saturday, 2026-08-17 a Monday, 2026-08-23 a Sunday.
    const days = [day('2026-08-01', 3), day('2026-08-05', 4), day('2026-08-23', 6)];
    expect(series('week', { from: '2026-08-01', to: '2026-08-23' }, days)).toEqual([
      { period: '2026-07-27', from: '2026-08-01', to: '2026-08-02', partial: true, journeys: 3 },
      { period: '2026-08-03', from: '2026-08-03', to: '2026-08-09', partial: false, journeys: 4 },
      { period: '2026-08-17', from: '2026-08-17', to: '2026-08-23', partial: false, journeys: 6 },
    ]);
    expect(series('week', { from: '2026-08-03', to: '2026-08-08' }, [day('2026-08-05', 4)])[0]).toMatchObject({ to: '2026-08-08', partial: true });
  });

  it('never marks a day', () => {
    expect(series('day', { from: '2026-08-01', to: '2026-08-01' }, [day('2026-08-01', 3)])).toEqual([
      { period: '2026-08-01', from: '2026-08-01', to: '2026-08-01', partial: false, journeys: 3 },
    ]);
  });
});

describe('stepCoverage', () => {
  it('narrows a step to the days covered and says whether any is missing', () => {
    expect(stepCoverage('month', '2024-02', { from: '2024-01-01', to: '2024-12-31' })).toEqual({ from: '2024-02-01', to: '2024-02-29', partial: false });
    expect(stepCoverage('month', '2024-02', { from: '2024-01-01', to: '2024-02-28' })).toEqual({ from: '2024-02-01', to: '2024-02-28', partial: true });
    expect(stepCoverage('week', '2026-12-28', { from: '2026-12-01', to: '2027-01-03' })).toEqual({ from: '2026-12-28', to: '2027-01-03', partial: false });
  });
});
