import { entryIndex, isPassengerEntry, type CheckContext } from './check-context';
import { defineCheck } from './check-definition';
import type { CheckFlag } from './check-types';
import { isNightHour, keysOf, round2 } from './flag-helpers';
import { indexesOf, runEnd } from './person-runs';

/*
 * Person-history checks walk each person's slice of the person index (`persons()`), day by day or month by month
 * (`runEnd`), on integers only: no array per person, day or month unless a flag is raised.
 */

const dayText = (context: CheckContext, index: number): string => context.trips[index]?.start_local.slice(0, 10) ?? '';
const monthText = (context: CheckContext, index: number): string => context.trips[index]?.start_local.slice(0, 7) ?? '';

/** Population standard deviation of `values[0 .. count)`, summed in order (same rounding as a mean of squares). */
function std(values: Float64Array, count: number): number {
  let sum = 0;
  for (let k = 0; k < count; k += 1) sum += values[k] as number;
  const mean = sum / count;
  let squares = 0;
  for (let k = 0; k < count; k += 1) squares += ((values[k] as number) - mean) ** 2;
  return Math.sqrt(squares / count);
}

/** H01: distinct car trips of a person per Paris day, either role (terms: 4 per day; interop when several operators). */
export const tripsPerDay = defineCheck({
  code: 'H01', version: 1, family: 'person', severity: 'high',
  label: 'Trop de trajets par jour',
  description: 'Plus de 4 trajets distincts dans la journée (heure de Paris), conducteur ou passager, sur un opérateur (CGU) ou plusieurs (inter-opérateurs) ; exactement 4 : information.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    const { offsets, entries } = context.persons();
    const dedupe = context.tripDeduper();
    /** Trips per operator number of the current day; reset after each use. */
    const perOperator = new Int32Array(context.operatorIds.length);
    for (let person = 0; person < context.personNames.length; person += 1) {
      const to = offsets[person + 1] as number;
      if (to - (offsets[person] as number) < p.maxTripsPerDay) continue;
      for (let next = offsets[person] as number; next < to;) {
        const from = next;
        const end = runEnd(entries, from, to, context.localDay);
        next = end;
        if (end - from < p.maxTripsPerDay) continue;
        const trips = dedupe.distinct(entries, from, end);
        if (trips < p.maxTripsPerDay) continue;
        let operators = 0;
        let maxOneOperator = 0;
        for (let k = 0; k < trips; k += 1) {
          const operator = context.operatorNo[entryIndex(dedupe.out[k] as number)] as number;
          const count = (perOperator[operator] as number) + 1;
          perOperator[operator] = count;
          if (count === 1) operators += 1;
          if (count > maxOneOperator) maxOneOperator = count;
        }
        for (let k = 0; k < trips; k += 1) perOperator[context.operatorNo[entryIndex(dedupe.out[k] as number)] as number] = 0;
        flags.push({
          checkId: id, severity: trips > p.maxTripsPerDay ? 'high' : 'info', journeyKeys: keysOf(context, indexesOf(entries, from, end)),
          persons: [context.personNames[person] as string],
          evidence: {
            day: dayText(context, entryIndex(entries[from] as number)), trips, limit: p.maxTripsPerDay, operators, maxTripsOneOperator: maxOneOperator,
            scope: operators > 1 ? 'interoperator' : 'operator',
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
    const { offsets, entries } = context.persons();
    const { driverNo, passengerNo, personNames } = context;
    const dedupe = context.tripDeduper();
    for (let person = 0; person < personNames.length; person += 1) {
      const to = offsets[person + 1] as number;
      let flips = 0;
      let days = 0;
      let involved: number[] | null = null;
      for (let next = offsets[person] as number; next < to;) {
        const from = next;
        const end = runEnd(entries, from, to, context.localDay);
        next = end;
        days += 1;
        // A day in one role has neither flips nor swaps.
        let mixed = false;
        for (let k = from + 1; k < end && !mixed; k += 1) mixed = isPassengerEntry(entries[k] as number) !== isPassengerEntry(entries[from] as number);
        if (!mixed) continue;
        const trips = dedupe.distinct(entries, from, end);
        let dayFlips = 0;
        for (let k = 1; k < trips; k += 1) if (isPassengerEntry(dedupe.out[k] as number) !== isPassengerEntry(dedupe.out[k - 1] as number)) dayFlips += 1;
        if (dayFlips > 0) for (let k = from; k < end; k += 1) (involved ??= []).push(entryIndex(entries[k] as number));
        flips += dayFlips;
        // Partners of the day in first-seen order, with the roles this person took with them.
        const partners = new Map<number, { asDriver: boolean; asPassenger: boolean; journeys: number[] }>();
        for (let k = from; k < end; k += 1) {
          const entry = entries[k] as number;
          const i = entryIndex(entry);
          const passengerSide = isPassengerEntry(entry);
          const partner = (passengerSide ? driverNo[i] : passengerNo[i]) as number;
          if (partner < 0 || partner === person) continue;
          let item = partners.get(partner);
          if (!item) partners.set(partner, (item = { asDriver: false, asPassenger: false, journeys: [] }));
          if (passengerSide) item.asPassenger = true;
          else item.asDriver = true;
          item.journeys.push(i);
        }
        for (const [partner, item] of partners) {
          const name = personNames[person] as string;
          const partnerName = personNames[partner] as string;
          if (item.asDriver && item.asPassenger && name < partnerName) {
            flags.push({ checkId: id, severity: 'high', journeyKeys: keysOf(context, item.journeys), persons: [name, partnerName], evidence: { day: dayText(context, entryIndex(entries[from] as number)), kind: 'same_day_swap' } });
          }
        }
      }
      const perDay = flips / days;
      if (perDay >= p.infoFlipsPerDay) {
        flags.push({
          checkId: id, severity: perDay >= p.warnFlipsPerDay ? 'warning' : 'info', journeyKeys: keysOf(context, involved ?? []), persons: [personNames[person] as string],
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
    const { offsets, entries } = context.persons();
    const communes = context.communes();
    const communeCount = communes.codes.length + 1;
    const { distanceM } = context.measures();
    const dedupe = context.tripDeduper();
    let distances = new Float64Array(64);
    let minutes = new Float64Array(64);
    let slots = new Float64Array(64);
    for (let person = 0; person < context.personNames.length; person += 1) {
      const to = offsets[person + 1] as number;
      if (to - (offsets[person] as number) < p.minJourneysPerMonth) continue;
      for (let next = offsets[person] as number; next < to;) {
        const from = next;
        const end = runEnd(entries, from, to, context.localMonth);
        next = end;
        if (end - from < p.minJourneysPerMonth) continue;
        const count = dedupe.distinct(entries, from, end);
        if (count < p.minJourneysPerMonth) continue;
        if (distances.length < count) [distances, minutes, slots] = [new Float64Array(count * 2), new Float64Array(count * 2), new Float64Array(count * 2)];
        for (let k = 0; k < count; k += 1) {
          const i = entryIndex(dedupe.out[k] as number);
          const minute = context.localMinute[i] as number;
          const distance = distanceM[i] as number;
          distances[k] = Number.isNaN(distance) ? 0 : distance;
          minutes[k] = minute;
          // Origin, destination (−1 when missing, hence the +1) and 10-minute slot as one exact number.
          slots[k] = (((communes.start[i] as number) + 1) * communeCount + (communes.end[i] as number) + 1) * 1000 + Math.floor(minute / 10);
        }
        const distanceStd = std(distances, count);
        const startStdMin = std(minutes, count);
        const slotRatio = largestGroup(slots, count) / count;
        const flat = distanceStd < p.maxDistanceStdM && startStdMin < p.maxStartStdMin;
        if (!flat && slotRatio < p.sameSlotRatio) continue;
        flags.push({
          checkId: id, severity: 'warning', journeyKeys: keysOf(context, indexesOf(entries, from, end)), persons: [context.personNames[person] as string],
          evidence: { month: monthText(context, entryIndex(entries[from] as number)), trips: count, distanceStdM: Math.round(distanceStd), startStdMin: round2(startStdMin), sameSlotRatio: round2(slotRatio) },
        });
      }
    }
    return flags;
  },
});

/** Size of the largest group of equal values in `values[0 .. count)` (sorts that prefix in place). */
function largestGroup(values: Float64Array, count: number): number {
  const head = values.subarray(0, count).sort();
  let best = 0;
  for (let k = 0, run = 0; k < count; k += 1) {
    run = k > 0 && head[k] === head[k - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** H07: monthly volume and earnings of a person (RPC incentives as driver, trips per active day). */
export const volumeEarnings = defineCheck({
  code: 'H07', version: 1, family: 'person', severity: 'warning',
  label: 'Volume ou gains élevés',
  description: 'Dans le mois : incitations RPC en tant que conducteur au-delà du plafond (150 €), ou au moins 3 trajets par jour actif en moyenne.',
  run(context, p, id) {
    const flags: CheckFlag[] = [];
    const { offsets, entries } = context.persons();
    const { localDay } = context;
    const incentives = context.incentives();
    const dedupe = context.tripDeduper();
    for (let person = 0; person < context.personNames.length; person += 1) {
      const to = offsets[person + 1] as number;
      for (let next = offsets[person] as number; next < to;) {
        const from = next;
        const end = runEnd(entries, from, to, context.localMonth);
        next = end;
        let days = 0;
        let incentive = 0;
        for (let k = from; k < end; k += 1) {
          const entry = entries[k] as number;
          const i = entryIndex(entry);
          if (k === from || localDay[i] !== localDay[entryIndex(entries[k - 1] as number)]) days += 1;
          if (!isPassengerEntry(entry)) incentive += incentives[i] as number;
        }
        // Distinct trips never exceed journeys: skip the dedup when journeys alone stay under the rate.
        if (incentive <= p.maxMonthlyIncentiveCents && (end - from) / days < p.maxTripsPerActiveDay) continue;
        const perDay = dedupe.distinct(entries, from, end) / days;
        if (incentive <= p.maxMonthlyIncentiveCents && perDay < p.maxTripsPerActiveDay) continue;
        flags.push({
          checkId: id, severity: 'warning', journeyKeys: keysOf(context, indexesOf(entries, from, end)), persons: [context.personNames[person] as string],
          evidence: { month: monthText(context, entryIndex(entries[from] as number)), incentiveCents: incentive, maxMonthlyIncentiveCents: p.maxMonthlyIncentiveCents, tripsPerActiveDay: round2(perDay), activeDays: days },
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
    const { offsets, entries } = context.persons();
    const isNight = (entry: number): boolean => isNightHour(Math.floor((context.localMinute[entryIndex(entry)] as number) / 60), p.nightStartHour, p.nightEndHour);
    for (let person = 0; person < context.personNames.length; person += 1) {
      const from = offsets[person] as number;
      const to = offsets[person + 1] as number;
      if (to - from < p.minJourneys) continue;
      let night = 0;
      for (let k = from; k < to; k += 1) if (isNight(entries[k] as number)) night += 1;
      const share = night / (to - from);
      if (share <= p.nightRatio) continue;
      const nightJourneys: number[] = [];
      for (let k = from; k < to; k += 1) if (isNight(entries[k] as number)) nightJourneys.push(entryIndex(entries[k] as number));
      flags.push({
        checkId: id, severity: 'warning', journeyKeys: keysOf(context, nightJourneys), persons: [context.personNames[person] as string],
        evidence: { journeys: to - from, nightJourneys: night, nightShare: round2(share), threshold: p.nightRatio },
      });
    }
    return flags;
  },
});
