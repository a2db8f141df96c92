import { describe, expect, it } from 'vitest';
import type { CampaignDefinition } from '../../../shared/campaigns/definition-types';
import { distanceFit, paidDistances, paidShareByBand, sampleCampaign, SAMPLE_METRES } from './campaign-samples';

/** The format's example (docs/campaigns-format.md): Cannes 2024, Klaxit, B and C, 2–80 km, 1,50 € + 0,10 €/km 15–30 km. */
const CANNES: CampaignDefinition = {
  format: 1, id: 'cannes_2024', name: 'Cannes Pays de Lérins', description: '', status: 'campaign', territory: { epci: ['200039915'] },
  window: { from: '2024-01-01', to: '2024-04-30' }, timezone: 'Europe/Paris', budget_cents: 5_089_648, payee: 'driver', lists: {}, shapes: {},
  rules: [{
    from: null,
    eligibility: {
      type: 'all',
      of: [{ type: 'operator', operators: ['KLAXIT'] }, { type: 'operator_class', classes: ['B', 'C'] }, { type: 'distance', min_m: 2_000, max_m: 80_000, bounds: '[]' }],
    },
    amount: { type: 'per_seat', of: { type: 'sum', of: [{ type: 'fixed', cents: 150 }, { type: 'per_km', cents_per_km: 10, from_m: 15_000, to_m: 30_000 }] } },
  }],
  limits: [{ counter: 'trips', target: 'driver', period: 'day', max: 6 }],
};
const PLACE = { epci: '200039915' };

const at = (samples: { cents: number[] }, metres: number): number | undefined => samples.cents[SAMPLE_METRES.indexOf(metres)];

describe('sampleCampaign', () => {
  it('reads the operators, classes and amounts by distance off the engine, on a Tuesday of the window', () => {
    const samples = sampleCampaign(CANNES, [[PLACE, PLACE]], '2026-11-28');
    expect(samples.operators).toEqual(['KLAXIT']);
    expect(samples.classes).toEqual(['B', 'C']);
    expect(samples.day).toBe('2024-04-30');
    expect(at(samples, 1_500)).toBe(0);
    expect(at(samples, 2_000)).toBe(150);
    expect(at(samples, 20_000)).toBe(200);
    expect(at(samples, 30_000)).toBe(300);
    expect(at(samples, 80_000)).toBe(300);
    expect(at(samples, 80_500)).toBe(0);
    expect(paidDistances(samples)).toBe('de 2 à 80 km');
  });

  it('pays nothing outside its territory', () => {
    const samples = sampleCampaign(CANNES, [[{ epci: '244400404' }, { epci: '244400404' }]], '2026-11-28');
    expect(samples.operators).toEqual([]);
    expect(samples.cents.every((cents) => cents === 0)).toBe(true);
    expect(paidDistances(samples)).toBe('');
  });
});

describe('distance profile', () => {
  const cannes = sampleCampaign(CANNES, [[PLACE, PLACE]], '2026-11-28');

  it('gives the share of each distance class a campaign pays, and the share of a territory’s journeys it pays', () => {
    const shares = paidShareByBand(cannes);
    // 0–10 km: 2 to 9,5 km of the 19 samples from 0,5 km; 50 km and more: sampled up to 80 km, all paid.
    expect(shares[0]).toBeCloseTo(16 / 19, 9);
    expect(shares.slice(1)).toEqual([1, 1, 1, 1, 1]);
    expect(distanceFit(cannes, [0, 0, 10, 0, 0, 0])).toBe(1);
    expect(distanceFit(cannes, [10, 0, 0, 0, 0, 10])).toBeCloseTo((16 / 19 + 1) / 2, 9);
    expect(distanceFit(cannes, [0, 0, 0, 0, 0, 0])).toBeNull();
  });

  it('says the distances paid in French', () => {
    const cents = (paid: (metres: number) => boolean): { cents: number[] } => ({ cents: SAMPLE_METRES.map((metres) => (paid(metres) ? 100 : 0)) });
    expect(paidDistances(cents((metres) => metres >= 2_000))).toBe('à partir de 2 km');
    expect(paidDistances(cents((metres) => metres <= 30_000))).toBe('jusqu’à 30 km');
    expect(paidDistances(cents(() => true))).toBe('de toute distance');
    expect(paidDistances(cents((metres) => (metres >= 4_500 && metres <= 10_000) || (metres >= 20_000 && metres <= 30_000)))).toBe('de 4,5 à 10 km et de 20 à 30 km');
  });
});
