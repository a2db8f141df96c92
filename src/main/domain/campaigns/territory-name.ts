import type { CampaignDefinition, CodeList, GeoLevel } from '../../../shared/campaigns/definition-types';

/** Name of a code at a geography level, or null when the geography does not know it (`GeoResolver.name`). */
export type PlaceNamer = (level: 'com' | 'epci' | 'aom' | 'dep' | 'reg' | 'country', code: string) => string | null;

/** How a code is shown when the geography does not name it: `AOM 217500016`. */
const LEVEL_WORDS: Record<GeoLevel, string> = {
  com: 'commune',
  arr: 'commune',
  epci: 'EPCI',
  aom: 'AOM',
  dep: 'département',
  reg: 'région',
  country: 'pays',
};

/**
 * The catalogue's AOM that are no EPCI, which the COG cannot name, by the names the catalogue gives them: what a
 * store without the Cerema AOM table shows (with it, the table's names come first).
 */
const CATALOGUE_AOM_NAMES: Readonly<Record<string, string>> = {
  // Campaign 459: the registry's two SIREN of Île-de-France Mobilités, depending on the vintage.
  '217500016': 'Île-de-France Mobilités',
  '287500078': 'Île-de-France Mobilités',
  '200051134': 'PETR du Pays du Lunévillois',
};

function nameOf(level: GeoLevel, code: string, name: PlaceNamer): string {
  const found =
    level === 'arr' || level === 'com'
      ? name('com', code)
      : level === 'aom'
        // Most AOM are an EPCI (same SIREN): its COG name serves when the store's AOM table has none.
        ? (name('aom', code) ?? name('epci', code) ?? CATALOGUE_AOM_NAMES[code] ?? null)
        : name(level, code);
  return found ?? `${LEVEL_WORDS[level]} ${code}`;
}

/**
 * The territory of a campaign as people name it: `Nantes Métropole`, `Pays de la Loire`, a named list by its
 * description (`Les 117 communes du Pôle métropolitain du Genevois français`), a code the geography does not know
 * as `AOM 200000001`; names joined with commas, each once. Empty for an empty selector (templates).
 */
export function territoryName(definition: Pick<CampaignDefinition, 'territory' | 'lists'>, name: PlaceNamer): string {
  const parts: string[] = [];
  for (const [level, codes] of Object.entries(definition.territory) as Array<[GeoLevel, CodeList | undefined]>) {
    if (codes === undefined) continue;
    if (Array.isArray(codes)) {
      parts.push(...codes.map((code) => nameOf(level, code, name)));
      continue;
    }
    const list = definition.lists[codes.list];
    parts.push(list?.description ?? `${list?.values.length ?? 0} codes (liste ${codes.list})`);
  }
  return [...new Set(parts)].join(', ');
}
