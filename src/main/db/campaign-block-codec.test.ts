import { describe, expect, it } from 'vitest';
import type { TripPlace } from '../domain/campaigns';
import { blockPersons, decodeBlock, encodeBlock, type BlockJourney } from './campaign-block-codec';

/** A block gives back exactly the journeys encoded in it, however many texts it holds and whatever the numbers. */

const OPERATORS = new Map([[1, { name: 'Opérateur 1', registry_uuid: 'uuid-1' }]]);
const NANTES: TripPlace = { com: '44109', arr: '44109', epci: '244400404', aom: '244400404', dep: '44', reg: '52', country: '99100' };
const NOWHERE: TripPlace = { com: null, arr: null, epci: null, aom: null, dep: null, reg: null, country: null };

function journey(n: number, changes: Partial<BlockJourney['trip']> = {}): BlockJourney {
  const hex = n.toString(16).padStart(32, '0');
  const trip = {
    datetime: `2026-09-10T0${n % 10}:10:00Z`, distance: 1_000 + n, seats: 1, operator_class: 'C' as const, operator_uuid: 'uuid-1', operator_id: 1,
    operator_journey_id: hex, operator_trip_id: `trip-${n}`, driver_identity_key: `driver-${n % 7}`, passenger_identity_key: `passenger-${n % 11}`,
    passenger_is_over_18: null, driver_revenue: 100, passenger_contribution: 50, start: NANTES, end: n % 2 ? NANTES : NOWHERE,
    start_lat: 47.218, start_lon: -1.553, end_lat: null, end_lon: null, ...changes,
  };
  return { id: n + 1, ok: n % 5 !== 0, trip, journey: { day: '2026-09-10', operator: 'Opérateur 1', operatorClass: trip.operator_class ?? '?', distanceM: trip.distance, driver: trip.driver_identity_key } };
}

/** Encodes with person ids numbered in order of appearance, decodes with their texts. */
function roundTrip(journeys: BlockJourney[]): BlockJourney[] {
  const persons = [...new Set(journeys.flatMap(({ trip }) => [trip.driver_identity_key, trip.passenger_identity_key]))];
  const ids = new Map(persons.map((person, index) => [person, index + 1]));
  const block = encodeBlock(journeys, (person) => ids.get(person) ?? 0);
  const texts: Array<string | undefined> = [undefined, ...persons];
  expect([...new Set(blockPersons(block))].sort((a, b) => a - b)).toEqual(persons.map((_, index) => index + 1));
  // Stored blocks come back at any offset of a buffer: decoding copies them when the offset does not suit.
  const shifted = new Uint8Array(block.length + 3);
  shifted.set(block, 3);
  return [...decodeBlock(shifted.subarray(3), OPERATORS, texts, () => true)];
}

describe('campaign block codec', () => {
  it('keeps odd numbers and texts exactly: nulls, doubles, -0, large ids, non-ASCII, empty texts', () => {
    const journeys = [
      journey(0, { start_lat: 47.12345678, start_lon: -0, end_lat: 1e-7, end_lon: Number.NaN }),
      journey(1, { distance: 2 ** 40, seats: 0, driver_revenue: null, passenger_contribution: -2_147_483_648, operator_id: null, operator_uuid: null }),
      journey(2, { operator_journey_id: 'trajet-é-ü-№1', operator_trip_id: '', operator_class: null, datetime: '2026-09-10' }),
      { ...journey(3), id: 3_000_000_000 },
    ];
    journeys[1]!.journey.operator = 'Opérateur inconnu';
    journeys[2]!.journey.operatorClass = '?';
    expect(roundTrip(journeys)).toEqual(journeys);
  });

  it('numbers texts on four bytes past 65,535 texts, and shares each text and trip end', () => {
    const journeys = Array.from({ length: 40_000 }, (_, n) => journey(n));
    const decoded = roundTrip(journeys);
    expect(decoded).toEqual(journeys);
    expect(decoded[1]?.trip.start).toBe(decoded[2]?.trip.start);
    expect(decoded[7]?.trip.driver_identity_key).toBe(decoded[14]?.trip.driver_identity_key);
  });

  it('gives only the journeys kept', () => {
    const journeys = Array.from({ length: 20 }, (_, n) => journey(n));
    const block = encodeBlock(journeys, () => 1);
    const kept = [...decodeBlock(block, OPERATORS, [undefined, 'personne'], (id, ok, start) => ok && id % 2 === 0 && start >= '2026-09-10T05')];
    expect(kept.map(({ id }) => id)).toEqual(journeys.filter(({ id, ok, trip }) => ok && id % 2 === 0 && String(trip.datetime) >= '2026-09-10T05').map(({ id }) => id));
  });
});
