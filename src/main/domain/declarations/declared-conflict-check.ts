import type { CheckMeta } from '../checks/check-definition';
import type { CheckParameters } from '../checks/check-parameters';
import type { CheckFlag, CheckTrip } from '../checks/check-types';
import { round2 } from '../checks/flag-helpers';
import { cellDiagonalMetres, haversineMetres } from '../checks/geometry';
import { CEILING_S } from '../checks/overlap';
import { addDays } from '../time/calendar';
import { MIN_DURATION_S } from './declaration-rules';

/** A point with how far the true place may lie from it, metres. */
interface Point {
  lat: number;
  lon: number;
  slackM: number;
}

/** A declared journey as the D01 check reads it (`declared_trips`). Times in epoch seconds, distance in metres. */
export interface DeclaredJourney {
  key: string;
  declarant: string;
  /** The carpooler's person key given with it (identity key or `u:<operator id>:<user id>`), or null. */
  person: string | null;
  role: 'driver' | 'passenger';
  startS: number;
  /** ISO UTC departure, for the evidence. */
  startAt: string;
  day: string;
  distanceM: number;
  startInsee: string;
  startCom: string | null;
  endInsee: string;
  endCom: string | null;
  /** The points the distance rules used (with their radius), or null when none was known. */
  start: Point | null;
  end: Point | null;
}

/** Metadata of D01 in the check catalogue (docs/checks.md, docs/declarations.md). */
export const DECLARED_CONFLICT_META: CheckMeta = {
  id: 'D01@1', code: 'D01', version: 1, family: 'person', severity: 'high', enabledByDefault: true,
  label: 'Déclaration en conflit',
  description:
    'Un trajet déclaré (covoitureur sans application) qui contredit un trajet du registre ou une autre déclaration de la même personne : chevauchement certain ou ' +
    'vitesse impossible entre deux trajets (élevé), chevauchement possible à la vitesse habituelle ou trajet déjà prouvé par le registre (à vérifier).',
};

/** One journey of a person's timeline: a declaration, or a registry journey of the person a declaration names. */
interface Item {
  key: string;
  source: 'declared' | 'registry';
  startS: number;
  /** Earliest possible end (a declaration at the fastest speed; a registry journey's published end less the ceiling). */
  earliestEndS: number;
  /** Usual end (a declaration at the usual speed; a registry journey's published end). */
  usualEndS: number;
  startAt: string;
  day: string;
  startCodes: ReadonlyArray<string | null>;
  endCodes: ReadonlyArray<string | null>;
  start: Point | null;
  end: Point | null;
  /** Whose it is: a declaration's person key (or `d:<declarant>`); null for a registry journey. */
  person: string | null;
  declarant: string | null;
}

const DAY_S = 86_400;

/** The person key a D01 flag names for a declaration: its carpooler's person key, else `d:<declarant id>`. */
export function declarationPerson(journey: Pick<DeclaredJourney, 'person' | 'declarant'>): string {
  return journey.person ?? `d:${journey.declarant}`;
}

function declaredItem(journey: DeclaredJourney, p: CheckParameters['D01']): Item {
  return {
    key: journey.key, source: 'declared', startS: journey.startS,
    earliestEndS: journey.startS + Math.max(MIN_DURATION_S, journey.distanceM / (p.maxSpeedKmh / 3.6)),
    usualEndS: journey.startS + Math.max(MIN_DURATION_S, journey.distanceM / (p.typicalSpeedKmh / 3.6)),
    startAt: journey.startAt, day: journey.day, startCodes: [journey.startInsee, journey.startCom], endCodes: [journey.endInsee, journey.endCom],
    start: journey.start, end: journey.end, person: declarationPerson(journey), declarant: journey.declarant,
  };
}

/** A registry journey's point: published coordinates, with their truncation cell as slack. */
const tripPoint = (lat: number | null, lon: number | null): Point | null => (lat === null || lon === null ? null : { lat, lon, slackM: cellDiagonalMetres(lat, lon) });

function registryItem(trip: CheckTrip): Item {
  const startS = Date.parse(trip.start_at) / 1000;
  const endS = trip.end_at ? Date.parse(trip.end_at) / 1000 : startS + (trip.duration_s ?? 0);
  return {
    key: trip.natural_key, source: 'registry', startS, earliestEndS: endS - CEILING_S, usualEndS: endS, startAt: trip.start_at, day: trip.start_local.slice(0, 10),
    startCodes: [trip.start_insee], endCodes: [trip.end_insee], start: tripPoint(trip.start_lat, trip.start_lon), end: tripPoint(trip.end_lat, trip.end_lon),
    person: null, declarant: null,
  };
}

/** The person key of a side of a registry journey, as the checks name persons. */
function sidePerson(trip: CheckTrip, side: 'driver' | 'passenger'): string | null {
  const key = side === 'driver' ? trip.driver_identity_key : trip.passenger_identity_key;
  const user = side === 'driver' ? trip.operator_driver_id : trip.operator_passenger_id;
  return key ?? (user === null || trip.operator_id === null ? null : `u:${trip.operator_id}:${user}`);
}

/** Whether two lists of codes (INSEE and current commune) name a common place. */
const samePlace = (a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): boolean => a.some((code) => code !== null && b.includes(code));

/**
 * D01 « déclaration en conflit » (docs/declarations.md, « Contrôle D01 »): each declared journey against the other
 * journeys of the same person — the other declarations of its declarant or of its carpooler's person key, and the
 * validated registry journeys of that person key — within a day of it:
 * - overlap: certain when each leaves before the other can arrive at `maxSpeedKmh` (a registry journey's published
 *   end less the 10-minute ceiling), high; possible when they share time at `typicalSpeedKmh`, warning;
 * - a registry journey of the person on the same day, between the same communes, leaving within `duplicateWindowS`:
 *   the declaration repeats a proof (warning: counted twice in an attestation);
 * - between a journey and the next one of the person's timeline, the straight line from where the first ends to where
 *   the second starts (less both places' uncertainty) needs more than `maxSpeedKmh` in the time between them (at
 *   least `minDistanceM` apart), high.
 * Registry journeys alone are H02's and H04's business: only pairs with a declaration are flagged, each pair once.
 */
export function declaredConflicts(declared: readonly DeclaredJourney[], trips: readonly CheckTrip[], p: CheckParameters['D01'], checkId = DECLARED_CONFLICT_META.id): CheckFlag[] {
  const persons = new Set(declared.flatMap((journey) => (journey.person ? [journey.person] : [])));
  // Timelines by owner and local day: a declaration is compared with the journeys of the day before, its day and after.
  const timelines = new Map<string, Item[]>();
  const add = (owner: string, item: Item): void => {
    const key = `${owner}\u0000${item.day}`;
    const list = timelines.get(key);
    if (list) list.push(item);
    else timelines.set(key, [item]);
  };
  for (const trip of trips) {
    if (trip.status !== null && trip.status !== 'ok') continue;
    const sides = [sidePerson(trip, 'driver'), sidePerson(trip, 'passenger')].filter((person): person is string => person !== null && persons.has(person));
    if (sides.length === 0) continue;
    const item = registryItem(trip);
    for (const person of new Set(sides)) add(`p:${person}`, item);
  }
  const items = new Map<string, Item>();
  for (const journey of declared) {
    const item = declaredItem(journey, p);
    items.set(journey.key, item);
    add(`d:${journey.declarant}`, item);
    if (journey.person) add(`p:${journey.person}`, item);
  }

  const flags: CheckFlag[] = [];
  const seen = new Set<string>();
  for (const journey of declared) {
    const self = items.get(journey.key) as Item;
    const days = [addDays(journey.day, -1), journey.day, addDays(journey.day, 1)];
    const others = [...new Map([`d:${journey.declarant}`, ...(journey.person ? [`p:${journey.person}`] : [])]
      .flatMap((owner) => days.flatMap((day) => timelines.get(`${owner}\u0000${day}`) ?? []))
      .filter((other) => other.key !== self.key && Math.abs(other.startS - self.startS) <= DAY_S)
      .map((other) => [other.key, other] as const)).values()].sort((a, b) => a.startS - b.startS || (a.key < b.key ? -1 : 1));
    const before = others.filter((other) => other.startS <= self.startS).at(-1);
    const after = others.find((other) => other.startS > self.startS);
    for (const other of others) {
      const pair = self.key < other.key ? `${self.key}\u0000${other.key}` : `${other.key}\u0000${self.key}`;
      if (seen.has(pair)) continue;
      // The surest finding first: a repeated proof or a certain overlap, an impossible speed, then a possible overlap.
      const flag = sureFlag(journey, self, other, p, checkId)
        ?? (other === before || other === after ? speedFlag(journey, self, other, p, checkId) : null)
        ?? possibleOverlapFlag(journey, self, other, p, checkId);
      if (flag) {
        seen.add(pair);
        flags.push(flag);
      }
    }
  }
  return flags;
}

/** The evidence every D01 flag carries: the declaration and the other journey. */
function baseEvidence(journey: DeclaredJourney, other: Item): CheckFlag['evidence'] {
  return {
    declarant: journey.declarant, declaredStart: journey.startAt, startInsee: journey.startInsee, endInsee: journey.endInsee,
    otherSource: other.source === 'registry' ? 'registry_journey' : 'declared_journey', otherStart: other.startAt, roles: [journey.role],
  };
}

/** The persons a pair names: the declaration's, and the other declaration's when it is someone else's key. */
function pairPersons(journey: DeclaredJourney, other: Item): string[] {
  const self = declarationPerson(journey);
  return other.person === null || other.person === self ? [self] : [self, other.person];
}

/** A flag of D01 on a pair: the declaration first, then the other journey. */
function pairFlag(journey: DeclaredJourney, self: Item, other: Item, severity: CheckFlag['severity'], evidence: CheckFlag['evidence'], checkId: string): CheckFlag {
  return { checkId, severity, journeyKeys: [self.key, other.key], persons: pairPersons(journey, other), evidence: { ...baseEvidence(journey, other), ...evidence } };
}

/** Seconds the two journeys share at their usual ends. */
const sharedS = (self: Item, other: Item): number => Math.round(Math.max(0, Math.min(self.usualEndS, other.usualEndS) - Math.max(self.startS, other.startS)));

/** The flag of a declaration repeating a registry journey, or overlapping another journey even at the fastest; else null. */
function sureFlag(journey: DeclaredJourney, self: Item, other: Item, p: CheckParameters['D01'], checkId: string): CheckFlag | null {
  if (other.source === 'registry' && other.day === self.day && samePlace(self.startCodes, other.startCodes) && samePlace(self.endCodes, other.endCodes)
    && Math.abs(other.startS - self.startS) <= p.duplicateWindowS) {
    return pairFlag(journey, self, other, 'warning', { kind: 'declared_registry_duplicate', startGapS: Math.abs(other.startS - self.startS), duplicateWindowS: p.duplicateWindowS }, checkId);
  }
  if (!(self.startS < other.earliestEndS && other.startS < self.earliestEndS)) return null;
  return pairFlag(journey, self, other, 'high', { kind: 'declared_overlap', overlap: 'certain', overlapS: sharedS(self, other), maxSpeedKmh: p.maxSpeedKmh }, checkId);
}

/** The flag of two journeys sharing time at their usual speeds (they could still both be true), or null. */
function possibleOverlapFlag(journey: DeclaredJourney, self: Item, other: Item, p: CheckParameters['D01'], checkId: string): CheckFlag | null {
  if (!(self.startS < other.usualEndS && other.startS < self.usualEndS)) return null;
  return pairFlag(journey, self, other, 'warning', { kind: 'declared_overlap', overlap: 'possible', overlapS: sharedS(self, other), typicalSpeedKmh: p.typicalSpeedKmh }, checkId);
}

/** The impossible-speed flag from the earlier of two journeys of a person to the later, or null. */
function speedFlag(journey: DeclaredJourney, self: Item, other: Item, p: CheckParameters['D01'], checkId: string): CheckFlag | null {
  const [first, second] = other.startS <= self.startS ? [other, self] : [self, other];
  const from = first.end;
  const to = second.start;
  if (from === null || to === null) return null;
  // The most time the person had: from the earliest the first could end to the latest the second can have left.
  const seconds = second.startS - first.earliestEndS;
  const metres = haversineMetres(from.lat, from.lon, to.lat, to.lon) - from.slackM - to.slackM;
  const reach = Math.max(p.minDistanceM, (p.maxSpeedKmh / 3.6) * Math.max(0, seconds));
  if (!(metres > reach)) return null;
  return pairFlag(journey, self, other, 'high', {
    kind: 'declared_speed', straightLineM: Math.round(metres), gapS: Math.round(Math.max(0, seconds)), speedKmh: round2((metres / Math.max(1, seconds)) * 3.6),
    maxSpeedKmh: p.maxSpeedKmh,
  }, checkId);
}
