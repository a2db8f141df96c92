import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CogCommune } from '../domain/geo/cog-reference';
import { createGeoResolver, withAom } from '../domain/geo/geo-resolver';
import {
  decoupageBuildMilliseconds,
  DECOUPAGE_VERSION,
  installedDecoupageVersion,
  loadDecoupageReference,
} from './decoupage-reference';
import { createLocationResolver } from './location-resolver';

const require = createRequire(import.meta.url);
const COMMUNES = require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
const OPEN_DATA_SAMPLE = fileURLToPath(new URL('../../../../shared/data/opendata/2022-01-head-5000.csv', import.meta.url));

const reference = loadDecoupageReference();
const resolver = createGeoResolver(reference);

describe('loadDecoupageReference (COG 2026)', () => {
  it('comes from the pinned package version, built once per process', () => {
    expect(installedDecoupageVersion()).toBe(DECOUPAGE_VERSION);
    expect(reference.vintage).toBe('COG 2026 (@etalab/decoupage-administratif 6.0.0)');
    expect(loadDecoupageReference()).toBe(reference);
    console.log(`reference built in ${decoupageBuildMilliseconds().toFixed(0)} ms`);
    expect(decoupageBuildMilliseconds()).toBeGreaterThan(0);
    expect(reference.communes.size).toBe(34_969);
  });

  it('resolves Nantes with its EPCI, département and région', () => {
    expect(resolver.resolve('44109')).toEqual({
      insee: '44109', com: '44109', epci: '244400404', aom: null, dep: '44', reg: '52', country: '99100',
    });
    expect(resolver.name('com', '44109')).toBe('Nantes');
    expect(resolver.name('epci', '244400404')).toBe('Nantes Métropole');
    expect(resolver.name('dep', '44')).toBe('Loire-Atlantique');
    expect(resolver.name('reg', '52')).toBe('Pays de la Loire');
  });

  it('maps the arrondissements of Paris, Lyon and Marseille to their commune, keeping the code as insee', () => {
    expect(resolver.resolve('75056')).toMatchObject({ insee: '75056', com: '75056', dep: '75', reg: '11' });
    for (let n = 1; n <= 20; n += 1) {
      const code = `751${String(n).padStart(2, '0')}`;
      expect(resolver.resolve(code)).toMatchObject({ insee: code, com: '75056', dep: '75', reg: '11', country: '99100' });
    }
    expect(resolver.resolve('69381')).toMatchObject({ insee: '69381', com: '69123', dep: '69' });
    expect(resolver.resolve('13201')).toMatchObject({ insee: '13201', com: '13055', dep: '13' });
    expect(resolver.name('com', '75114')).toBe('Paris 14e Arrondissement');
  });

  it('maps a commune déléguée to its chef-lieu', () => {
    const deleguee = COMMUNES.find(
      (entry) => entry.type === 'commune-deleguee' && entry.chefLieu !== entry.code && !COMMUNES.some((other) => other.code === entry.code && other.type === 'commune-actuelle'),
    );
    expect(deleguee).toBeDefined();
    const { code, chefLieu } = deleguee as CogCommune;
    expect(resolver.resolve(code)).toMatchObject({ insee: code, com: chefLieu });
    // Saint-Denis absorbed Pierrefitte-sur-Seine on 2025-01-01: the old code now points to Saint-Denis.
    expect(resolver.resolve('93059')).toMatchObject({ insee: '93059', com: '93066', epci: '200054781', dep: '93' });
  });

  it('maps a former code (anciensCodes) to the current commune', () => {
    const known = new Set(COMMUNES.map((entry) => entry.code));
    const merged = COMMUNES.find((entry) => entry.type === 'commune-actuelle' && entry.anciensCodes?.some((old) => !known.has(old)));
    const old = merged?.anciensCodes?.find((code) => !known.has(code));
    expect(old).toBeDefined();
    expect(resolver.resolve(old as string)).toMatchObject({ insee: old, com: merged?.code });
  });

  it('treats 99xxx as foreign, 99100 and unknown codes as unresolved, and normalises spreadsheet spellings', () => {
    expect(resolver.resolve('99140')).toEqual({ insee: '99140', com: null, epci: null, aom: null, dep: null, reg: null, country: '99140' });
    expect(resolver.name('country', '99140')).toBe('Suisse');
    expect(resolver.name('country', '99138')).toBe('Monaco');
    expect(resolver.resolve('99100')).toBeNull();
    expect(resolver.resolve('00000')).toBeNull();
    expect(resolver.resolve('ABCDE')).toBeNull();
    expect(resolver.resolve('1001')).toMatchObject({ insee: '01001', com: '01001', dep: '01' });
    expect(resolver.resolve('2a004')).toMatchObject({ insee: '2A004', com: '2A004', dep: '2A', reg: '94' });
  });

  it('adds the AOM from a map, for arrondissements too', () => {
    const withIdfm = createGeoResolver(
      withAom(reference, new Map([['75056', '217500016'], ['44109', '244400404']]), new Map([['217500016', 'Île-de-France Mobilités']])),
    );
    expect(withIdfm.resolve('75108')?.aom).toBe('217500016');
    expect(withIdfm.resolve('44109')?.aom).toBe('244400404');
    expect(withIdfm.resolve('49007')?.aom).toBeNull();
    expect(withIdfm.name('aom', '217500016')).toBe('Île-de-France Mobilités');
    expect(createLocationResolver(new Map([['44109', '244400404']]))('44109')).toMatchObject({ com: '44109', aom: '244400404' });
  });

  it('resolves millions of codes per second', () => {
    const codes = [...reference.communes.keys(), ...reference.redirects.keys(), '99140', '2a004', '1001'];
    const rounds = 20;
    const started = performance.now();
    let found = 0;
    for (let round = 0; round < rounds; round += 1) for (const code of codes) if (resolver.resolve(code)) found += 1;
    const perSecond = (codes.length * rounds) / ((performance.now() - started) / 1000);
    console.log(`${Math.round(perSecond).toLocaleString('fr-FR')} résolutions/s`);
    expect(found).toBe(codes.length * rounds);
    expect(perSecond).toBeGreaterThan(1_000_000);
  });
});

const SAMPLE_PRESENT = existsSync(OPEN_DATA_SAMPLE);

describe('real 2022 open-data sample (../shared/data/opendata/2022-01-head-5000.csv)', () => {
  // The shared data sits outside the repository: without it the test is skipped, and its title says why.
  const title = SAMPLE_PRESENT
    ? 'resolves every start and end code, foreign ones as foreign'
    : `skipped: ${OPEN_DATA_SAMPLE} is absent (shared data not available on this machine)`;
  it.skipIf(!SAMPLE_PRESENT)(title, () => {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(OPEN_DATA_SAMPLE, 'utf8'), { header: true, delimiter: ';', skipEmptyLines: true });
    const typeOf = new Map(COMMUNES.filter((entry) => entry.type !== 'commune-actuelle').map((entry) => [entry.code, entry.type]));
    for (const entry of COMMUNES) if (entry.type === 'commune-actuelle') typeOf.set(entry.code, entry.type);
    const counts: Record<string, number> = {};
    const unresolved: string[] = [];
    for (const row of parsed.data) {
      for (const column of ['journey_start_insee', 'journey_end_insee']) {
        const code = row[column] ?? '';
        const location = resolver.resolve(code);
        if (!location) {
          unresolved.push(code);
          continue;
        }
        const kind = location.com === null ? 'foreign' : (typeOf.get(code) ?? 'former');
        counts[kind] = (counts[kind] ?? 0) + 1;
        if (kind === 'foreign') expect(location).toMatchObject({ country: code, com: null, dep: null });
        else expect(location.country).toBe('99100');
      }
    }
    expect(parsed.data).toHaveLength(5_000);
    expect(unresolved).toEqual([]);
    // Measured on this file: 679 ends in an arrondissement municipal, 7 in 93059 (déléguée of Saint-Denis since
    // 2025), 19 abroad (Monaco, Suisse); the rest in current communes.
    expect(counts).toEqual({ 'commune-actuelle': 9_295, 'arrondissement-municipal': 679, 'commune-deleguee': 7, foreign: 19 });
  });
});
