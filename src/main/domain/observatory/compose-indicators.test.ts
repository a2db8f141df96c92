import { describe, expect, it } from 'vitest';
import type { StatsResult } from '../../../shared/types/stats';
import { composeIndicators, thresholded, type IndicatorInputs } from './compose-indicators';

/** The part of a dashboard the indicators read. */
function dashboard(journeys: number, trips: number, carpoolers: number, series: StatsResult['series']): StatsResult {
  return {
    territory: { level: 'aom', code: '244400404', name: 'Nantes Métropole' }, direction: 'both', from: '2026-08-01', to: '2026-10-31',
    key: {
      journeys, trips, passengers: journeys, carpoolers, peoplePerVehicle: null, newDrivers: 0, newPassengers: 0, meanDistanceKm: null, meanDurationMin: null,
      internalShare: null, co2Tonnes: 1.25, rpcCents: 0, opCents: 0, incented: 0,
    },
    series, byHour: Array.from({ length: 24 }, () => 0), byWeekday: [0, 0, 0, 0, 0, 0, 0], distanceBands: [0, 0, 0, 0, 0, 0], byClass: [], byOperator: [], topFlows: [], topTerritories: [], elapsedMs: 1,
  };
}

const point = (period: string, journeys: number, trips: number): StatsResult['series'][number] => ({
  period, from: `${period}-01`, to: `${period}-28`, partial: false, journeys, trips, passengers: journeys, distanceKm: 0, rpcCents: 0,
});

const INPUTS: IndicatorInputs = {
  territory: null, from: '2026-08-01', to: '2026-10-31', minCount: 6,
  stats: dashboard(120, 100, 80, [point('2026-08', 50, 40), point('2026-10', 70, 3)]),
  operators: { months: [{ month: '2026-08', operators: 3 }, { month: '2026-10', operators: 2 }], total: 4 },
  authorities: [{ authority: 'Nantes Métropole', campaigns: 1, journeys: 40, cents: 8_000 }, { authority: 'Petite commune', campaigns: 1, journeys: 2, cents: 300 }],
  aomCarpools: [
    { code: 'A', month: '2026-08', carpools: 100 }, { code: 'A', month: '2026-10', carpools: 125 },
    { code: 'B', month: '2026-08', carpools: 40 }, { code: 'C', month: '2026-10', carpools: 30 },
    { code: 'D', month: '2026-08', carpools: 4 },
  ],
  scopeAoms: null, campaignAoms: new Set(['A']), attestationsIssued: 2,
};

describe('composeIndicators', () => {
  it('gives the dashboard’s figures, every month of the period, the authorities at or above the threshold', () => {
    const indicators = composeIndicators(INPUTS);
    expect(indicators).toMatchObject({ journeys: 120, carpools: 100, carpoolers: 80, co2Tonnes: 1.25, operatorsSendingProofs: 4, attestationsIssued: 2, minCount: 6 });
    expect(indicators.months).toEqual([
      { month: '2026-08', journeys: 50, carpools: 40 },
      { month: '2026-09', journeys: 0, carpools: 0 },
      // 3 carpools: under the threshold, not published.
      { month: '2026-10', journeys: 70, carpools: null },
    ]);
    expect(indicators.operatorsByMonth).toEqual([{ month: '2026-08', operators: 3 }, { month: '2026-09', operators: 0 }, { month: '2026-10', operators: 2 }]);
    expect(indicators.authoritiesWithCampaign).toEqual([{ authority: 'Nantes Métropole', campaigns: 1, journeys: 40, cents: 8_000 }]);
  });

  it('compares the AOM that fund a campaign with the others between the first and last complete months', () => {
    const { evolution } = composeIndicators(INPUTS);
    expect(evolution).toEqual({
      firstMonth: '2026-08',
      lastMonth: '2026-10',
      withCampaign: { aoms: 1, first: 100, last: 125, change: 0.25 },
      withoutCampaign: { aoms: 3, first: 44, last: 30, change: (30 - 44) / 44 },
    });
    // Restricted to the AOM of a territory; a group under the threshold is hidden and has no change.
    const scoped = composeIndicators({ ...INPUTS, scopeAoms: new Set(['A', 'D']) }).evolution;
    expect(scoped.withoutCampaign).toEqual({ aoms: 1, first: null, last: 0, change: null });
    // Fewer than two complete months: nothing to compare.
    expect(composeIndicators({ ...INPUTS, from: '2026-08-01', to: '2026-08-31' }).evolution).toMatchObject({ firstMonth: null, lastMonth: null, withCampaign: { first: null, change: null } });
  });
});

describe('thresholded', () => {
  it('hides counts from 1 to the threshold minus one, not 0', () => {
    expect([0, 1, 5, 6, 100].map((count) => thresholded(count, 6))).toEqual([0, null, null, 6, 100]);
  });
});
