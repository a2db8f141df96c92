/**
 * French formatting of numbers, money, distances and instants, always in Europe/Paris time.
 * Pure: relies on `Intl`, available in Node, Chromium and Electron alike.
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const integerFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'medium',
});
const dateFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, dateStyle: 'short' });

/** `1234567` → `1 234 567` (narrow no-break spaces, as French typography wants). */
export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** One decimal at most: `12.345` → `12,3`. */
export function formatDecimal(value: number): string {
  return decimalFormat.format(value);
}

/** Integer cents → euros: `123456` → `1 234,56 €`. */
export function formatCents(cents: number): string {
  return euroFormat.format(cents / 100);
}

/** Bytes → human size with French units (o, ko, Mo, Go). */
export function formatBytes(bytes: number): string {
  const units = ['o', 'ko', 'Mo', 'Go', 'To'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // No-break space: the unit never wraps away from its number.
  return `${unit === 0 ? formatInteger(value) : decimalFormat.format(value)}\u00a0${units[unit]}`;
}

/** ISO instant (UTC) → `28/11/2026 18:30:00` in Europe/Paris. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** ISO instant (UTC) → `28/11/2026`, the Europe/Paris calendar day. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** Seconds → `1 h 05 min`, `4 min 20 s` or `12 s`; used for ETAs and durations. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const twoDecimalsFormat = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const monthFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', dateStyle: 'short' });

/** Ratio → French percentage: `0.1234` → `12,3 %`. */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}

/** Two decimals: `1.5` → `1,50` (people per vehicle, tonnes). */
export function formatTwoDecimals(value: number): string {
  return twoDecimalsFormat.format(value);
}

/** Calendar day `YYYY-MM-DD` (already local) → `07/09/2026`, without time zone shifts. */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/**
 * Calendar days written `YYYY-MM-DD` inside a text (a campaign's description, written for the catalogue) → French
 * days: `dès le 2023-01-01` → `dès le 01/01/2023`. Other digits are left alone.
 */
export function frenchDaysInText(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (whole: string, year: string, month: string, day: string) => {
    const date = new Date(`${whole}T00:00:00Z`);
    // Only real days: `2023-02-30` is not a date and stays as written.
    return date.getUTCMonth() + 1 === Number(month) && date.getUTCDate() === Number(day) ? `${day}/${month}/${year}` : whole;
  });
}

/** Month `YYYY-MM` → `septembre 2026`. */
export function formatMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** Euros (a chart value, possibly fractional) → French currency text: `12.5` → `12,50 €`. */
export function formatEuros(euros: number): string {
  return formatCents(Math.round(euros * 100));
}

const minuteFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Europe/Paris calendar fields of an instant, to the minute (two digits each, four for the year). */
function parisFields(ms: number): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(minuteFormat.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return { day: parts.day ?? '', month: parts.month ?? '', year: parts.year ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '' };
}

/**
 * ISO instant (UTC) → `01/11/2026 00:00`, to the minute, in Europe/Paris: how a date-and-time field shows it, and what
 * `parseFrenchDateTime` reads back. Built from its parts: ICU versions join date and time differently.
 */
export function formatDateTimeMinute(iso: string): string {
  const { day, month, year, hour, minute } = parisFields(Date.parse(iso));
  return `${day}/${month}/${year} ${hour}:${minute}`;
}

/** Milliseconds Europe/Paris is ahead of UTC at the instant `ms` (one hour in winter, two in summer). */
function parisOffsetMs(ms: number): number {
  const { day, month, year, hour, minute } = parisFields(ms);
  const asUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/** The Europe/Paris wall time of an instant, as the milliseconds of that same wall time read in UTC. */
function parisWallMs(ms: number): number {
  return ms + parisOffsetMs(ms);
}

/**
 * A date and time typed the French way in Europe/Paris (`01/11/2026 00:00`, `1/11/2026 8h30`, or a day alone, read at
 * midnight) → the ISO instant (UTC), or null when the text is not one, or names a day or a time that does not exist
 * (31/06, or 02:30 the night the clocks go forward). An hour that happens twice (the night they go back) is read in
 * winter time.
 */
export function parseFrenchDateTime(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2})\s*[:h]\s*(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year, hour, minute] = [match[1], match[2], match[3], match[4] ?? '0', match[5] ?? '0'].map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day || new Date(wall).getUTCMonth() !== month - 1) return null;
  // The offset at the wall time read as UTC is an estimate; the one at the instant it gives is the right one.
  const instant = wall - parisOffsetMs(wall - parisOffsetMs(wall));
  return parisWallMs(instant) === wall ? new Date(instant).toISOString() : null;
}

/** A number typed the French way (`150 000,50`, spaces as thousands separators) → 150000.5; NaN when it is not one. */
export function parseFrenchNumber(text: string): number {
  return Number(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
}
