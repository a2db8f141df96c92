import { formatDateTimeMinute, parseFrenchDateTime, parseFrenchNumber } from '@shared/util/format';

/** A check parameter's value: numbers, or an ISO instant / null for the one that takes a date (T11's `asOf`). */
export type ParameterValue = number | string | null;

/**
 * A value as the form field shows it: French decimals without grouping (easy to edit), an instant as a Paris date and
 * time (`01/11/2026 00:00`), empty for null.
 */
export function parameterText(value: ParameterValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return value.toLocaleString('fr-FR', { useGrouping: false, maximumFractionDigits: 10 });
  return Number.isNaN(Date.parse(value)) ? value : formatDateTimeMinute(value);
}

/**
 * What a field's text means for a parameter of this default: a number when the default is one (undefined when the
 * text is not a number), else the ISO instant of a Paris date and time typed the French way (undefined when it is not
 * one), empty meaning null. Ranges are the main side's to check.
 */
export function parseParameter(text: string, fallback: ParameterValue): ParameterValue | undefined {
  const trimmed = text.trim();
  if (typeof fallback === 'number') {
    const value = parseFrenchNumber(trimmed);
    return trimmed === '' || !Number.isFinite(value) ? undefined : value;
  }
  return trimmed === '' ? null : (parseFrenchDateTime(trimmed) ?? undefined);
}
