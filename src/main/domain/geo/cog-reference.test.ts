import { describe, expect, it } from 'vitest';
import { buildGeoReference, type CogCommune } from './cog-reference';

const COMMUNES: CogCommune[] = [
  { code: '10001', nom: 'Nouvelle', type: 'commune-actuelle', departement: '10', region: '44', anciensCodes: ['10002', '10003'] },
  { code: '10001', nom: 'Ancienne chef-lieu', type: 'commune-deleguee', chefLieu: '10001', departement: '10', region: '44' },
  { code: '10002', nom: 'Déléguée', type: 'commune-deleguee', chefLieu: '10001', departement: '10', region: '44' },
  { code: '10003', nom: 'Associée ailleurs', type: 'commune-associee', chefLieu: '10004', departement: '10', region: '44' },
  { code: '10004', nom: 'Voisine', type: 'commune-actuelle', departement: '10', region: '44' },
  { code: '10005', nom: 'Sans parent', type: 'commune-deleguee', chefLieu: '19999', departement: '10', region: '44' },
  { code: '13055', nom: 'Marseille', type: 'commune-actuelle', departement: '13', region: '93' },
  { code: '13201', nom: 'Marseille 1er Arrondissement', type: 'arrondissement-municipal', commune: '13055', departement: '13', region: '93' },
];

const reference = buildGeoReference({
  vintage: 'COG test',
  communes: COMMUNES,
  epcis: [{ code: '241000000', nom: 'CC Test', membres: [{ code: '10001' }, { code: '10004' }] }],
  departements: [{ code: '10', nom: 'Aube' }],
  regions: [{ code: '44', nom: 'Grand Est' }],
  countries: new Map([['99140', 'Suisse']]),
});

describe('buildGeoReference', () => {
  it('keeps current communes with their levels; a code that is also a déléguée stays a current commune', () => {
    expect(reference.communes.get('10001')).toEqual({ name: 'Nouvelle', dep: '10', reg: '44', epci: '241000000' });
    expect(reference.communes.get('13055')?.epci).toBeNull();
    expect(reference.redirects.has('10001')).toBe(false);
  });

  it('redirects arrondissements, déléguées and associées to their parent, with their own name', () => {
    expect(reference.redirects.get('13201')).toBe('13055');
    expect(reference.redirects.get('10002')).toBe('10001');
    expect(reference.names.com.get('13201')).toBe('Marseille 1er Arrondissement');
  });

  it('prefers the current attachment of a code over an older merger listed in anciensCodes', () => {
    expect(reference.redirects.get('10003')).toBe('10004');
  });

  it('drops a subordinate code whose parent is not a current commune', () => {
    expect(reference.redirects.has('10005')).toBe(false);
  });

  it('names EPCI, départements, régions and countries; starts with no AOM', () => {
    expect(reference.names.epci.get('241000000')).toBe('CC Test');
    expect(reference.names.dep.get('10')).toBe('Aube');
    expect(reference.names.reg.get('44')).toBe('Grand Est');
    expect(reference.names.country.get('99140')).toBe('Suisse');
    expect(reference.aomByCommune.size).toBe(0);
    expect(reference.vintage).toBe('COG test');
  });
});
