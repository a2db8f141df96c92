import type { DeclarationField, DeclarationProblem, DeclarationReasonCode } from '../../../shared/types/declarations';
import { parseFrenchNumber } from '../../../shared/util/format';
import { parsePersonKey, type PersonKeyText } from '../attestations/attestation-person';
import { normaliseInseeCode } from '../geo/geo-resolver';
import { parisLocalToUtc } from '../time/paris-time';

/** The first day a declaration may be for: the registry of proofs started in 2019. */
export const FIRST_DECLARED_DAY = '2019-01-01';
/** Seats a journey may take or offer, at most (a minibus of a company's car-sharing). */
export const MAX_SEATS = 8;
/** Longest declared distance read as a number, km: anything longer is a typing slip whatever the communes. */
const MAX_DISTANCE_KM = 2_000;
const MAX_DECLARANT = 100;
const MAX_COMMENT = 500;

/** A line's cells by field (absent fields: the column is not in the file). */
export type DeclarationCells = Partial<Record<DeclarationField, string>>;

/** A declared journey read from its cells, before its communes and carpooler are looked up. */
export interface ParsedDeclaration {
  /** `YYYY-MM-DD`, Europe/Paris. */
  day: string;
  /** Minutes after local midnight, 0–1439. */
  minutes: number;
  /** `YYYY-MM-DD HH:MM:00`, Europe/Paris. */
  startLocal: string;
  /** UTC ISO instant of the departure. */
  startAt: string;
  /** INSEE codes as normalised (`1001` → `01001`, `2a004` → `2A004`). */
  from: string;
  to: string;
  role: 'driver' | 'passenger';
  seats: number;
  /** Declared distance, metres; null when the cell is empty (the distance is then estimated). */
  distanceM: number | null;
  /** Whitespace trimmed and runs of blanks made one space. */
  declarant: string;
  carpooler: PersonKeyText | null;
  comment: string | null;
}

const problem = (field: DeclarationField | null, reasonCode: DeclarationReasonCode, reason: string): DeclarationProblem => ({ field, reasonCode, reason });

/** `JJ/MM/AAAA` (or `J/M/AAAA`) or `AAAA-MM-JJ`, as a real calendar day `YYYY-MM-DD`; null otherwise. */
export function readDay(text: string): string | null {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = french ? [Number(french[3]), Number(french[2]), Number(french[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** `H:MM`, `HH:MM`, `HH:MM:SS` (spreadsheets add seconds), `HHhMM` or `HHh`, as minutes after midnight; null otherwise. */
export function readTime(text: string): number | null {
  const match = /^(\d{1,2})\s*[:hH]\s*(\d{2})?(?::\d{2})?$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/** `conducteur`/`conductrice` or `passager`/`passagère` (case and accents ignored); null otherwise. */
function readRole(text: string): 'driver' | 'passenger' | null {
  const key = text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
  if (key === 'conducteur' || key === 'conductrice') return 'driver';
  if (key === 'passager' || key === 'passagere') return 'passenger';
  return null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Reads one declared journey from its cells, every field checked: required fields present, day and time readable,
 * role, seats (1–8), distance (a positive number of km, French or English decimals), lengths of the ids and the
 * comment, a carpooler id of the form of a person key, and the departure neither before 2019 nor after `now`. Answers
 * the journey, or every problem found (each with its field and French reason). Communes are only checked for
 * presence here: whether they exist is the geography's business.
 */
export function parseDeclaration(cells: DeclarationCells, now: Date): { declaration: ParsedDeclaration } | { problems: DeclarationProblem[] } {
  const problems: DeclarationProblem[] = [];
  const text = (field: DeclarationField): string => (cells[field] ?? '').trim();
  const required = (field: DeclarationField, missing: string): string => {
    const value = text(field);
    if (value === '') problems.push(problem(field, 'missing', missing));
    return value;
  };

  const dayText = required('date', 'date manquante');
  const day = dayText === '' ? null : readDay(dayText);
  if (dayText !== '' && day === null) problems.push(problem('date', 'invalid_date', `date illisible « ${dayText} » (attendu JJ/MM/AAAA)`));
  const timeText = required('time', 'heure de départ manquante');
  const minutes = timeText === '' ? null : readTime(timeText);
  if (timeText !== '' && minutes === null) problems.push(problem('time', 'invalid_time', `heure illisible « ${timeText} » (attendu HH:MM)`));
  const from = required('from', 'commune de départ manquante');
  const to = required('to', 'commune d’arrivée manquante');
  const roleText = required('role', 'rôle manquant');
  const role = roleText === '' ? null : readRole(roleText);
  if (roleText !== '' && role === null) problems.push(problem('role', 'invalid_role', `rôle « ${roleText} » inconnu (attendu conducteur ou passager)`));
  const seatsText = required('seats', 'nombre de places manquant');
  const seats = Number(seatsText);
  if (seatsText !== '' && !(Number.isInteger(seats) && seats >= 1 && seats <= MAX_SEATS)) {
    problems.push(problem('seats', 'invalid_seats', `places « ${seatsText} » : nombre entier de 1 à ${MAX_SEATS} attendu`));
  }
  const distanceText = text('distance');
  const distanceKm = distanceText === '' ? null : parseFrenchNumber(distanceText.replace(/\s*km$/i, ''));
  if (distanceKm !== null && !(Number.isFinite(distanceKm) && distanceKm > 0 && distanceKm <= MAX_DISTANCE_KM)) {
    problems.push(problem('distance', 'invalid_distance', `distance « ${distanceText} » : nombre de kilomètres positif attendu`));
  }
  const declarant = required('declarant', 'identifiant du déclarant manquant').replace(/\s+/g, ' ');
  if (declarant.length > MAX_DECLARANT) problems.push(problem('declarant', 'too_long', `identifiant du déclarant trop long (${declarant.length} caractères, ${MAX_DECLARANT} au plus)`));
  const carpoolerText = text('carpooler');
  const carpooler = carpoolerText === '' ? null : parsePersonKey(carpoolerText);
  if (carpoolerText !== '' && (carpooler === null || carpoolerText.length > 200)) {
    problems.push(problem('carpooler', 'invalid_person', `identifiant du covoitureur « ${carpoolerText.slice(0, 80)} » illisible (attendu une clé d’identité ou u:opérateur:identifiant)`));
  }
  const comment = text('comment');
  if (comment.length > MAX_COMMENT) problems.push(problem('comment', 'too_long', `commentaire trop long (${comment.length} caractères, ${MAX_COMMENT} au plus)`));

  if (day !== null && minutes !== null) {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    const startAt = parisLocalToUtc(year, month, date, Math.floor(minutes / 60), minutes % 60);
    if (day < FIRST_DECLARED_DAY) problems.push(problem('date', 'date_before_2019', `date du ${dayText} antérieure au 1er janvier 2019 (début du registre de preuve)`));
    else if (Date.parse(startAt) > now.getTime()) problems.push(problem('date', 'date_in_future', `départ le ${dayText} à ${timeText} : date dans le futur`));
    if (problems.length === 0) {
      return {
        declaration: {
          day,
          minutes,
          startLocal: `${day} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`,
          startAt,
          from: normaliseInseeCode(from),
          to: normaliseInseeCode(to),
          role: role as 'driver' | 'passenger',
          seats,
          distanceM: distanceKm === null ? null : Math.round(distanceKm * 1000),
          declarant,
          carpooler,
          comment: comment === '' ? null : comment,
        },
      };
    }
  }
  return { problems };
}
