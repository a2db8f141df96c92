import { entryIndex, entryRole } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckFlag } from './check-types';
import { keysOf, round2 } from './flag-helpers';

/**
 * G04: two persons who travel almost only with each other, often. Regular colleagues do too: a warning to read with
 * other flags (role swaps, volume), never alone.
 */
export const exclusivePair = defineCheck({
  code: 'G04', version: 1, family: 'graph', severity: 'warning',
  label: 'Paire exclusive',
  description: 'Dans un mois, au moins 20 trajets ensemble et au moins 80 % des trajets de chacun des deux faits avec l’autre.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    const persons = context.persons();
    /** Journeys of a person in a local month. */
    const monthCount = (person: string, month: number): number => {
      let count = 0;
      for (const entry of persons[context.personNumber(person)]?.entries ?? []) if (context.localMonth[entryIndex(entry)] === month) count += 1;
      return count;
    };
    for (const { a, b, journeys } of context.couples()) {
      if (journeys.length < p.minJourneysPerMonth) continue;
      const byMonth = new Map<number, number[]>();
      for (const i of journeys) {
        const month = context.localMonth[i] as number;
        const list = byMonth.get(month);
        if (list) list.push(i);
        else byMonth.set(month, [i]);
      }
      for (const [month, together] of byMonth) {
        if (together.length < p.minJourneysPerMonth) continue;
        const shareA = together.length / monthCount(a, month);
        const shareB = together.length / monthCount(b, month);
        if (shareA < p.minShare || shareB < p.minShare) continue;
        flags.push({
          checkId: id, severity: 'warning', journeyKeys: keysOf(context, together), persons: [a, b],
          evidence: { month: context.trips[together[0] as number]?.start_local.slice(0, 7) ?? '', journeysTogether: together.length, shareFirst: round2(shareA), shareSecond: round2(shareB), minShare: p.minShare },
        });
      }
    }
    return flags;
  },
});

/** G05: a driver with many passengers who never travel with anyone else nor drive (accounts fed by one driver). */
export const starDriver = defineCheck({
  code: 'G05', version: 1, family: 'graph', severity: 'warning',
  label: 'Conducteur « étoile »',
  description: 'Un conducteur dont au moins 5 passagers ne voyagent qu’avec lui, uniquement comme passagers, sans aucune autre activité dans l’extrait.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    const persons = context.persons();
    /** Whether all of a person's journeys are rides with this driver. */
    const ridesOnlyWith = (passenger: string, driver: string): boolean => {
      for (const entry of persons[context.personNumber(passenger)]?.entries ?? []) {
        if (entryRole(entry) !== 'passenger' || context.driver[entryIndex(entry)] !== driver) return false;
      }
      return true;
    };
    for (const { person, entries } of persons) {
      const passengers = new Map<string, number[]>();
      for (const entry of entries) {
        if (entryRole(entry) !== 'driver') continue;
        const i = entryIndex(entry);
        const passenger = context.passenger[i];
        if (!passenger || passenger === person) continue;
        const list = passengers.get(passenger);
        if (list) list.push(i);
        else passengers.set(passenger, [i]);
      }
      if (passengers.size < p.minExclusivePassengers) continue;
      const exclusive = [...passengers.keys()].filter((passenger) => ridesOnlyWith(passenger, person));
      if (exclusive.length < p.minExclusivePassengers) continue;
      flags.push({
        checkId: id, severity: 'warning', journeyKeys: keysOf(context, exclusive.flatMap((q) => passengers.get(q) ?? [])), persons: [person, ...exclusive],
        evidence: { exclusivePassengers: exclusive.length, passengers: passengers.size, minExclusivePassengers: p.minExclusivePassengers },
      });
    }
    return flags;
  },
});
