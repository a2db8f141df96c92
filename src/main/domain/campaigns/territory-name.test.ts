import { describe, expect, it } from 'vitest';
import { territoryName, type PlaceNamer } from './territory-name';

/** A geography that knows Nantes Métropole as an EPCI, one AOM by its store name, a région and a commune. */
const names: Record<string, string> = {
  'epci:244400404': 'Nantes Métropole',
  'aom:200083392': 'Laval Agglomération',
  'reg:52': 'Pays de la Loire',
  'com:74008': 'Annemasse',
};
const namer: PlaceNamer = (level, code) => names[`${level}:${code}`] ?? null;

describe('territoryName', () => {
  it('names codes from the geography, an AOM by its EPCI when the AOM table has no name, unknown codes by level', () => {
    expect(territoryName({ territory: { aom: ['244400404'] }, lists: {} }, namer)).toBe('Nantes Métropole');
    expect(territoryName({ territory: { reg: ['52'] }, lists: {} }, namer)).toBe('Pays de la Loire');
    expect(territoryName({ territory: { aom: ['200083392', '200000001'], arr: ['74008'] }, lists: {} }, namer)).toBe('Laval Agglomération, AOM 200000001, Annemasse');
  });

  it('names the catalogue’s AOM that are no EPCI without the store’s AOM table, each name once', () => {
    expect(territoryName({ territory: { aom: ['217500016', '287500078'] }, lists: {} }, namer)).toBe('Île-de-France Mobilités');
    expect(territoryName({ territory: { aom: ['200051134'] }, lists: {} }, namer)).toBe('PETR du Pays du Lunévillois');
  });

  it('gives a named list by its description, each name once, and nothing for a template', () => {
    const lists = { pmgf: { kind: 'codes' as const, description: 'Les 117 communes du Pôle métropolitain du Genevois français', values: ['74008'] } };
    expect(territoryName({ territory: { arr: { list: 'pmgf' } }, lists }, namer)).toBe('Les 117 communes du Pôle métropolitain du Genevois français');
    expect(territoryName({ territory: { aom: ['244400404'], epci: ['244400404'] }, lists: {} }, namer)).toBe('Nantes Métropole');
    expect(territoryName({ territory: {}, lists: {} }, namer)).toBe('');
  });
});
