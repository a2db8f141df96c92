/** Where a row of the AOM table comes from, by increasing authority: hand-built demo, learned from extracts, Cerema file. */
export type AomSource = 'demo' | 'learned' | 'cerema';

/** Authority of each source: a source replaces rows of equal or lower rank, never higher (see AomRepository). */
export const AOM_SOURCE_RANK: Readonly<Record<AomSource, number>> = { demo: 0, learned: 1, cerema: 2 };

/** One commune's AOM as the AOM sources give it (demo table, Cerema file). */
export interface AomCommune {
  /** INSEE code of the commune (5 characters, `2A`/`2B` for Corsica). */
  commune: string;
  /** SIREN of the AOM (9 digits). */
  aom: string;
  /** Name of the AOM as the source spells it; null when the source has none. */
  aomName: string | null;
}

const INSEE_COMMUNE = /^(?:\d{5}|2[AB]\d{3})$/;
const SIREN = /^\d{9}$/;

/** Whether a (normalised) code has the shape of a commune INSEE code: 5 digits, or 2A/2B + 3 digits. */
export function isInseeCommuneCode(code: string): boolean {
  return INSEE_COMMUNE.test(code);
}

/**
 * A SIREN as spreadsheets write it, reduced to its digits: spaces (thin, no-break) removed (`200 046 977`).
 * Returns null unless exactly 9 digits remain. The Luhn key is not checked: the Cerema file is the authority.
 */
export function normaliseSiren(value: string): string | null {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '');
  return SIREN.test(compact) ? compact : null;
}
