import { createRequire } from 'node:module';
import type { Location, ResolveLocation } from '../domain/extracts/enrich-journey';
import { FRANCE_COUNTRY_CODE } from '../domain/trips/trip-row';

interface CommuneEntry {
  code: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  chefLieu?: string;
  commune?: string;
  anciensCodes?: string[];
}

interface EpciEntry {
  code: string;
  membres: Array<{ code: string }>;
}

/**
 * French geography of @etalab/decoupage-administratif 6.0.0 (COG 2026, pinned in package.json): every code an
 * extract may carry, mapped to its current commune with EPCI, département and région. Built once per process
 * (about 0.2 s), then each lookup is a Map access.
 */
let base: Map<string, Location> | null = null;

function loadBase(): Map<string, Location> {
  if (base) return base;
  const require = createRequire(__filename);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as CommuneEntry[];
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EpciEntry[];
  const epciOf = new Map<string, string>();
  for (const epci of epcis) for (const member of epci.membres) epciOf.set(member.code, epci.code);

  const locations = new Map<string, Location>();
  const current = new Map<string, CommuneEntry>();
  for (const entry of communes) if (entry.type === 'commune-actuelle') current.set(entry.code, entry);
  const locate = (commune: CommuneEntry): Location => ({
    com: commune.code,
    epci: epciOf.get(commune.code) ?? null,
    aom: null,
    dep: commune.departement ?? null,
    reg: commune.region ?? null,
    country: FRANCE_COUNTRY_CODE,
  });
  for (const commune of current.values()) {
    locations.set(commune.code, locate(commune));
    // Former codes of merged communes point to the commune they became.
    for (const old of commune.anciensCodes ?? []) if (!locations.has(old)) locations.set(old, locate(commune));
  }
  for (const entry of communes) {
    if (entry.type === 'commune-actuelle' || locations.has(entry.code)) continue;
    // Arrondissements municipaux belong to their commune; communes déléguées and associées to their chef-lieu.
    const parent = current.get((entry.type === 'arrondissement-municipal' ? entry.commune : entry.chefLieu) ?? '');
    if (parent) locations.set(entry.code, locate(parent));
  }
  base = locations;
  return locations;
}

/** Codes as extracts may spell them: a leading zero dropped by a spreadsheet, lowercase Corsican codes. */
function normalise(code: string): string {
  const trimmed = code.trim().toUpperCase();
  return /^\d{4}$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

/**
 * A resolver for the importer: INSEE code → commune, EPCI, AOM (from the store's AOM table), département, région,
 * country. `99xxx` is a foreign country (other levels null); `99100` (France itself) and unknown codes give null.
 */
export function createLocationResolver(aomByCommune: ReadonlyMap<string, string>): ResolveLocation {
  const locations = loadBase();
  return (raw) => {
    const code = normalise(raw);
    if (/^99\d{3}$/.test(code)) {
      return code === FRANCE_COUNTRY_CODE ? null : { com: null, epci: null, aom: null, dep: null, reg: null, country: code };
    }
    const location = locations.get(code);
    if (!location) return null;
    const aom = location.com ? (aomByCommune.get(location.com) ?? null) : null;
    return aom === null ? location : { ...location, aom };
  };
}
