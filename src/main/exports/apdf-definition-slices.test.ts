import { describe, expect, it } from 'vitest';
import type { CampaignDefinition, RuleVersion } from '../../shared/campaigns/definition-types';
import { loadCatalogue } from '../campaigns/catalogue-files';
import { definitionSlices } from './apdf-definition-slices';
import { sliceLabel, wrapSlices } from './apdf-slices';

/** A catalogue definition by id (the test fails loudly if it was renamed). */
function catalogue(id: string): CampaignDefinition {
  const found = loadCatalogue().find((definition) => definition.id === id);
  if (!found) throw new Error(`campagne absente du catalogue : ${id}`);
  return found;
}

/** The summary's row labels for a definition, after the registry's `wrapSlices`. */
function labels(definition: CampaignDefinition): string[] {
  return wrapSlices(definitionSlices(definition)).map(sliceLabel);
}

describe('definitionSlices', () => {
  it('takes exclusive slices as written, an open last one included', () => {
    expect(definitionSlices(catalogue('656'))).toEqual([{ start: 2_000, end: 20_000 }, { start: 20_000 }]);
    expect(labels(catalogue('656'))).toEqual(['Jusqu\'à 2 km', 'De 2 km à 20 km', 'Supérieure à 20 km']);
    // Inside per_seat: found however deep the formula puts them.
    expect(definitionSlices(catalogue('CCVMM_2024_05'))).toEqual([
      { start: 2_000, end: 15_000 },
      { start: 15_000, end: 30_000 },
      { start: 30_000, end: 80_000 },
    ]);
  });

  it('ends cumulative slices at the next one, the last at the eligibility’s maximum distance, as the registry declares them', () => {
    // Grand Poitiers: the registry's params.slices are [{ start: 5_000, end: 80_000 }].
    expect(definitionSlices(catalogue('grand_poitier_2024'))).toEqual([{ start: 5_000, end: 80_000 }]);
    expect(labels(catalogue('grand_poitier_2024'))).toEqual(['Jusqu\'à 5 km', 'De 5 km à 80 km', 'Supérieure à 80 km']);
    // The latest rule version's slices, found in a `choose`'s `otherwise`.
    expect(definitionSlices(catalogue('pmgf_atmb_2025'))).toEqual([{ start: 0, end: 21_000 }, { start: 21_000, end: 150_000 }]);
  });

  it('counts an included maximum in, and leaves the last slice open without a maximum', () => {
    const base = catalogue('grand_poitier_2024');
    const version = base.rules[0] as RuleVersion;
    const withBounds = (bounds: '[]' | '[)', max?: number): CampaignDefinition => ({
      ...base,
      rules: [{ ...version, eligibility: { type: 'all', of: [{ type: 'operator_class', classes: ['C'] }, { type: 'distance', min_m: 2_000, ...(max === undefined ? {} : { max_m: max }), bounds }] } }],
    });
    expect(definitionSlices(withBounds('[]', 80_000))).toEqual([{ start: 5_000, end: 80_001 }]);
    expect(definitionSlices(withBounds('[)'))).toEqual([{ start: 5_000 }]);
  });

  it('is empty when no rule version pays by distance slices', () => {
    expect(definitionSlices(catalogue('1'))).toEqual([]);
    expect(definitionSlices(catalogue('459'))).toEqual([]);
  });
});
