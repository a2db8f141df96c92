import { createRequire } from 'node:module';
import { buildGeoReference, type CogArea, type CogCommune, type CogEpci } from '../domain/geo/cog-reference';
import { COUNTRY_NAMES } from '../domain/geo/countries';
import type { GeoReference } from '../domain/geo/geo-resolver';

/** The package the French geography comes from, pinned exactly in package.json. */
export const DECOUPAGE_PACKAGE = '@etalab/decoupage-administratif';
/** Version pinned in package.json; a test fails if node_modules holds another one. */
export const DECOUPAGE_VERSION = '6.0.0';
/** Millésime of the Code officiel géographique that version carries (6.0.0 = COG 2026, 5.3.0 = 2025…). */
export const COG_VINTAGE = 2026;

let memo: GeoReference | null = null;
let buildMilliseconds = 0;

/**
 * The French geography of @etalab/decoupage-administratif 6.0.0, i.e. COG 2026 (communes, arrondissements
 * municipaux, communes déléguées/associées, former codes, EPCI memberships, départements, régions) plus the country
 * names of `countries.ts`, without AOM (they come from the store: see `withAom`). Built on first call, then memoised
 * for the process: about 0.2 s, most of it parsing the package's 12 MB of JSON.
 */
export function loadDecoupageReference(): GeoReference {
  if (memo) return memo;
  const started = performance.now();
  // createRequire, not import: the JSON stays an external file of the package instead of being bundled into main.
  const require = createRequire(__filename);
  const data = (file: string): unknown => require(`${DECOUPAGE_PACKAGE}/data/${file}`);
  memo = buildGeoReference({
    vintage: `COG ${COG_VINTAGE} (${DECOUPAGE_PACKAGE} ${DECOUPAGE_VERSION})`,
    communes: data('communes.json') as CogCommune[],
    epcis: data('epci.json') as CogEpci[],
    departements: data('departements.json') as CogArea[],
    regions: data('regions.json') as CogArea[],
    countries: new Map(Object.entries(COUNTRY_NAMES)),
  });
  buildMilliseconds = performance.now() - started;
  return memo;
}

/** How long the memoised build took, in milliseconds (0 before the first call); for logs and benchmarks. */
export function decoupageBuildMilliseconds(): number {
  return buildMilliseconds;
}

/** Version of the package actually installed, read from its package.json. */
export function installedDecoupageVersion(): string {
  const require = createRequire(__filename);
  return (require(`${DECOUPAGE_PACKAGE}/package.json`) as { version: string }).version;
}

let postalMemo: ReadonlyMap<string, string> | null = null;

/**
 * First postal code of each commune, arrondissement municipal and commune déléguée of the pinned COG (the 2020-08…2022
 * open-data files print one next to each INSEE code). Memoised for the process.
 */
export function postalCodesByInsee(): ReadonlyMap<string, string> {
  if (postalMemo) return postalMemo;
  const require = createRequire(__filename);
  const communes = require(`${DECOUPAGE_PACKAGE}/data/communes.json`) as Array<{ code: string; codesPostaux?: string[] }>;
  const map = new Map<string, string>();
  for (const commune of communes) {
    const first = commune.codesPostaux?.[0];
    if (first && !map.has(commune.code)) map.set(commune.code, first);
  }
  postalMemo = map;
  return map;
}

/** Municipal populations of the pinned COG (INSEE figures the package carries). */
export interface CommunePopulations {
  /** Current communes: summed into EPCI, AOM and départements (each inhabitant counted once). */
  communes: ReadonlyMap<string, number>;
  /** Arrondissements municipaux (Paris, Lyon, Marseille), whose codes journeys carry: named places of their own. */
  arrondissements: ReadonlyMap<string, number>;
}

let populationMemo: CommunePopulations | null = null;

/** Populations of the current communes and arrondissements municipaux of the pinned COG. Memoised for the process. */
export function communePopulations(): CommunePopulations {
  if (populationMemo) return populationMemo;
  const require = createRequire(__filename);
  const entries = require(`${DECOUPAGE_PACKAGE}/data/communes.json`) as Array<{ code: string; type: string; population?: number }>;
  const communes = new Map<string, number>();
  const arrondissements = new Map<string, number>();
  for (const entry of entries) {
    if (typeof entry.population !== 'number') continue;
    if (entry.type === 'commune-actuelle') communes.set(entry.code, entry.population);
    else if (entry.type === 'arrondissement-municipal') arrondissements.set(entry.code, entry.population);
  }
  populationMemo = { communes, arrondissements };
  return populationMemo;
}
