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

/** Month `YYYY-MM` → `septembre 2026`. */
export function formatMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** Euros (a chart value, possibly fractional) → French currency text: `12.5` → `12,50 €`. */
export function formatEuros(euros: number): string {
  return formatCents(Math.round(euros * 100));
}

/** A number typed the French way (`150 000,50`, spaces as thousands separators) → 150000.5; NaN when it is not one. */
export function parseFrenchNumber(text: string): number {
  return Number(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
}
