import { describe, expect, it } from 'vitest';
import { createGeoResolver, normaliseInseeCode, withAom, type GeoReference } from './geo-resolver';

/** A hand-built reference: two communes, an arrondissement, a déléguée, a former code, a two-hop chain, a loop. */
function reference(): GeoReference {
  return {
    vintage: 'test',
    communes: new Map([
      ['01001', { name: 'L’Abergement-Clémenciat', dep: '01', reg: '84', epci: '200069193' }],
      ['2A004', { name: 'Ajaccio', dep: '2A', reg: '94', epci: '242000065' }],
      ['75056', { name: 'Paris', dep: '75', reg: '11', epci: '200054781' }],
      ['98901', { name: 'Île de Clipperton', dep: '989', reg: '989', epci: null }],
    ]),
    redirects: new Map([
      ['75101', '75056'],
      ['01099', '01001'],
      ['01098', '01099'],
      ['01097', '99999'],
      ['01096', '01095'],
      ['01095', '01096'],
    ]),
    names: {
      com: new Map([['75101', 'Paris 1er Arrondissement']]),
      epci: new Map([['200054781', 'Métropole du Grand Paris']]),
      aom: new Map([['217500016', 'Île-de-France Mobilités']]),
      dep: new Map([['75', 'Paris']]),
      reg: new Map([['11', 'Île-de-France']]),
      country: new Map([
        ['99100', 'France'],
        ['99140', 'Suisse'],
      ]),
    },
    aomByCommune: new Map([['75056', '217500016']]),
  };
}

describe('normaliseInseeCode', () => {
  it.each([
    ['01001', '01001'],
    [' 1001 ', '01001'],
    ['2a004', '2A004'],
    ['75101', '75101'],
    ['ABCDE', 'ABCDE'],
    ['', ''],
  ])('%j → %j', (raw, expected) => expect(normaliseInseeCode(raw)).toBe(expected));
});

describe('createGeoResolver', () => {
  const resolver = createGeoResolver(reference());

  it('resolves a current commune to itself with its levels and France as country', () => {
    expect(resolver.resolve('75056')).toEqual({
      insee: '75056', com: '75056', epci: '200054781', aom: '217500016', dep: '75', reg: '11', country: '99100',
    });
    expect(resolver.resolve('98901')).toMatchObject({ com: '98901', epci: null, aom: null });
  });

  it('maps a redirected code to its commune and keeps the code given as insee', () => {
    expect(resolver.resolve('75101')).toMatchObject({ insee: '75101', com: '75056', aom: '217500016' });
    expect(resolver.resolve('01099')).toMatchObject({ insee: '01099', com: '01001' });
  });

  it('follows a chain of redirects but not a loop nor a dead end', () => {
    expect(resolver.resolve('01098')).toMatchObject({ insee: '01098', com: '01001' });
    expect(resolver.resolve('01096')).toBeNull();
    expect(resolver.resolve('01097')).toBeNull();
  });

  it('normalises before looking up, and reports the normalised code', () => {
    expect(resolver.resolve('1001')).toMatchObject({ insee: '01001', com: '01001' });
    expect(resolver.resolve(' 2a004')).toMatchObject({ insee: '2A004', com: '2A004', dep: '2A' });
  });

  it('treats 99xxx as a foreign country, and 99100 (France, no place) as unresolvable', () => {
    expect(resolver.resolve('99140')).toEqual({ insee: '99140', com: null, epci: null, aom: null, dep: null, reg: null, country: '99140' });
    expect(resolver.resolve('99999')).toMatchObject({ country: '99999' });
    expect(resolver.resolve('99100')).toBeNull();
    expect(resolver.resolve(' 99100 ')).toBeNull();
  });

  it('returns null for unknown or malformed codes', () => {
    for (const code of ['00000', 'ABCDE', '', '   ', '123', '751011', '99', 'XXXXX']) expect(resolver.resolve(code)).toBeNull();
  });

  it('returns shared frozen objects (callers cannot corrupt the table)', () => {
    const first = resolver.resolve('75056');
    expect(resolver.resolve('75056')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(resolver.resolve('99140')).toBe(resolver.resolve('99140'));
  });

  it('names codes at every level', () => {
    expect(resolver.name('com', '75056')).toBe('Paris');
    expect(resolver.name('com', '75101')).toBe('Paris 1er Arrondissement');
    expect(resolver.name('com', '2a004')).toBe('Ajaccio');
    expect(resolver.name('epci', '200054781')).toBe('Métropole du Grand Paris');
    expect(resolver.name('aom', '217500016')).toBe('Île-de-France Mobilités');
    expect(resolver.name('dep', '75')).toBe('Paris');
    expect(resolver.name('reg', '11')).toBe('Île-de-France');
    expect(resolver.name('country', '99140')).toBe('Suisse');
    expect(resolver.name('country', '99999')).toBeNull();
    expect(resolver.name('epci', 'inconnu')).toBeNull();
    expect(resolver.vintage).toBe('test');
  });

  it('lists every code of a level with its name: current communes first, then the other named commune codes', () => {
    expect([...resolver.entries('com')].map(([code]) => code)).toEqual(['01001', '2A004', '75056', '98901', '75101']);
    expect([...resolver.entries('reg')]).toEqual([['11', 'Île-de-France']]);
  });
});

describe('withAom', () => {
  it('replaces the AOM table and names without touching the reference', () => {
    const base = reference();
    const resolver = createGeoResolver(withAom(base, new Map([['01001', '200069193']]), new Map([['200069193', 'CC de la Dombes']])));
    expect(resolver.resolve('01001')?.aom).toBe('200069193');
    expect(resolver.resolve('75056')?.aom).toBeNull();
    expect(resolver.name('aom', '200069193')).toBe('CC de la Dombes');
    expect(base.aomByCommune.get('75056')).toBe('217500016');
  });

  it('carries an AOM keyed by a former code over to the current commune, unless it has its own', () => {
    const carried = createGeoResolver(withAom(reference(), new Map([['01099', '111111111']])));
    expect(carried.resolve('01001')?.aom).toBe('111111111');
    expect(carried.resolve('01099')?.aom).toBe('111111111');
    const own = createGeoResolver(withAom(reference(), new Map([['01099', '111111111'], ['01001', '222222222']])));
    expect(own.resolve('01001')?.aom).toBe('222222222');
  });
});
