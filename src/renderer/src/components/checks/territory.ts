import type { StatsLevel } from '@shared/types/stats';

/** The territory of a level and a code as requests carry it: none until both are given. */
export function territoryOf(level: StatsLevel | '', code: string): { territory?: { level: StatsLevel; code: string } } {
  const trimmed = code.trim();
  return level !== '' && trimmed !== '' ? { territory: { level, code: trimmed } } : {};
}
