import Papa from 'papaparse';
import { parsePersonKey, type PersonKeyText } from '../domain/attestations/attestation-person';

/** Persons a batch may be asked for at most (an employer's staff, a campaign's drivers). */
export const MAX_BATCH_PERSONS = 100_000;

/** A person of the list, with the file line it was read on (1 = header). */
export interface ListedPerson {
  line: number;
  key: PersonKeyText;
}

/** A line of the list that names no person, with the reason in French. */
export interface RejectedLine {
  line: number;
  text: string;
  reason: string;
}

/** Header names as written by hand: lower case, accents dropped, anything else than letters and digits as `_`. */
function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

const PERSON_HEADERS = ['personne', 'person', 'cle', 'cle_personne', 'cle_identite', 'cle_d_identite', 'identity_key'];
const OPERATOR_HEADERS = ['operateur', 'operator', 'operator_id'];
const USER_HEADERS = ['identifiant_utilisateur', 'identifiant', 'utilisateur', 'operator_user_id', 'user_id'];

/** UTF-8 text, or Windows-1252 when the bytes are not UTF-8 (a list saved by Excel), without a byte-order mark. */
export function decodeListText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * Reads an employer's list of persons (docs/attestations.md, « Lot ») : a CSV (`;` or `,`, header on the first line)
 * with a column `personne` holding an identity key or `u:<opérateur>:<identifiant>`, or the two columns
 * `operateur` (id or name) and `identifiant_utilisateur`. Empty lines are skipped; lines naming nobody are rejected
 * with their reason. Throws (French message) when no column names persons or the list is too long.
 */
export function readPersonList(text: string): { persons: ListedPerson[]; rejected: RejectedLine[] } {
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header) throw new Error('Liste vide : la première ligne doit nommer les colonnes (par exemple « personne »).');
  const keys = header.map(headerKey);
  const column = (names: readonly string[]): number => keys.findIndex((key) => names.includes(key));
  const personAt = column(PERSON_HEADERS);
  const operatorAt = column(OPERATOR_HEADERS);
  const userAt = column(USER_HEADERS);
  if (personAt < 0 && (operatorAt < 0 || userAt < 0)) {
    throw new Error(
      `Aucune colonne ne nomme les personnes (colonnes lues : ${header.join(', ')}) : attendu « personne » (clé d’identité ou u:opérateur:identifiant), ou « operateur » et « identifiant_utilisateur ».`,
    );
  }
  if (rows.length > MAX_BATCH_PERSONS) throw new Error(`${rows.length} lignes : un lot compte au plus ${MAX_BATCH_PERSONS} personnes.`);
  const persons: ListedPerson[] = [];
  const rejected: RejectedLine[] = [];
  // Papaparse's rows follow the file's lines once empty ones are skipped: the line is counted from the row's text.
  const lines = lineNumbers(text, parsed.data.length);
  rows.forEach((cells, index) => {
    const line = lines[index + 1] ?? index + 2;
    const cell = (at: number): string => (at >= 0 ? (cells[at] ?? '').trim() : '');
    const person = cell(personAt);
    const operator = cell(operatorAt);
    const user = cell(userAt);
    const key = person !== '' ? parsePersonKey(person) : operator !== '' && user !== '' ? ({ kind: 'operator', operator, userId: user } as const) : null;
    if (key) persons.push({ line, key });
    else rejected.push({ line, text: cells.filter((text) => text.trim() !== '').join(' ; ').slice(0, 200), reason: person !== '' ? 'clé u: incomplète (attendu u:opérateur:identifiant)' : 'aucune personne sur la ligne' });
  });
  return { persons, rejected };
}

/** File line (1-based) of each non-empty line, in order: what papaparse's rows correspond to. */
function lineNumbers(text: string, count: number): number[] {
  const numbers: number[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (numbers.length < count && line.trim() !== '' && line.replace(/[;,\t\s]/g, '') !== '') numbers.push(index + 1);
  });
  return numbers;
}
