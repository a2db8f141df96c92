import { FRANCE_COUNTRY_CODE } from '../trips/trip-row';

/** Levels a code can be named at: commune, EPCI (SIREN), AOM (SIREN), département, région, country (99xxx). */
export type GeoLevel = 'com' | 'epci' | 'aom' | 'dep' | 'reg' | 'country';

/** A current commune (COG « commune actuelle ») with the codes of the levels above it. */
export interface CommuneReference {
  name: string;
  /** Département code: `44`, `2A`, `971`. */
  dep: string;
  /** Région code (INSEE, 2 digits; the COM such as `975` carry their own code). */
  reg: string;
  /** SIREN of the EPCI à fiscalité propre the commune belongs to; null for the few communes outside any (islands, COM). */
  epci: string | null;
}

/**
 * Everything the resolver needs, as plain maps (built once per process by `src/main/geo/decoupage-reference.ts`,
 * AOM added from the store). Invariant: every value of `redirects` is a key of `communes`, or the resolver ignores it.
 */
export interface GeoReference {
  /** Vintage of the geography, e.g. `COG 2026 (@etalab/decoupage-administratif 6.0.0)`, shown with exports. */
  vintage: string;
  /** Current communes by INSEE code. */
  communes: ReadonlyMap<string, CommuneReference>;
  /**
   * Codes that are not current communes → the current commune they belong to: arrondissements municipaux (Paris,
   * Lyon, Marseille), communes déléguées and associées (→ chef-lieu), former codes of merged communes.
   */
  redirects: ReadonlyMap<string, string>;
  /**
   * Names by code per level. `com` only needs the codes that are not current communes (arrondissements, communes
   * déléguées): current communes carry their own name. `country` is keyed by 99xxx code (99100 = France).
   */
  names: Readonly<Record<GeoLevel, ReadonlyMap<string, string>>>;
  /** AOM SIREN by commune code (current codes; former codes are carried over to their current commune). */
  aomByCommune: ReadonlyMap<string, string>;
}

/**
 * Where an INSEE code of an extract lies. `insee` is the code as normalised (an arrondissement keeps its own code,
 * `com` is its commune); for a foreign code `country` is that code and every other level is null; for a French
 * location `country` is `99100`.
 */
export interface ResolvedLocation {
  readonly insee: string;
  readonly com: string | null;
  readonly epci: string | null;
  readonly aom: string | null;
  readonly dep: string | null;
  readonly reg: string | null;
  readonly country: string;
}

/** What `createGeoResolver` returns. */
export interface GeoResolver {
  /**
   * Locates one INSEE code; null when it is unknown or means « France » without more precision (99100): the caller
   * keeps the code as published and reports it. Never throws. Returned objects are shared and frozen.
   */
  resolve(code: string): ResolvedLocation | null;
  /** Name of a code at a level, or null when the reference does not know it. */
  name(level: GeoLevel, code: string): string | null;
  /**
   * Every code of a level with its name (what a search by name goes through): for `com` the current communes, then
   * the other commune codes the reference names (arrondissements municipaux, communes déléguées and associées).
   */
  entries(level: GeoLevel): Iterable<readonly [code: string, name: string]>;
  /** Vintage of the reference the resolver was built on. */
  readonly vintage: string;
}

const FOREIGN_CODE = /^99\d{3}$/;
const FOUR_DIGITS = /^\d{4}$/;
/** Redirects are at most one hop in the COG; a few more tolerate a hand-built reference without looping forever. */
const MAX_REDIRECT_HOPS = 4;

/**
 * Normalises an INSEE code as extracts and spreadsheets spell it: trims, restores a leading zero dropped by a
 * spreadsheet (`1001` → `01001`) and uppercases the Corsican letters (`2a004` → `2A004`). Does not validate.
 */
export function normaliseInseeCode(code: string): string {
  const trimmed = code.trim().toUpperCase();
  return FOUR_DIGITS.test(trimmed) ? `0${trimmed}` : trimmed;
}

/** The current commune a code leads to, following redirects; null when it leads nowhere known. */
function currentCommune(reference: GeoReference, code: string): string | null {
  let current = code;
  for (let hop = 0; hop <= MAX_REDIRECT_HOPS; hop += 1) {
    if (reference.communes.has(current)) return current;
    const next = reference.redirects.get(current);
    if (next === undefined || next === current) return null;
    current = next;
  }
  return null;
}

/**
 * AOM by current commune: the reference's table, plus entries keyed by a former or subordinate code (an AOM file of
 * an older vintage lists communes merged since) carried over to their current commune when it has none of its own.
 */
function aomByCurrentCommune(reference: GeoReference): Map<string, string> {
  const result = new Map<string, string>();
  for (const [commune, aom] of reference.aomByCommune) if (reference.communes.has(commune)) result.set(commune, aom);
  for (const [commune, aom] of reference.aomByCommune) {
    if (reference.communes.has(commune)) continue;
    const current = currentCommune(reference, commune);
    if (current !== null && !result.has(current)) result.set(current, aom);
  }
  return result;
}

/**
 * Builds the resolver used by the importer for every row. All French locations are computed here, once
 * (~40,000 codes), so `resolve` is a Map lookup (plus normalisation when the code is not found as given).
 * Rules: current commune → itself; arrondissement municipal → its commune (insee keeps the arrondissement code);
 * commune déléguée/associée → chef-lieu; former code → current commune; `99xxx` → foreign country (other levels
 * null); `99100` (France, no place) and unknown codes → null.
 */
export function createGeoResolver(reference: GeoReference): GeoResolver {
  const aomOf = aomByCurrentCommune(reference);
  const locations = new Map<string, ResolvedLocation>();
  const locate = (insee: string, com: string): ResolvedLocation | null => {
    const commune = reference.communes.get(com);
    if (!commune) return null;
    return Object.freeze({
      insee,
      com,
      epci: commune.epci,
      aom: aomOf.get(com) ?? null,
      dep: commune.dep,
      reg: commune.reg,
      country: FRANCE_COUNTRY_CODE,
    });
  };
  for (const code of reference.communes.keys()) {
    const location = locate(code, code);
    if (location) locations.set(code, location);
  }
  for (const code of reference.redirects.keys()) {
    if (locations.has(code)) continue;
    const com = currentCommune(reference, code);
    const location = com === null ? null : locate(code, com);
    if (location) locations.set(code, location);
  }
  // Foreign codes are few and repeat a lot: one frozen object per country, made on first sight.
  const foreign = new Map<string, ResolvedLocation>();

  const resolveNormalised = (code: string): ResolvedLocation | null => {
    const location = locations.get(code);
    if (location) return location;
    if (!FOREIGN_CODE.test(code) || code === FRANCE_COUNTRY_CODE) return null;
    let country = foreign.get(code);
    if (!country) {
      country = Object.freeze({ insee: code, com: null, epci: null, aom: null, dep: null, reg: null, country: code });
      foreign.set(code, country);
    }
    return country;
  };

  return {
    vintage: reference.vintage,
    resolve(code) {
      // Fast path: extracts almost always carry the code exactly as the reference spells it.
      return locations.get(code) ?? foreign.get(code) ?? resolveNormalised(normaliseInseeCode(code));
    },
    name(level, code) {
      const key = level === 'com' || level === 'country' ? normaliseInseeCode(code) : code.trim();
      if (level === 'com') return reference.communes.get(key)?.name ?? reference.names.com.get(key) ?? null;
      return reference.names[level].get(key) ?? null;
    },
    *entries(level) {
      if (level === 'com') for (const [code, commune] of reference.communes) yield [code, commune.name] as const;
      yield* reference.names[level];
    },
  };
}

/**
 * The same reference with an AOM table (commune → AOM SIREN) and AOM names (SIREN → name) from the store, which
 * replace the reference's own. Pure: the reference is not modified.
 */
export function withAom(
  reference: GeoReference,
  aomByCommune: ReadonlyMap<string, string>,
  aomNames: ReadonlyMap<string, string> = reference.names.aom,
): GeoReference {
  return { ...reference, aomByCommune, names: { ...reference.names, aom: aomNames } };
}
