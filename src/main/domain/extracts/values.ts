import { FieldError } from './field-error';

/**
 * Readers of the cell values found in registry extracts. Each takes the raw text and the column name, returns
 * the value in the store's unit (cents, metres, seconds, UTC ISO) or null for an empty cell, and throws a
 * FieldError with a French reason for anything else. Decimal texts are converted exactly, never through floats
 * (`1.005` € is 101 cents, as the registry's own cents were).
 */

const DECIMAL = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

/** Exact scaling of a decimal text by 10^digits, rounded half away from zero at the last kept digit. */
function scaleDecimal(text: string, digits: number, field: string): number {
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new FieldError(field, 'nombre invalide', `« ${text} »`);
  const sign = match[1] === '-' ? -1 : 1;
  const whole = match[2] || '0';
  const fraction = (match[3] ?? '').padEnd(digits + 1, '0');
  const kept = Number(whole + fraction.slice(0, digits));
  const roundUp = Number(fraction[digits]) >= 5 ? 1 : 0;
  const value = kept + roundUp;
  if (!Number.isSafeInteger(value)) throw new FieldError(field, 'nombre hors bornes', `« ${text} »`);
  return sign * value;
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** Euros with a decimal point (or comma) → integer cents: `2.2` → 220. */
export function eurosToCents(text: string | undefined, field: string): number | null {
  return blank(text) ? null : scaleDecimal((text as string).trim(), 2, field);
}

/** Kilometres with metre precision → integer metres: `17.05` → 17050. */
export function kilometresToMetres(text: string | undefined, field: string): number | null {
  return blank(text) ? null : scaleDecimal((text as string).trim(), 3, field);
}

/** A whole number (ids, metres, seats). */
export function integer(text: string | undefined, field: string): number | null {
  if (blank(text)) return null;
  const trimmed = (text as string).trim();
  if (!/^[+-]?\d+$/.test(trimmed)) throw new FieldError(field, 'entier attendu', `reçu « ${trimmed} »`);
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value)) throw new FieldError(field, 'entier hors bornes', `« ${trimmed} »`);
  return value;
}

/** A decimal number (coordinates), `.` or `,` as separator. */
export function decimal(text: string | undefined, field: string): number | null {
  if (blank(text)) return null;
  const trimmed = (text as string).trim().replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) throw new FieldError(field, 'nombre invalide', `« ${trimmed} »`);
  return Number(trimmed);
}

/** Latitude or longitude in WGS84 degrees, within its range. */
export function coordinate(text: string | undefined, field: string, limit: 90 | 180): number | null {
  const value = decimal(text, field);
  if (value !== null && Math.abs(value) > limit) throw new FieldError(field, 'coordonnée hors bornes', `« ${value} »`);
  return value;
}

/** Booleans as the formats write them: `1`/empty (territory), `t`/`f` (dump), `true`/`false`, `OUI`/`NON`. */
export function boolean(text: string | undefined, field: string): 0 | 1 | null {
  if (blank(text)) return null;
  switch ((text as string).trim().toLowerCase()) {
    case '1':
    case 't':
    case 'true':
    case 'oui':
      return 1;
    case '0':
    case 'f':
    case 'false':
    case 'non':
      return 0;
    default:
      throw new FieldError(field, 'booléen attendu', `reçu « ${text} »`);
  }
}

/** `HH:MM:SS` (hours may exceed 24) → seconds. */
export function hmsToSeconds(text: string | undefined, field: string): number | null {
  if (blank(text)) return null;
  const match = /^(\d+):([0-5]\d):([0-5]\d)$/.exec((text as string).trim());
  if (!match) throw new FieldError(field, 'durée HH:MM:SS attendue', `reçu « ${text} »`);
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** Checks a calendar date, returns [year, month1, day]. */
function calendarDate(year: number, month: number, day: number, text: string, field: string): [number, number, number] {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    throw new FieldError(field, 'date invalide', `« ${text} »`);
  }
  return [year, month, day];
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** `YYYY-MM-DD HH:MM:SS` (or with `T`) wall-clock time, no offset. */
export function localDateTime(text: string | undefined, field: string): LocalDateTime | null {
  if (blank(text)) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec((text as string).trim());
  if (!match) throw new FieldError(field, 'date et heure AAAA-MM-JJ HH:MM:SS attendues', `reçu « ${text} »`);
  const [year, month, day] = calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), text as string, field);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) throw new FieldError(field, 'heure invalide', `« ${text} »`);
  return { year, month, day, hour, minute, second };
}

/** `YYYY-MM-DD` + `HH:MM:SS` columns read together (the open-data end time, whose datetime column is wrong). */
export function localDateAndTime(dateText: string | undefined, timeText: string | undefined, field: string): LocalDateTime | null {
  if (blank(dateText) && blank(timeText)) return null;
  return localDateTime(`${(dateText ?? '').trim()} ${(timeText ?? '').trim()}`, field);
}

/**
 * ISO 8601 local time with its offset, as open data publishes it: `2022-01-01T00:00:00+01:00` (2022-23) or
 * `2025-02-01T00:00:00+0100` (2025+). Returns the UTC instant and the local wall-clock time.
 */
export function offsetDateTime(text: string | undefined, field: string): { utc: string; local: LocalDateTime } | null {
  if (blank(text)) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:?\d{2})$/.exec((text as string).trim());
  if (!match) throw new FieldError(field, 'date ISO avec décalage attendue', `reçu « ${text} »`);
  const local = localDateTime(match[1], field) as LocalDateTime;
  const offset = match[2] as string;
  const offsetMinutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const utcMs = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - offsetMinutes * 60_000;
  return { utc: new Date(utcMs).toISOString().replace('.000Z', 'Z'), local };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS`, the store's local-time text. */
export function formatLocalDateTime(value: LocalDateTime): string {
  return `${String(value.year).padStart(4, '0')}-${pad(value.month)}-${pad(value.day)} ${pad(value.hour)}:${pad(value.minute)}:${pad(value.second)}`;
}

/** A text cell: trimmed, empty → null. */
export function text(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
