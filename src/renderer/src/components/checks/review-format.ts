import { formatDay, formatDecimal } from '@shared/util/format';

/** Identity keys are 64-character hashes: their first 10 characters tell persons apart on screen. */
export function shortKey(key: string): string {
  return key.length > 10 ? `${key.slice(0, 10)}…` : key;
}

/** Local `YYYY-MM-DD HH:MM:SS` (already Europe/Paris, as the extracts publish it) → `03/10/2026 07:40`. */
export function formatLocalDateTime(local: string): string {
  return `${formatDay(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** Metres → kilometres with one decimal (`35 400` → `35,4`). */
export function formatKm(metres: number): string {
  return formatDecimal(metres / 1000);
}

/** Seconds → minutes, one decimal at most (`90` → `1,5`). */
export function formatMinutes(seconds: number): string {
  return formatDecimal(seconds / 60);
}

/** A journey as people name it: its registry id, else its natural key. */
export function journeyName(row: { journeyId: string | null; naturalKey: string }): string {
  return row.journeyId ?? row.naturalKey;
}

/** The code of a versioned check id (`G07@2` → `G07`), what the queue hides and counts. */
export function checkCode(checkId: string): string {
  return checkId.split('@')[0] ?? checkId;
}

/** The catalogue row describing a check id, found by its code so that flags of an earlier version keep their name. */
export function catalogueRow<Row extends { id: string }>(catalogue: readonly Row[], checkId: string): Row | null {
  const code = checkCode(checkId);
  return catalogue.find((row) => checkCode(row.id) === code) ?? null;
}
