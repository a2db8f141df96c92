import { entryIndex, entryRole, type CheckContext, type PersonEntry, type Role } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckFlag } from './check-types';
import { isNightHour, keysOf, round2 } from './flag-helpers';

/**
 * Contiguous runs of a person's entries sharing a local day or month (entries are sorted by start, so each day and
 * month is one run).
 */
function* runsBy(entries: ArrayLike<PersonEntry> & Iterable<PersonEntry>, key: Int32Array): Generator<PersonEntry[]> {
  let current = 0;
  let run: PersonEntry[] = [];
  for (const entry of entries) {
    const k = key[entryIndex(entry)] as number;
    if (k !== current && run.length > 0) {
      yield run;
      run = [];
    }
    current = k;
    run.push(entry);
  }
  if (run.length > 0) yield run;
}

const dayText = (context: CheckContext, entry: PersonEntry): string => context.trips[entryIndex(entry)]?.start_local.slice(0, 10) ?? '';
const monthText = (context: CheckContext, entry: PersonEntry): string => context.trips[entryIndex(entry)]?.start_local.slice(0, 7) ?? '';

/** One entry per car trip (a driver with three passengers made one trip), in start order. */
function distinctTrips(context: CheckContext, entries: PersonEntry[]): PersonEntry[] {
  const { tripKey } = context;
  // Runs are a day or a month of one person: a linear look-back is cheaper than a Set for the usual handful.
  if (entries.length <= 16) {
    return entries.filter((e, k) => {
      const key = tripKey[entryIndex(e)];
      for (let b = 0; b < k; b += 1) if (tripKey[entryIndex(entries[b] as number)] === key) return false;
      return true;
    });
  }
  const seen = new Set<number>();
  return entries.filter((e) => {
    const key = tripKey[entryIndex(e)] as number;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
const std = (values: number[]): number => {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
};

/** H01: distinct car trips of a person per Paris day, either role (terms: 4 per day; interop when several operators). */
export const tripsPerDay = defineCheck({
  code: 'H01', version: 1, family: 'person', severity: 'high',
  label: 'Trop de trajets par jour',
  description: 'Plus de 4 trajets distincts dans la journée (heure de Paris), conducteur ou passager, sur un opérateur (CGU) ou plusieurs (inter-opérateurs) ; exactement 4 : information.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    for (const { person, entries } of context.persons()) {
      if (entries.length < p.maxTripsPerDay) continue;
      for (const run of runsBy(entries, context.localDay)) {
        if (run.length < p.maxTripsPerDay) continue;
        const trips = distinctTrips(context, run);
        if (trips.length < p.maxTripsPerDay) continue;
        const perOperator = new Map<string, number>();
        for (const e of trips) {
          const op = String(context.trips[entryIndex(e)]?.operator_id ?? '');
          perOperator.set(op, (perOperator.get(op) ?? 0) + 1);
        }
        const maxOneOperator = Math.max(...perOperator.values());
        const over = trips.length > p.maxTripsPerDay;
        flags.push({
          checkId: id, severity: over ? 'high' : 'info', journeyKeys: keysOf(context, run.map(entryIndex)), persons: [person],
          evidence: {
            day: dayText(context, run[0] as number), trips: trips.length, limit: p.maxTripsPerDay, operators: perOperator.size, maxTripsOneOperator: maxOneOperator,
            scope: perOperator.size > 1 ? 'interoperator' : 'operator',
          },
        });
      }
    }
    return flags;
  },
});

/**
 * H05: role switching (triangular fraud research): role flips between consecutive trips of a day, per active day;
 * and same-day swap with one partner (A drove B and B drove A), emitted once per pair and day.
 */
export const roleSwitching = defineCheck({
  code: 'H05', version: 1, family: 'person', severity: 'high',
  label: 'Changements de rôle',
  description: 'Alternance conducteur/passager : au moins 2 changements par jour actif (à vérifier), au moins 1 (information) ; même jour, A conduit B et B conduit A (élevé).',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    for (const { person, entries } of context.persons()) {
      let flips = 0;
      let days = 0;
      const involved: number[] = [];
      for (const run of runsBy(entries, context.localDay)) {
        days += 1;
        // A day in one role has neither flips nor swaps.
        if (run.every((e) => entryRole(e) === entryRole(run[0] as number))) continue;
        const trips = distinctTrips(context, run);
        let dayFlips = 0;
        for (let k = 1; k < trips.length; k += 1) if (entryRole(trips[k] as number) !== entryRole(trips[k - 1] as number)) dayFlips += 1;
        if (dayFlips > 0) involved.push(...run.map(entryIndex));
        flips += dayFlips;
        const partners = new Map<string, { roles: Set<Role>; journeys: number[] }>();
        for (const e of run) {
          const i = entryIndex(e);
          const partner = entryRole(e) === 'driver' ? context.passenger[i] : context.driver[i];
          if (!partner || partner === person) continue;
          const item = partners.get(partner) ?? { roles: new Set<Role>(), journeys: [] };
          item.roles.add(entryRole(e));
          item.journeys.push(i);
          partners.set(partner, item);
        }
        for (const [partner, item] of partners) {
          if (item.roles.size === 2 && person < partner) {
            flags.push({ checkId: id, severity: 'high', journeyKeys: keysOf(context, item.journeys), persons: [person, partner], evidence: { day: dayText(context, run[0] as number), kind: 'same_day_swap' } });
          }
        }
      }
      const perDay = flips / days;
      if (perDay >= p.infoFlipsPerDay) {
        flags.push({
          checkId: id, severity: perDay >= p.warnFlipsPerDay ? 'warning' : 'info', journeyKeys: keysOf(context, involved), persons: [person],
          evidence: { flips, activeDays: days, flipsPerDay: round2(perDay), warnFlipsPerDay: p.warnFlipsPerDay },
        });
      }
    }
    return flags;
  },
});

/** H06: a person's month of journeys that look generated: same distance and same time, or one OD at one slot. */
export const roboticRegularity = defineCheck({
  code: 'H06', version: 1, family: 'person', severity: 'warning',
  label: 'Régularité robotique',
  description: 'Au moins 10 trajets dans le mois avec écart type de distance < 200 m et d’heure de départ < 10 min, ou au moins 80 % des trajets sur un même couple origine-destination au même créneau de 10 min.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    for (const { person, entries } of context.persons()) {
      if (entries.length < p.minJourneysPerMonth) continue;
      for (const run of runsBy(entries, context.localMonth)) {
        if (run.length < p.minJourneysPerMonth) continue;
        const indexes = distinctTrips(context, run).map(entryIndex);
        if (indexes.length < p.minJourneysPerMonth) continue;
        const distanceStd = std(indexes.map((i) => context.trips[i]?.distance_m ?? 0));
        const startStdMin = std(indexes.map((i) => context.localMinute[i] as number));
        const slots = new Map<string, number>();
        for (const i of indexes) {
          const t = context.trips[i];
          const slot = `${t?.start_insee}>${t?.end_insee}@${Math.floor((context.localMinute[i] as number) / 10)}`;
          slots.set(slot, (slots.get(slot) ?? 0) + 1);
        }
        const slotRatio = Math.max(...slots.values()) / indexes.length;
        const flat = distanceStd < p.maxDistanceStdM && startStdMin < p.maxStartStdMin;
        if (!flat && slotRatio < p.sameSlotRatio) continue;
        const trips = indexes;
        flags.push({
          checkId: id, severity: 'warning', journeyKeys: keysOf(context, run.map(entryIndex)), persons: [person],
          evidence: { month: monthText(context, run[0] as number), trips: trips.length, distanceStdM: Math.round(distanceStd), startStdMin: round2(startStdMin), sameSlotRatio: round2(slotRatio) },
        });
      }
    }
    return flags;
  },
});

/** H07: monthly volume and earnings of a person (RPC incentives as driver, trips per active day). */
export const volumeEarnings = defineCheck({
  code: 'H07', version: 1, family: 'person', severity: 'warning',
  label: 'Volume ou gains élevés',
  description: 'Dans le mois : incitations RPC en tant que conducteur au-delà du plafond (150 €), ou au moins 3 trajets par jour actif en moyenne.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    for (const { person, entries } of context.persons()) {
      for (const run of runsBy(entries, context.localMonth)) {
        let days = 0;
        for (let k = 0; k < run.length; k += 1) {
          if (k === 0 || context.localDay[entryIndex(run[k] as number)] !== context.localDay[entryIndex(run[k - 1] as number)]) days += 1;
        }
        let incentive = 0;
        for (const e of run) {
          const t = context.trips[entryIndex(e)];
          if (t && entryRole(e) === 'driver') incentive += (t.rpc_incentive_0_cents ?? 0) + (t.rpc_incentive_1_cents ?? 0) + (t.rpc_incentive_2_cents ?? 0);
        }
        // Distinct trips never exceed journeys: skip the dedup when journeys alone stay under the rate.
        if (incentive <= p.maxMonthlyIncentiveCents && run.length / days < p.maxTripsPerActiveDay) continue;
        const perDay = distinctTrips(context, run).length / days;
        if (incentive <= p.maxMonthlyIncentiveCents && perDay < p.maxTripsPerActiveDay) continue;
        flags.push({
          checkId: id, severity: 'warning', journeyKeys: keysOf(context, run.map(entryIndex)), persons: [person],
          evidence: { month: monthText(context, run[0] as number), incentiveCents: incentive, maxMonthlyIncentiveCents: p.maxMonthlyIncentiveCents, tripsPerActiveDay: round2(perDay), activeDays: days },
        });
      }
    }
    return flags;
  },
});

/** H08: most of a person's journeys start at night. */
export const nightShare = defineCheck({
  code: 'H08', version: 1, family: 'person', severity: 'warning',
  label: 'Part de trajets de nuit',
  description: 'Plus de 50 % des trajets d’une personne partent entre 22 h et 5 h, sur au moins 10 trajets.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    for (const { person, entries } of context.persons()) {
      if (entries.length < p.minJourneys) continue;
      const night = entries.filter((e) => isNightHour(Math.floor((context.localMinute[entryIndex(e)] as number) / 60), p.nightStartHour, p.nightEndHour));
      const share = night.length / entries.length;
      if (share <= p.nightRatio) continue;
      flags.push({
        checkId: id, severity: 'warning', journeyKeys: keysOf(context, night.map(entryIndex)), persons: [person],
        evidence: { journeys: entries.length, nightJourneys: night.length, nightShare: round2(share), threshold: p.nightRatio },
      });
    }
    return flags;
  },
});
