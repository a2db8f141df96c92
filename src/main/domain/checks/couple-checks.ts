import { defineCheck } from './check-definition';
import type { CheckFlag } from './check-types';
import { keysOf } from './flag-helpers';
import { overlapKind } from './overlap';

/**
 * H03: the same couple (either orientation) on two different car trips whose gap (end → next start, published
 * times) is under 30 min, or that overlap. Unlike the registry, a trip fully containing the other is caught and
 * one close pair is enough.
 */
export const coupleTooClose = defineCheck({
  code: 'H03', version: 1, family: 'person', severity: 'high',
  label: 'Même équipage, trajets trop rapprochés',
  description: 'Un même couple conducteur/passager (dans un sens ou l’autre) sur deux trajets distincts séparés de moins de 30 min ou qui se chevauchent : élevé entre opérateurs, à vérifier chez un même opérateur.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    const { startS, endS, tripKey, trips } = context;
    for (const { a: first, b: second, journeys } of context.couples()) {
      const active: number[] = [];
      for (const j of journeys) {
        for (let k = active.length - 1; k >= 0; k -= 1) if ((endS[active[k] as number] as number) + p.maxGapS <= (startS[j] as number)) active.splice(k, 1);
        for (const i of active) {
          if (tripKey[i] === tripKey[j]) continue;
          const gap = (startS[j] as number) - (endS[i] as number);
          const crossOperator = trips[i]?.operator_id !== trips[j]?.operator_id;
          flags.push({
            checkId: id, severity: crossOperator ? 'high' : 'warning', journeyKeys: keysOf(context, [i, j]), persons: [first, second],
            evidence: { gapS: gap, maxGapS: p.maxGapS, overlapping: gap < 0, crossOperator },
          });
        }
        active.push(j);
      }
    }
    return flags;
  },
});

/** G06: the same couple declared on ≥ 2 operators over certainly overlapping times (registry `interoperator_overlap`). */
export const crossOperatorDuplicate = defineCheck({
  code: 'G06', version: 1, family: 'graph', severity: 'high',
  label: 'Doublon inter-opérateurs',
  description: 'Un même couple déclaré chez au moins deux opérateurs sur des horaires qui se chevauchent certainement (malgré l’arrondi à 10 min).',
  run(context, _p, id) {
    const flags: CheckFlag[] = [];
    const { startS, endS, trips } = context;
    for (const { a: first, b: second, journeys } of context.couples()) {
      const active: number[] = [];
      for (const j of journeys) {
        for (let k = active.length - 1; k >= 0; k -= 1) if ((endS[active[k] as number] as number) <= (startS[j] as number)) active.splice(k, 1);
        for (const i of active) {
          const a = trips[i];
          const b = trips[j];
          if (!a || !b || a.operator_id === b.operator_id) continue;
          if (overlapKind(startS[i] as number, endS[i] as number, startS[j] as number, endS[j] as number) !== 'certain') continue;
          flags.push({
            checkId: id, severity: 'high', journeyKeys: keysOf(context, [i, j]), persons: [first, second],
            evidence: { operators: [String(a.operator_id), String(b.operator_id)], linkedJourneys: [a.natural_key, b.natural_key] },
          });
        }
        active.push(j);
      }
    }
    return flags;
  },
});

/**
 * G07: several drivers declaring the same journey (same communes, same 10-min start, distance within 50 m):
 * one car declared as several. Passengers of one car share a driver and do not count.
 */
export const simultaneousGroup = defineCheck({
  code: 'G07', version: 1, family: 'graph', severity: 'warning',
  label: 'Groupe simultané',
  description: 'Au moins 3 conducteurs différents déclarant un trajet aux mêmes communes de départ et d’arrivée, au même créneau de 10 min, à 50 m de distance près.',
  run(context, p, id) {
    // Slots first (numeric keys, cheap), then communes and distance by one sort inside each slot: no string key per journey.
    const slots = new Map<number, number[]>();
    context.trips.forEach((t, i) => {
      if (!t.start_insee || !t.end_insee || t.distance_m === null) return;
      const start = context.startS[i] as number;
      const list = slots.get(start);
      if (list) list.push(i);
      else slots.set(start, [i]);
    });
    const flags: CheckFlag[] = [];
    const trips = context.trips;
    const sameOd = (i: number, j: number): boolean => trips[i]?.start_insee === trips[j]?.start_insee && trips[i]?.end_insee === trips[j]?.end_insee;
    const distance = (i: number): number => trips[i]?.distance_m ?? 0;
    for (const slot of slots.values()) {
      if (slot.length < p.minDrivers) continue;
      slot.sort((i, j) => {
        const a = trips[i];
        const b = trips[j];
        if (!a || !b) return 0;
        return a.start_insee === b.start_insee
          ? a.end_insee === b.end_insee ? distance(i) - distance(j) : (a.end_insee ?? '') < (b.end_insee ?? '') ? -1 : 1
          : (a.start_insee ?? '') < (b.start_insee ?? '') ? -1 : 1;
      });
      // Windows of one origin–destination whose distances stay within the tolerance of the first.
      let from = 0;
      while (from < slot.length) {
        const first = slot[from] as number;
        let to = from;
        while (to + 1 < slot.length && sameOd(first, slot[to + 1] as number) && distance(slot[to + 1] as number) - distance(first) <= p.distanceToleranceM) to += 1;
        const members = slot.slice(from, to + 1);
        const drivers = new Set(members.map((i) => context.driver[i] ?? `?${i}`));
        if (drivers.size >= p.minDrivers) {
          const t = trips[first];
          flags.push({
            checkId: id, severity: 'warning', journeyKeys: keysOf(context, members), persons: [...drivers],
            evidence: {
              startInsee: t?.start_insee ?? '', endInsee: t?.end_insee ?? '', startAt: t?.start_at ?? '',
              drivers: drivers.size, journeys: members.length, minDrivers: p.minDrivers, distanceToleranceM: p.distanceToleranceM,
            },
          });
          from = to + 1;
        } else from += 1;
      }
    }
    return flags;
  },
});
