import { TRIP_COLUMNS, type TripRow } from './trip-row';

/** Columns that say where a row came from, not what it says: left out of the hash. */
const PROVENANCE = new Set<string>(['source_line']);
const HASHED_COLUMNS = TRIP_COLUMNS.filter((column) => !PROVENANCE.has(column));

/**
 * 53-bit hash (cyrb53) of every canonical field of a journey. Two imports of the same journey compare hashes to
 * tell "unchanged" from "updated" without reading the stored row. Not cryptographic: change detection only.
 */
export function tripRowHash(row: TripRow): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const column of HASHED_COLUMNS) {
    const value = row[column];
    const textValue = value === null ? '\u0000' : String(value);
    for (let i = 0; i < textValue.length; i += 1) {
      const code = textValue.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    // Field separator, so that ("ab", "c") and ("a", "bc") differ.
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
