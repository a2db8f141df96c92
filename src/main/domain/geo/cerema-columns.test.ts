import { describe, expect, it } from 'vitest';
import { isInseeCommuneCode, normaliseSiren } from './aom';
import { findAomColumns, normaliseHeader, readAomRow } from './cerema-columns';

describe('normaliseHeader', () => {
  it('drops case, accents and punctuation', () => {
    expect(normaliseHeader('N° SIREN de l’AOM')).toBe('n siren de l aom');
    expect(normaliseHeader('  Libellé_AOM ')).toBe('libelle aom');
  });
});

describe('findAomColumns', () => {
  it.each([
    [['N° INSEE', 'Nom commune', 'N° SIREN AOM', 'Nom de l’AOM'], { commune: 0, aom: 2, aomName: 3 }],
    [['Code INSEE commune', 'Siren AOM', 'Nom AOM'], { commune: 0, aom: 1, aomName: 2 }],
    [['insee_com', 'siren_aom'], { commune: 0, aom: 1, aomName: null }],
    [['CODGEO', 'LIBGEO', 'SIREN de l\'autorité organisatrice'], { commune: 0, aom: 2, aomName: null }],
    [['SIREN commune', 'Code INSEE département', 'Code INSEE', 'Code INSEE commune', 'N° Siren AOM', 'Forme juridique AOM'], { commune: 3, aom: 4, aomName: null }],
  ])('recognises %j', (headers, expected) => {
    expect(findAomColumns(headers)).toEqual(expected);
  });

  it('needs both a commune code and an AOM SIREN column', () => {
    expect(findAomColumns(['Code INSEE', 'SIREN'])).toBeNull();
    expect(findAomColumns(['Nom commune', 'SIREN AOM'])).toBeNull();
    expect(findAomColumns([])).toBeNull();
  });
});

describe('readAomRow', () => {
  const columns = { commune: 0, aom: 1, aomName: 2 };

  it('normalises the commune code and the SIREN', () => {
    expect(readAomRow(['1001', '200 069 193', ' CC de la Dombes '], columns)).toEqual({
      row: { commune: '01001', aom: '200069193', aomName: 'CC de la Dombes' },
    });
    expect(readAomRow(['2a004', '200066918', ''], columns)).toEqual({ row: { commune: '2A004', aom: '200066918', aomName: null } });
  });

  it('skips blank rows and gives a French reason for bad ones', () => {
    expect(readAomRow(['', ' ', ''], columns)).toBeNull();
    expect(readAomRow(['', '200069193', 'x'], columns)).toEqual({ reason: 'code INSEE de commune manquant' });
    expect(readAomRow(['ABCDE', '200069193', 'x'], columns)).toEqual({ reason: 'code INSEE de commune invalide : « ABCDE »' });
    expect(readAomRow(['44109', '', 'x'], columns)).toEqual({ reason: 'SIREN de l’AOM manquant pour la commune 44109' });
    expect(readAomRow(['44109', '24440040', 'x'], columns)).toEqual({ reason: 'SIREN de l’AOM invalide (9 chiffres attendus) : « 24440040 »' });
  });

  it('validates shapes only', () => {
    expect(isInseeCommuneCode('2B033')).toBe(true);
    expect(isInseeCommuneCode('2C033')).toBe(false);
    expect(normaliseSiren('244\u00a0400\u202f404')).toBe('244400404');
    expect(normaliseSiren('24440040A')).toBeNull();
  });
});
