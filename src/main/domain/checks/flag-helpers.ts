import type { CheckContext } from './check-context';
import type { CheckFlag, EvidenceValue, Severity } from './check-types';

/** Flag of a single journey, naming its driver and passenger. */
export function journeyFlag(
  checkId: string, severity: Severity, context: CheckContext, index: number, evidence: Record<string, EvidenceValue>,
): CheckFlag {
  const trip = context.trips[index];
  const persons = [context.driver[index], context.passenger[index]].filter((p): p is string => !!p);
  return { checkId, severity, journeyKeys: trip ? [trip.natural_key] : [], persons: [...new Set(persons)], evidence };
}

/** Natural keys of journeys by index, without duplicates. */
export function keysOf(context: CheckContext, indexes: Iterable<number>): string[] {
  const keys = new Set<string>();
  for (const i of indexes) {
    const trip = context.trips[i];
    if (trip) keys.add(trip.natural_key);
  }
  return [...keys];
}

/** Rounds a measured value for evidence (2 decimals). */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Whether a local hour falls in a night window that wraps midnight, e.g. 22 → 5. */
export const isNightHour = (hour: number, startHour: number, endHour: number): boolean =>
  startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
