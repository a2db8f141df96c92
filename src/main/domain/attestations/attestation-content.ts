import type { AttestationFigures, AttestationIssuer } from '../../../shared/types/attestations';

/**
 * Version of the attested content's layout: a later change of its fields gets a new number, old codes still check.
 * 1: registry figures only; 2: with the declared journeys apart (`figures.declared`, docs/declarations.md).
 */
export const ATTESTATION_CONTENT_VERSION = 2;

/** The version of a stored content, told by its figures (version 1 had no declared journeys). */
export function contentVersion(figures: { declared?: unknown }): 1 | 2 {
  return figures.declared === undefined ? 1 : 2;
}

/**
 * What an attestation attests, and what its verification code is computed over: register id, issue instant,
 * issuer, person (as the store knows it), period and figures. Printing details (labels, layout) are not part of
 * it; the PDF's pages are checked apart (their digest is kept in the register).
 */
export interface AttestationContent {
  version: 1 | typeof ATTESTATION_CONTENT_VERSION;
  /** Register id (UUID). */
  id: string;
  /** ISO 8601 UTC. */
  issuedAt: string;
  issuer: AttestationIssuer;
  /** Identity key, or `u:<operator id>:<user id pseudonym>`. */
  person: string;
  period: { from: string; to: string };
  figures: AttestationFigures;
}

/**
 * JSON with object keys sorted at every level and no spaces: one text per content, whatever order its objects were
 * built in. Arrays keep their order (months are in order). Only plain data is expected: finite numbers, strings,
 * booleans, null, arrays and objects.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Nombre invalide dans le contenu attesté : ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`Valeur non attestable : ${typeof value}`);
}

/** Hex digits of the printed code (64 bits: a forged code matches an issued one by chance once in 1.8 × 10¹⁹). */
export const SHORT_CODE_DIGITS = 16;

/** The printed form of a code: its first 16 hex digits, upper case, in four groups of four (`3F2A-9C01-…`). */
export function shortCode(code: string): string {
  const digits = code.slice(0, SHORT_CODE_DIGITS).toUpperCase();
  return (digits.match(/.{4}/g) ?? []).join('-');
}

/**
 * A code as typed or read (short or full, any case, with spaces or dashes) in lower-case hex digits, or null when it
 * is neither 16 nor 64 hex digits.
 */
export function normaliseCode(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(digits)) return null;
  return digits.length === SHORT_CODE_DIGITS || digits.length === 64 ? digits : null;
}
