import type { CommuneReference, GeoLevel, GeoReference } from './geo-resolver';

/** One entry of decoupage-administratif's `communes.json` (only the fields used here). */
export interface CogCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  /** Commune déléguée or associée: its chef-lieu (current commune). */
  chefLieu?: string;
  /** Arrondissement municipal: its commune. */
  commune?: string;
  /** Current commune: codes of the communes merged into it. */
  anciensCodes?: string[];
}

/** One entry of `epci.json`: SIREN, name and member communes. */
export interface CogEpci {
  code: string;
  nom: string;
  membres: ReadonlyArray<{ code: string }>;
}

/** A département or région of `departements.json` / `regions.json`. */
export interface CogArea {
  code: string;
  nom: string;
}

export interface CogData {
  vintage: string;
  communes: readonly CogCommune[];
  epcis: readonly CogEpci[];
  departements: readonly CogArea[];
  regions: readonly CogArea[];
  /** Country names by 99xxx code (see `countries.ts`). */
  countries: ReadonlyMap<string, string>;
}

/**
 * Builds the geography reference (without AOM) from COG data. Precedence when a code has several statuses:
 * current commune, then arrondissement municipal / commune déléguée / associée (their current attachment), then
 * former code (`anciensCodes`, history). The COG 2026 has two such conflicts, e.g. 55273 Lamarche-en-Woëvre is an
 * associée of 55386 Nonsard-Lamarche but also listed as a former code of 55245: the current status wins.
 */
export function buildGeoReference(data: CogData): GeoReference {
  const communes = new Map<string, CommuneReference>();
  const redirects = new Map<string, string>();
  const comNames = new Map<string, string>();

  const epciOf = new Map<string, string>();
  for (const epci of data.epcis) for (const member of epci.membres) epciOf.set(member.code, epci.code);

  for (const entry of data.communes) {
    if (entry.type !== 'commune-actuelle' || !entry.departement || !entry.region) continue;
    communes.set(entry.code, { name: entry.nom, dep: entry.departement, reg: entry.region, epci: epciOf.get(entry.code) ?? null });
  }
  for (const entry of data.communes) {
    if (entry.type === 'commune-actuelle' || communes.has(entry.code)) continue;
    const parent = entry.type === 'arrondissement-municipal' ? entry.commune : entry.chefLieu;
    if (parent === undefined || !communes.has(parent)) continue;
    redirects.set(entry.code, parent);
    comNames.set(entry.code, entry.nom);
  }
  for (const entry of data.communes) {
    if (entry.type !== 'commune-actuelle' || !communes.has(entry.code)) continue;
    for (const old of entry.anciensCodes ?? []) {
      if (!communes.has(old) && !redirects.has(old)) redirects.set(old, entry.code);
    }
  }

  const names: Record<GeoLevel, ReadonlyMap<string, string>> = {
    com: comNames,
    epci: new Map(data.epcis.map((epci) => [epci.code, epci.nom])),
    aom: new Map(),
    dep: new Map(data.departements.map((dep) => [dep.code, dep.nom])),
    reg: new Map(data.regions.map((reg) => [reg.code, reg.nom])),
    country: data.countries,
  };
  return { vintage: data.vintage, communes, redirects, names, aomByCommune: new Map() };
}
