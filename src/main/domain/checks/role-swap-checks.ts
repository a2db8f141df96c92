import { entryIndex, isPassengerEntry, type CheckContext } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckFlag } from './check-types';
import { keysOf } from './flag-helpers';
import { Interner, UnionFind } from './union-find';

const DAY_S = 86_400;

/** A couple where each person drove the other. */
interface SwapPair {
  persons: [string, string];
  /** Distinct car trips in each direction (first drove second, second drove first). */
  eachWay: [number, number];
  /** Shortest time between journeys of opposite directions, seconds. */
  closestS: number;
  journeys: number[];
}

/** Couples where each drove the other within the window (journeys sorted by start, so one merge walk suffices). */
function swapPairs(context: CheckContext, windowDays: number): SwapPair[] {
  const pairs: SwapPair[] = [];
  const { driverNo, personNames } = context;
  const couples = context.couples();
  for (let c = 0; c < couples.count; c += 1) {
    const from = couples.offsets[c] as number;
    const to = couples.offsets[c + 1] as number;
    // Most couples keep their roles: skip them before counting anything.
    const firstWay = driverNo[couples.journeys[from] as number];
    let swapped = false;
    for (let k = from + 1; k < to && !swapped; k += 1) swapped = driverNo[couples.journeys[k] as number] !== firstWay;
    if (!swapped) continue;
    const a = couples.first[c] as number;
    const trips: [Set<number>, Set<number>] = [new Set(), new Set()];
    const last = [-Infinity, -Infinity];
    let closest = Infinity;
    for (let k = from; k < to; k += 1) {
      const i = couples.journeys[k] as number;
      const way = driverNo[i] === a ? 0 : 1;
      trips[way].add(context.tripKey[i] as number);
      const t = context.startS[i] as number;
      closest = Math.min(closest, t - (last[1 - way] as number));
      last[way] = t;
    }
    if (trips[0].size > 0 && trips[1].size > 0 && closest <= windowDays * DAY_S) {
      pairs.push({
        persons: [personNames[a] as string, personNames[couples.second[c] as number] as string], eachWay: [trips[0].size, trips[1].size],
        closestS: closest, journeys: Array.from(couples.journeys.subarray(from, to)),
      });
    }
  }
  return pairs;
}

/** G02: a couple where each drove the other within 30 days; at least 3 times each way → high. */
export const roleSwapPair = defineCheck({
  code: 'G02', version: 1, family: 'graph', severity: 'high',
  label: 'Échange de rôles dans un couple',
  description: 'Deux personnes qui se sont conduites mutuellement (au moins une fois dans chaque sens en 30 jours) ; au moins 3 fois dans chaque sens : élevé.',
  run(context, p, id) {
    return swapPairs(context, p.windowDays).map((pair): CheckFlag => ({
      checkId: id, severity: Math.min(...pair.eachWay) >= p.highEachWay ? 'high' : 'warning',
      journeyKeys: keysOf(context, pair.journeys), persons: pair.persons,
      evidence: { firstDroveSecond: pair.eachWay[0], secondDroveFirst: pair.eachWay[1], closestOppositeS: pair.closestS, highEachWay: p.highEachWay },
    }));
  },
});

/**
 * G03: a closed ring of role swaps (triangular fraud): a component of ≥ 3 persons linked by role-swap couples,
 * each member doing ≥ 80 % of their journeys inside it, its busiest member averaging ≥ 3 trips per active day.
 */
export const closedRing = defineCheck({
  code: 'G03', version: 1, family: 'graph', severity: 'high',
  label: 'Cercle fermé d’échanges de rôles',
  description: 'Composante d’au moins 3 personnes reliées par des échanges de rôles, dont chaque membre fait au moins 80 % de ses trajets à l’intérieur, et dont le membre le plus actif fait au moins 3 trajets par jour actif.',
  run(context, p, id) {
    const pairs = swapPairs(context, Infinity);
    const names = new Interner();
    for (const pair of pairs) pair.persons.forEach((person) => names.id(person));
    const sets = new UnionFind(names.labels.length);
    const degree = new Map<string, number>();
    for (const { persons: [a, b] } of pairs) {
      sets.union(names.id(a), names.id(b));
      degree.set(a, (degree.get(a) ?? 0) + 1);
      degree.set(b, (degree.get(b) ?? 0) + 1);
    }
    const components = new Map<number, string[]>();
    for (const person of names.labels) {
      const root = sets.find(names.id(person));
      const list = components.get(root);
      if (list) list.push(person);
      else components.set(root, [person]);
    }
    const { offsets, entries } = context.persons();
    const flags: CheckFlag[] = [];
    for (const members of components.values()) {
      if (members.length < p.minMembers) continue;
      const inside = new Set(members.map((member) => context.personNumber(member)));
      const journeys = new Set<number>();
      let closed = true;
      let busiest = 0;
      for (const member of members) {
        const no = context.personNumber(member);
        const from = no < 0 ? 0 : (offsets[no] as number);
        const to = no < 0 ? 0 : (offsets[no + 1] as number);
        let within = 0;
        const trips = new Set<number>();
        const days = new Set<number>();
        for (let k = from; k < to; k += 1) {
          const entry = entries[k] as number;
          const i = entryIndex(entry);
          const partner = (isPassengerEntry(entry) ? context.driverNo[i] : context.passengerNo[i]) as number;
          if (partner >= 0 && inside.has(partner)) {
            within += 1;
            journeys.add(i);
          }
          trips.add(context.tripKey[i] as number);
          days.add(context.localDay[i] as number);
        }
        if (within / Math.max(1, to - from) < p.insideRatio) closed = false;
        busiest = Math.max(busiest, trips.size / Math.max(1, days.size));
      }
      if (!closed || busiest < p.minTripsPerActiveDay) continue;
      flags.push({
        checkId: id, severity: 'high', journeyKeys: keysOf(context, [...journeys]), persons: members,
        evidence: { members: members.length, busiestTripsPerActiveDay: Math.round(busiest * 100) / 100, degrees: members.map((m) => `${m}:${degree.get(m) ?? 0}`) },
      });
    }
    return flags;
  },
});
