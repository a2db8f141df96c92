import { describe, expect, it } from 'vitest';
import { createGeoResolver, type CommuneReference, type GeoReference } from '../geo/geo-resolver';
import { buildCommuneIndex, selectorProfile, selectorTest, territoryProfile, tripPlaceOf } from './territory-profile';

/** Four communes: a big town and its suburb in one EPCI, a small town elsewhere, and one whose AOM the store knows. */
const COMMUNES: Array<[string, CommuneReference, number]> = [
  ['44109', { name: 'Nantes', dep: '44', reg: '52', epci: '244400404' }, 327_734],
  ['44162', { name: 'Saint-Herblain', dep: '44', reg: '52', epci: '244400404' }, 50_000],
  ['53130', { name: 'Laval', dep: '53', reg: '52', epci: '200083392' }, 49_000],
  ['53001', { name: 'Ahuillé', dep: '53', reg: '52', epci: '245300330' }, 1_800],
];
const REFERENCE: GeoReference = {
  vintage: 'test',
  communes: new Map(COMMUNES.map(([code, commune]) => [code, commune])),
  redirects: new Map(),
  names: { com: new Map(), epci: new Map(), aom: new Map(), dep: new Map(), reg: new Map(), country: new Map() },
  // Only Ahuillé is in the store's AOM table (the Région acts as its AOM); the others fall back to their EPCI.
  aomByCommune: new Map([['53001', '234400034']]),
};
const index = buildCommuneIndex({ communes: new Map(COMMUNES.map(([code, , population]) => [code, population])), arrondissements: new Map([['75101', 15_000]]) }, createGeoResolver(REFERENCE));

describe('territory profiles', () => {
  it('sums the populations of a territory, finds its main town and kind, and places for sample trips', () => {
    const nantes = territoryProfile({ level: 'aom', code: '244400404' }, index);
    expect(nantes).toMatchObject({ population: 377_734, communes: 2, kind: 'intercommunalité', urban: 'grande ville', largest: { code: '44109', name: 'Nantes' } });
    expect(nantes.places.map((place) => place.code)).toEqual(['44109', '44162']);
    const mayenne = territoryProfile({ level: 'dep', code: '53' }, index);
    expect(mayenne).toMatchObject({ population: 50_800, kind: 'département', urban: 'ville moyenne' });
    // Its main town, its second, and (the same) first town of another AOM.
    expect(mayenne.places.map((place) => place.code)).toEqual(['53130', '53001']);
    expect(territoryProfile({ level: 'com', code: '53001' }, index)).toMatchObject({ population: 1_800, kind: 'commune', urban: 'rural' });
    expect(territoryProfile({ level: 'epci', code: '999999999' }, index)).toMatchObject({ population: null, communes: 0, largest: null, urban: null, places: [] });
  });

  it('profiles a campaign’s selector as the engine matches trip ends, named lists and the AOM fallback included', () => {
    const lists = { mayenne: { kind: 'codes' as const, values: ['53130', '53001'] } };
    expect(selectorProfile({ arr: { list: 'mayenne' } }, lists, index)).toMatchObject({ population: 50_800, kind: 'intercommunalité' });
    expect(selectorProfile({ reg: ['52'] }, {}, index)).toMatchObject({ population: 428_534, kind: 'région' });
    expect(selectorProfile({ aom: ['234400034'] }, {}, index)).toMatchObject({ population: 1_800, communes: 1 });
    const laval = index.communes.find((commune) => commune.code === '53130');
    if (!laval) throw new Error('Laval absente');
    expect(selectorTest({}, {})(laval)).toBe(true);
    expect(selectorTest({ aom: ['200083392'] }, {})(laval)).toBe(true);
    expect(tripPlaceOf(laval)).toEqual({ com: '53130', arr: '53130', epci: '200083392', aom: '200083392', dep: '53', reg: '52', country: '99100' });
  });
});
