import { describe, expect, it } from 'vitest';
import { formatBytes, formatCents, formatDate, formatDateTime, formatDateTimeMinute, formatDecimal, formatDuration, formatInteger, frenchDaysInText, parseFrenchDateTime } from './format';

/** U+202F, the narrow no-break space French typography puts between digit groups. */
const NNBSP = '\u202f';
/** U+00A0, the no-break space before the euro sign. */
const NBSP = '\u00a0';

describe('numbers', () => {
  it('groups thousands with narrow no-break spaces', () => {
    expect(formatInteger(1_234_567)).toBe(`1${NNBSP}234${NNBSP}567`);
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(12.6)).toBe('13');
  });

  it('writes at most one decimal with a comma', () => {
    expect(formatDecimal(12.345)).toBe('12,3');
    expect(formatDecimal(12)).toBe('12');
    expect(formatDecimal(1_234.56)).toBe(`1${NNBSP}234,6`);
  });

  it('turns integer cents into euros, sign after the amount', () => {
    expect(formatCents(123_456)).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatCents(5)).toBe(`0,05${NBSP}€`);
    expect(formatCents(200)).toBe(`2,00${NBSP}€`);
  });

  it('gives sizes in French units', () => {
    expect(formatBytes(0)).toBe(`0${NBSP}o`);
    expect(formatBytes(1_023)).toBe(`1${NNBSP}023${NBSP}o`);
    expect(formatBytes(1_536)).toBe(`1,5${NBSP}ko`);
    expect(formatBytes(5 * 1024 * 1024)).toBe(`5${NBSP}Mo`);
    expect(formatBytes(3.25 * 1024 ** 3)).toBe(`3,3${NBSP}Go`);
    expect(formatBytes(2 * 1024 ** 5)).toBe(`2${NNBSP}048${NBSP}To`);
  });
});

describe('instants, in Europe/Paris whatever the machine', () => {
  it('shows date and time with the winter and summer offsets', () => {
    expect(formatDateTime('2026-11-28T17:30:00Z')).toBe('28/11/2026 18:30:00');
    expect(formatDateTime('2026-07-14T10:00:05Z')).toBe('14/07/2026 12:00:05');
  });

  it('takes the Paris calendar day', () => {
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('01/01/2027');
    expect(formatDate('2026-06-30T21:59:59Z')).toBe('30/06/2026');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [12, '12 s'],
    [59.4, '59 s'],
    [59.6, '1 min 00 s'],
    [260, '4 min 20 s'],
    [3_599, '59 min 59 s'],
    [3_600, '1 h 00 min'],
    [3_900, '1 h 05 min'],
    [26 * 3_600 + 61, '26 h 01 min'],
    [-5, '0 s'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('dates and times typed the French way', () => {
  it('shows an instant to the minute in Paris, as a field shows it', () => {
    expect(formatDateTimeMinute('2026-10-31T23:00:00Z')).toBe('01/11/2026 00:00');
    expect(formatDateTimeMinute('2026-07-14T06:30:59Z')).toBe('14/07/2026 08:30');
  });

  it('reads a Paris date and time back to its instant, with the winter and summer offsets', () => {
    expect(parseFrenchDateTime('01/11/2026 00:00')).toBe('2026-10-31T23:00:00.000Z');
    expect(parseFrenchDateTime(' 14/7/2026 8h30 ')).toBe('2026-07-14T06:30:00.000Z');
    expect(parseFrenchDateTime('14/07/2026')).toBe('2026-07-13T22:00:00.000Z');
    for (const iso of ['2026-03-29T00:59:00.000Z', '2026-03-29T01:00:00.000Z', '2026-10-25T02:30:00.000Z', '2026-12-31T23:59:00.000Z']) {
      expect(parseFrenchDateTime(formatDateTimeMinute(iso)) ?? '', iso).toBe(iso);
    }
  });

  it('refuses what is not a date and time, or names one that does not exist', () => {
    for (const text of ['', '2026-11-01T00:00:00Z', '31/06/2026', '29/02/2026 10:00', '01/11/2026 24:00', '01/11/2026 10:60', 'demain']) {
      expect(parseFrenchDateTime(text), text).toBeNull();
    }
    // 02:30 does not exist the night the clocks go forward; an hour that happens twice reads in winter time.
    expect(parseFrenchDateTime('29/03/2026 02:30')).toBeNull();
    expect(parseFrenchDateTime('25/10/2026 02:30')).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('frenchDaysInText', () => {
  it('writes the real days of a text the French way and leaves other digits alone', () => {
    expect(frenchDaysInText('Ynstant dès le 2023-01-01 ; retiré le 2025-05-12.')).toBe('Ynstant dès le 01/01/2023 ; retiré le 12/05/2025.');
    expect(frenchDaysInText('AOM 217500016, budget 2 000 €, 2023-02-30 ou 12024-01-01')).toBe('AOM 217500016, budget 2 000 €, 2023-02-30 ou 12024-01-01');
  });
});
