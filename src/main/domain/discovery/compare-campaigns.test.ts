import { describe, expect, it } from 'vitest';
import { campaignCloseness, windowText } from './compare-campaigns';
import { SAMPLE_METRES } from './campaign-samples';
import type { TerritoryProfile } from './territory-profile';

/** A profile without sample places (they only serve sampling). */
function profile(population: number | null, kind: TerritoryProfile['kind'], largest: number | null): TerritoryProfile {
  return {
    population, communes: 10, kind, places: [],
    largest: largest === null ? null : { code: '00000', name: 'Ville', population: largest },
    urban: largest === null ? null : largest >= 100_000 ? 'grande ville' : largest >= 20_000 ? 'ville moyenne' : 'rural',
  };
}

const FROM_5_KM = { cents: SAMPLE_METRES.map((metres) => (metres >= 5_000 && metres <= 60_000 ? 100 : 0)) };

describe('campaignCloseness', () => {
  it('scores a twin territory 1 and says why in French', () => {
    const nantes = profile(680_000, 'intercommunalité', 327_000);
    const closeness = campaignCloseness(nantes, nantes, FROM_5_KM, 1);
    expect(closeness.similarity).toBeCloseTo(1, 9);
    expect(closeness.reasons[0]).toMatch(/^population comparable : 680\s000 hab\. \(votre territoire : 680\s000 hab\.\)$/);
    expect(closeness.reasons[1]).toMatch(/^même type de territoire : une intercommunalité autour d’une grande ville \(Ville, 327\s000 hab\.\)$/);
    expect(closeness.reasons[2]).toMatch(/^distances : paie les trajets de 5 à 60 km, soit 100\s%/);
  });

  it('ranks by size on a log scale, kind and distances; without journeys the distance weight goes to the rest', () => {
    const yours = profile(68_000, 'intercommunalité', 30_000);
    const region = campaignCloseness(yours, profile(3_900_000, 'région', 327_000), FROM_5_KM, 0.5);
    const twin = campaignCloseness(yours, profile(70_000, 'intercommunalité', 25_000), FROM_5_KM, 0.5);
    const tenTimes = campaignCloseness(yours, profile(680_000, 'intercommunalité', 327_000), FROM_5_KM, 0.5);
    expect(twin.similarity).toBeGreaterThan(tenTimes.similarity);
    expect(tenTimes.similarity).toBeGreaterThan(region.similarity);
    expect(tenTimes.reasons[0]).toMatch(/^population 10 fois plus grande/);
    expect(region.reasons[1]).toMatch(/^territoire différent : une région autour d’une grande ville/);
    const withoutJourneys = campaignCloseness(yours, profile(70_000, 'intercommunalité', 25_000), FROM_5_KM, null);
    expect(withoutJourneys.similarity).toBeCloseTo((0.4 * (1 - Math.abs(Math.log10(70 / 68)) / 2) + 0.3) / 0.7, 9);
    expect(withoutJourneys.reasons[2]).toBe('distances : votre territoire n’a pas de trajet dans la base pour les comparer (la campagne paie les trajets de 5 à 60 km)');
    expect(campaignCloseness(yours, profile(null, 'intercommunalité', null), FROM_5_KM, 0.5).reasons[0]).toContain('inconnue');
  });
});

describe('windowText', () => {
  it('says a window in French', () => {
    expect(windowText({ from: '2024-01-01', to: '2025-12-31' })).toBe('du 01/01/2024 au 31/12/2025');
    expect(windowText({ from: '2024-02-01', to: null })).toBe('à partir du 01/02/2024');
    expect(windowText({ from: null, to: null })).toBe('sans limite de dates');
  });
});
