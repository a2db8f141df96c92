import { entryIndex, isPassengerEntry } from './check-context';
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
    const { offsets, entries } = context.persons();
    const couples = context.couples();
    /** Journeys of a person (number) in a local month. */
    const monthCount = (person: number, month: number): number => {
      let count = 0;
      for (let k = offsets[person] as number; k < (offsets[person + 1] as number); k += 1) if (context.localMonth[entryIndex(entries[k] as number)] === month) count += 1;
      return count;
    };
    for (let c = 0; c < couples.count; c += 1) {
      const from = couples.offsets[c] as number;
      const to = couples.offsets[c + 1] as number;
      if (to - from < p.minJourneysPerMonth) continue;
      const byMonth = new Map<number, number[]>();
      for (let k = from; k < to; k += 1) {
        const i = couples.journeys[k] as number;
        const month = context.localMonth[i] as number;
        const list = byMonth.get(month);
        if (list) list.push(i);
        else byMonth.set(month, [i]);
      }
      const [a, b] = [couples.first[c] as number, couples.second[c] as number];
      for (const [month, together] of byMonth) {
        if (together.length < p.minJourneysPerMonth) continue;
        const shareA = together.length / monthCount(a, month);
        const shareB = together.length / monthCount(b, month);
        if (shareA < p.minShare || shareB < p.minShare) continue;
        flags.push({
          checkId: id, severity: 'warning', journeyKeys: keysOf(context, together), persons: [context.personNames[a] as string, context.personNames[b] as string],
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
    const { offsets, entries } = context.persons();
    const { driverNo, passengerNo, personNames } = context;
    /** Whether all of a person's journeys are rides with this driver (person numbers). */
    const ridesOnlyWith = (passenger: number, driver: number): boolean => {
      for (let k = offsets[passenger] as number; k < (offsets[passenger + 1] as number); k += 1) {
        const entry = entries[k] as number;
        if (!isPassengerEntry(entry) || driverNo[entryIndex(entry)] !== driver) return false;
      }
      return true;
    };
    for (let person = 0; person < personNames.length; person += 1) {
      const from = offsets[person] as number;
      const to = offsets[person + 1] as number;
      // Fewer driven journeys than the minimum cannot carry that many distinct passengers.
      let driven = 0;
      for (let k = from; k < to; k += 1) if (!isPassengerEntry(entries[k] as number)) driven += 1;
      if (driven < p.minExclusivePassengers) continue;
      const passengers = new Map<number, number[]>();
      for (let k = from; k < to; k += 1) {
        const entry = entries[k] as number;
        if (isPassengerEntry(entry)) continue;
        const i = entryIndex(entry);
        const passenger = passengerNo[i] as number;
        if (passenger < 0 || passenger === person) continue;
        const list = passengers.get(passenger);
        if (list) list.push(i);
        else passengers.set(passenger, [i]);
      }
      if (passengers.size < p.minExclusivePassengers) continue;
      const exclusive = [...passengers.keys()].filter((passenger) => ridesOnlyWith(passenger, person));
      if (exclusive.length < p.minExclusivePassengers) continue;
      flags.push({
        checkId: id, severity: 'warning', journeyKeys: keysOf(context, exclusive.flatMap((q) => passengers.get(q) ?? [])),
        persons: [personNames[person] as string, ...exclusive.map((q) => personNames[q] as string)],
        evidence: { exclusivePassengers: exclusive.length, passengers: passengers.size, minExclusivePassengers: p.minExclusivePassengers },
      });
    }
    return flags;
  },
});
