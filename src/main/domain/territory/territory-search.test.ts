import { describe, expect, it } from 'vitest';
import { createGeoResolver, type GeoReference } from '../geo/geo-resolver';
import { searchKey, TerritoryIndex, territoryEntries } from './territory-search';

/** A hand-built geography: communes of two départements, an arrondissement, a déléguée, an EPCI, an AOM. */
function geography(): ReturnType<typeof createGeoResolver> {
  const reference: GeoReference = {
    vintage: 'test',
    communes: new Map([
      ['44109', { name: 'Nantes', dep: '44', reg: '52', epci: '244400404' }],
      ['44143', { name: 'Rezé', dep: '44', reg: '52', epci: '244400404' }],
      ['49007', { name: 'Angers', dep: '49', reg: '52', epci: '244900015' }],
      ['69123', { name: 'Lyon', dep: '69', reg: '84', epci: '200046977' }],
      ['44180', { name: 'Saint-Nazaire', dep: '44', reg: '52', epci: '244400644' }],
    ]),
    redirects: new Map([
      ['69381', '69123'],
      ['44999', '44109'],
    ]),
    names: {
      com: new Map([
        ['69381', 'Lyon 1er Arrondissement'],
        ['44999', 'Nantes-Déléguée'],
      ]),
      epci: new Map([
        ['244400404', 'Nantes Métropole'],
        ['244900015', 'CU Angers Loire Métropole'],
      ]),
      aom: new Map([['244400404', 'Nantes Métropole']]),
      dep: new Map([
        ['44', 'Loire-Atlantique'],
        ['49', 'Maine-et-Loire'],
        ['69', 'Rhône'],
      ]),
      reg: new Map([
        ['52', 'Pays de la Loire'],
        ['84', 'Auvergne-Rhône-Alpes'],
      ]),
      country: new Map(),
    },
    aomByCommune: new Map([
      ['44109', '244400404'],
      ['44143', '244400404'],
    ]),
  };
  return createGeoResolver(reference);
}

const populations = {
  communes: new Map([
    ['44109', 320_000],
    ['44143', 42_000],
    ['49007', 157_000],
    ['69123', 520_000],
    ['44180', 72_000],
  ]),
  arrondissements: new Map([['69381', 29_000]]),
};

const index = new TerritoryIndex(territoryEntries(geography(), populations));

describe('searchKey', () => {
  it('ignores accents, case, punctuation and ligatures', () => {
    expect(searchKey('  Saint-Étienne ')).toBe('saint etienne');
    expect(searchKey('L’Haÿ-les-Roses')).toBe('l hay les roses');
    expect(searchKey('ŒUILLY')).toBe('oeuilly');
  });
});

describe('territoryEntries', () => {
  it('lists current communes and arrondissements (not communes déléguées) and every group, with context and population', () => {
    const entries = territoryEntries(geography(), populations);
    expect(entries.filter((entry) => entry.level === 'com').map((entry) => entry.code).sort()).toEqual(['44109', '44143', '44180', '49007', '69123', '69381']);
    expect(entries.find((entry) => entry.code === '69381')).toEqual({ level: 'com', code: '69381', name: 'Lyon 1er Arrondissement', context: 'Rhône (69)', population: 29_000 });
    expect(entries.find((entry) => entry.level === 'epci' && entry.code === '244400404')).toEqual({ level: 'epci', code: '244400404', name: 'Nantes Métropole', context: 'Loire-Atlantique', population: 362_000 });
    expect(entries.find((entry) => entry.level === 'aom')).toMatchObject({ population: 362_000, context: 'Loire-Atlantique' });
    expect(entries.find((entry) => entry.level === 'dep' && entry.code === '44')).toEqual({ level: 'dep', code: '44', name: 'Loire-Atlantique', context: 'Pays de la Loire', population: 434_000 });
    expect(entries.find((entry) => entry.level === 'reg' && entry.code === '52')).toMatchObject({ context: null, population: 591_000 });
  });
});

describe('TerritoryIndex.search', () => {
  const found = (text: string): string[] => index.search(text, 10).map((entry) => `${entry.level}:${entry.code}`);

  it('puts the exact name first, then names starting with the text, then word starts, then other matches', () => {
    expect(found('Nantes')).toEqual(['com:44109', 'epci:244400404', 'aom:244400404']);
    expect(found('nantes metropole')).toEqual(['epci:244400404', 'aom:244400404']);
    // « loire » starts the département's name, then a word of other names: most populated first, EPCI before
    // département at equal population.
    expect(found('Loire')).toEqual(['dep:44', 'reg:52', 'epci:244900015', 'dep:49']);
    expect(found('Loire-Atl')).toEqual(['dep:44']);
    expect(found('métropole')).toEqual(['epci:244400404', 'aom:244400404', 'epci:244900015']);
    // Inside a word only: last.
    expect(found('azaire')).toEqual(['com:44180']);
  });

  it('ignores accents and case, honours the limit, and finds nothing for a text without letters', () => {
    expect(found('REZE')).toEqual(['com:44143']);
    expect(found('st nazaire')).toEqual([]);
    expect(found('saint naz')).toEqual(['com:44180']);
    expect(index.search('a', 2)).toHaveLength(2);
    expect(found(' - ')).toEqual([]);
  });
});
