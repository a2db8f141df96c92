import type { CheckContext } from './check-context';
import type { CheckFlag, EvidenceValue, Severity } from './check-types';

/** Flag of a single journey, naming its driver and passenger (once when they are the same person). */
export function journeyFlag(
  checkId: string, severity: Severity, context: CheckContext, index: number, evidence: Record<string, EvidenceValue>,
): CheckFlag {
  const trip = context.trips[index];
  const driver = context.driverNo[index] ?? -1;
  const passenger = context.passengerNo[index] ?? -1;
  const persons: string[] = [];
  if (driver >= 0) persons.push(context.personNames[driver] as string);
  if (passenger >= 0 && passenger !== driver) persons.push(context.personNames[passenger] as string);
  return { checkId, severity, journeyKeys: trip ? [trip.natural_key] : [], persons, evidence };
}

/** Natural keys of journeys by index, without duplicates, in first-seen order. */
export function keysOf(context: CheckContext, indexes: ArrayLike<number>): string[] {
  const keys: string[] = [];
  // Most flags name two or three journeys: a look-back is cheaper than a Set; long lists get one.
  if (indexes.length <= 8) {
    for (let k = 0; k < indexes.length; k += 1) {
      const key = context.trips[indexes[k] as number]?.natural_key;
      if (key !== undefined && !keys.includes(key)) keys.push(key);
    }
    return keys;
  }
  const seen = new Set<string>();
  for (let k = 0; k < indexes.length; k += 1) {
    const key = context.trips[indexes[k] as number]?.natural_key;
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    keys.push(key);
  }
  return keys;
}

/** Rounds a measured value for evidence (2 decimals). */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Whether a local hour falls in a night window that wraps midnight, e.g. 22 → 5. */
export const isNightHour = (hour: number, startHour: number, endHour: number): boolean =>
  startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
