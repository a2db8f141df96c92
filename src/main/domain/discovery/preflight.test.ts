import { describe, expect, it } from 'vitest';
import { composePreflight, nothingPaidWarning, type PreflightFacts } from './preflight';

const FACTS: PreflightFacts = {
  from: '2026-08-01', to: '2026-10-31', includeFlagged: false, journeysInPeriod: 3_900, journeysInTerritory: 2_100,
  store: { first: '2026-08-01', last: '2026-10-31' }, territoryName: 'Nantes Métropole', window: { text: 'du 01/08/2026 au 31/10/2026', overlap: 'full' }, lastTerritoryDay: null,
};
const codes = (facts: PreflightFacts): string[] => composePreflight(facts).warnings.map((warning) => warning.code);

describe('composePreflight', () => {
  it('says nothing when the campaign covers the period and its territory has journeys', () => {
    expect(composePreflight(FACTS)).toEqual({ journeysInPeriod: 3_900, journeysInTerritory: 2_100, warnings: [], suggestedPeriod: null });
  });

  it('warns of an empty period (saying what the store covers), an empty territory, a window outside or across', () => {
    const empty = composePreflight({ ...FACTS, from: '2025-01-01', to: '2025-03-31', journeysInPeriod: 0, journeysInTerritory: 0 });
    expect(empty.warnings).toEqual([{ code: 'no_journeys_in_period', message: 'La base ne contient aucun trajet validé du 01/01/2025 au 31/03/2025 : elle couvre du 01/08/2026 au 31/10/2026.' }]);
    expect(composePreflight({ ...FACTS, journeysInPeriod: 0, journeysInTerritory: 0, store: null, includeFlagged: true }).warnings[0]?.message).toBe(
      'La base ne contient aucun trajet du 01/08/2026 au 31/10/2026 : elle est vide.',
    );
    const outside = composePreflight({ ...FACTS, journeysInTerritory: 0, territoryName: 'Rennes Métropole' });
    expect(outside.warnings[0]?.message).toMatch(/^Aucun des 3\s900 trajets validés du 01\/08\/2026 au 31\/10\/2026 ne part ni n’arrive sur le territoire de la campagne \(Rennes Métropole\)/);
    expect(codes({ ...FACTS, window: { text: 'du 01/01/2024 au 31/12/2025', overlap: 'none' } })).toEqual(['window_outside']);
    expect(codes({ ...FACTS, window: { text: 'du 01/09/2026 au 31/12/2026', overlap: 'partial' } })).toEqual(['window_partial']);
  });

  it('suggests the period of the same length ending on the territory’s last day with journeys, when it differs', () => {
    const shifted = composePreflight({ ...FACTS, from: '2025-08-01', to: '2025-10-31', journeysInPeriod: 0, journeysInTerritory: 0, lastTerritoryDay: '2026-10-30' });
    expect(shifted.suggestedPeriod).toEqual({ from: '2026-07-31', to: '2026-10-30' });
    expect(composePreflight({ ...FACTS, journeysInTerritory: 0, lastTerritoryDay: null }).suggestedPeriod).toBeNull();
    // Journeys in the territory and a window over the period: nothing to suggest.
    expect(composePreflight({ ...FACTS, lastTerritoryDay: '2026-10-30' }).suggestedPeriod).toBeNull();
  });
});

describe('nothingPaidWarning', () => {
  it('says why a simulation paid nothing, and nothing when it paid or had no journey', () => {
    expect(nothingPaidWarning({ trips: 1_200, amountCents: 0 }, [{ message: 'distance hors des limites', count: 1_100 }])).toEqual({
      code: 'nothing_paid', message: expect.stringMatching(/^Aucun des 1\s200 trajets simulés n’est payé ; raison la plus fréquente : distance hors des limites \(1\s100 trajets\)\.$/),
    });
    expect(nothingPaidWarning({ trips: 1_200, amountCents: 5 }, [])).toBeNull();
    expect(nothingPaidWarning({ trips: 0, amountCents: 0 }, [])).toBeNull();
  });
});
