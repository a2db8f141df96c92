/** French wording of amounts, distances and codes in explanations (decimal comma, units spelled the French way). */

/** `2000` → `2 km`, `4999` → `4,999 km`, `23920` → `23,92 km`. */
export function formatKm(metres: number): string {
  return `${String(Math.round(metres) / 1000).replace('.', ',')} km`;
}

/** Cents as euros: `200` → `2,00 €`, `12.5` → `0,125 €`, `-35` → `-0,35 €`, `2330000000` → `23 300 000,00 €`. */
export function formatEuros(cents: number): string {
  const euros = cents / 100;
  const text = Number.isInteger(cents) ? euros.toFixed(2) : String(Math.round(euros * 1e6) / 1e6);
  const [whole = '', fraction] = text.split('.');
  // Thousands grouped with spaces, the French way: 23 300 000,00 €.
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${grouped}${fraction === undefined ? '' : `,${fraction}`} €`;
}

/** `1.5` → `1,5`. */
export function formatNumber(value: number): string {
  return String(value).replace('.', ',');
}

/** At most `max` items, then `… (N au total)`: keeps descriptions of 117-commune lists readable. */
export function formatList(items: readonly string[], max = 8): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}… (${items.length} au total)`;
}

export const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

export const LEVEL_NAMES = {
  com: 'commune',
  arr: 'commune ou arrondissement',
  epci: 'EPCI',
  aom: 'AOM',
  dep: 'département',
  reg: 'région',
  country: 'pays',
} as const;
