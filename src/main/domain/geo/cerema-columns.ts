import { isInseeCommuneCode, normaliseSiren, type AomCommune } from './aom';
import { normaliseInseeCode } from './geo-resolver';

/** Column indexes (0-based) of an AOM composition table; `aomName` is optional. */
export interface AomColumns {
  commune: number;
  aom: number;
  aomName: number | null;
}

/** A header reduced to lowercase ASCII words: `N° SIREN de l’AOM` → `n siren de l aom`. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Headers naming a commune code without the word INSEE (INSEE's own variable names included). */
const COMMUNE_CODE_HEADERS = new Set(['codgeo', 'depcom', 'code commune', 'code com', 'com', 'cog']);
/** Words that make an INSEE column something else than the commune's code. */
const NOT_COMMUNE = ['aom', 'siren', 'siret', 'dep', 'departement', 'reg', 'region', 'epci', 'arrondissement', 'pays'];
const AOM_WORDS = ['aom', 'autorite'];
const NAME_WORDS = ['nom', 'libelle', 'denomination', 'raison'];

function words(header: string): string[] {
  return normaliseHeader(header).split(' ');
}

function isCommuneColumn(header: string): boolean {
  const normalised = normaliseHeader(header);
  if (COMMUNE_CODE_HEADERS.has(normalised)) return true;
  const tokens = normalised.split(' ');
  return tokens.includes('insee') && !tokens.some((token) => NOT_COMMUNE.includes(token));
}

function isAomSirenColumn(header: string): boolean {
  const tokens = words(header);
  return tokens.includes('siren') && tokens.some((token) => AOM_WORDS.includes(token));
}

function isAomNameColumn(header: string): boolean {
  const tokens = words(header);
  return (
    tokens.some((token) => AOM_WORDS.includes(token)) &&
    tokens.some((token) => NAME_WORDS.includes(token)) &&
    !tokens.includes('siren') &&
    !tokens.includes('commune')
  );
}

/**
 * Finds the columns of a Cerema « composition communale des AOM » table in one header row, matching headers
 * whatever their case, accents and punctuation (`N° INSEE`, `Code INSEE commune`, `insee_com`; `N° SIREN AOM`,
 * `Siren AOM`; `Nom de l’AOM`, `Nom AOM`). Returns null unless both a commune code and an AOM SIREN column exist.
 * When several columns could hold the commune code, one that says « commune » wins.
 */
export function findAomColumns(headers: readonly string[]): AomColumns | null {
  const communeCandidates = headers.flatMap((header, index) => (isCommuneColumn(header) ? [index] : []));
  const aom = headers.findIndex(isAomSirenColumn);
  if (communeCandidates.length === 0 || aom < 0) return null;
  const explicit = communeCandidates.find((index) => /\bcom(mune)?\b/.test(normaliseHeader(headers[index] ?? '')));
  const aomName = headers.findIndex(isAomNameColumn);
  return { commune: explicit ?? (communeCandidates[0] as number), aom, aomName: aomName < 0 ? null : aomName };
}

/** A data row turned into an AOM row, or the French reason it was refused; `null` for a blank row. */
export type AomRowOutcome = { row: AomCommune } | { reason: string } | null;

/**
 * Reads one data row: the commune code normalised (`1001` → `01001`, `2a004` → `2A004`), the SIREN reduced to its
 * 9 digits (spaces allowed), the name trimmed (empty → null). A row whose cells are all blank gives null.
 */
export function readAomRow(cells: readonly string[], columns: AomColumns): AomRowOutcome {
  if (cells.every((cell) => cell.trim() === '')) return null;
  const rawCommune = (cells[columns.commune] ?? '').trim();
  const rawAom = (cells[columns.aom] ?? '').trim();
  if (rawCommune === '') return { reason: 'code INSEE de commune manquant' };
  const commune = normaliseInseeCode(rawCommune);
  if (!isInseeCommuneCode(commune)) return { reason: `code INSEE de commune invalide : « ${rawCommune} »` };
  if (rawAom === '') return { reason: `SIREN de l’AOM manquant pour la commune ${commune}` };
  const aom = normaliseSiren(rawAom);
  if (aom === null) return { reason: `SIREN de l’AOM invalide (9 chiffres attendus) : « ${rawAom} »` };
  const name = columns.aomName === null ? '' : (cells[columns.aomName] ?? '').trim();
  return { row: { commune, aom, aomName: name === '' ? null : name } };
}
