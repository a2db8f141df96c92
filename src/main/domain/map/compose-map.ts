import type { LonLat, MapFlow, MapPlace } from '../../../shared/types/map';

/** One directed pair of places with its journeys, as read from the aggregates. */
export interface PairCount {
  origin: string;
  destination: string;
  journeys: number;
  rpcCents: number;
  /** Whether each end lies in the query's territory (always true without territory). */
  originIn: boolean;
  destinationIn: boolean;
}

/** What a map is composed from: the pairs of the period, of the previous period, and of the overlay. */
export interface MapComposition {
  pairs: readonly PairCount[];
  previous: readonly PairCount[];
  /** Journeys of the overlay per pair key (`pairKey`), or null without overlay. */
  overlay: ReadonlyMap<string, number> | null;
  /** Privacy threshold, journeys: flows and places under it are left out (and counted as hidden). */
  minCount: number;
  name(code: string): string | null;
  position(code: string): LonLat | null;
  population(code: string): number | null;
}

/** What a map shows, and what its threshold hid. */
export interface ComposedMap {
  flows: MapFlow[];
  places: MapPlace[];
  journeysShown: number;
  journeysTotal: number;
  hidden: { flows: number; journeys: number; places: number };
  unplaced: number;
}

/** Key of a directed pair in overlay maps. */
export function pairKey(origin: string, destination: string): string {
  return `${origin}\u001f${destination}`;
}

interface PlaceTotals {
  departures: number;
  arrivals: number;
  internal: number;
  rpcCents: number;
  inTerritory: boolean;
  overlay: number;
}

/** Journeys touching each place (departures + arrivals − internal), from directed pairs. */
function placeTotals(pairs: readonly PairCount[], overlay: ReadonlyMap<string, number> | null): Map<string, PlaceTotals> {
  const places = new Map<string, PlaceTotals>();
  const place = (code: string): PlaceTotals => {
    let totals = places.get(code);
    if (!totals) places.set(code, (totals = { departures: 0, arrivals: 0, internal: 0, rpcCents: 0, inTerritory: false, overlay: 0 }));
    return totals;
  };
  for (const pair of pairs) {
    const origin = place(pair.origin);
    const destination = place(pair.destination);
    const overlaid = overlay?.get(pairKey(pair.origin, pair.destination)) ?? 0;
    origin.departures += pair.journeys;
    destination.arrivals += pair.journeys;
    origin.inTerritory ||= pair.originIn;
    destination.inTerritory ||= pair.destinationIn;
    origin.rpcCents += pair.rpcCents;
    origin.overlay += overlaid;
    if (pair.origin === pair.destination) origin.internal += pair.journeys;
    else {
      destination.rpcCents += pair.rpcCents;
      destination.overlay += overlaid;
    }
  }
  return places;
}

const touching = (totals: PlaceTotals): number => totals.departures + totals.arrivals - totals.internal;
const byJourneys = <T extends { journeys: number }>(key: (item: T) => string) => (a: T, b: T): number => b.journeys - a.journeys || key(a).localeCompare(key(b));

/**
 * Applies the privacy threshold to the pairs and places of a map and computes what each place shows: journeys
 * touching it, per 1,000 inhabitants, internal share, evolution against the previous period. Everything under the
 * threshold is left out and counted in `hidden`: a place's previous figure under it is not given either (an
 * evolution would reveal it).
 */
export function composeMap(input: MapComposition): ComposedMap {
  const { minCount } = input;
  const flows: MapFlow[] = [];
  const hidden = { flows: 0, journeys: 0, places: 0 };
  let journeysTotal = 0;
  let unplaced = 0;
  for (const pair of input.pairs) {
    journeysTotal += pair.journeys;
    if (pair.journeys < minCount) {
      hidden.flows += 1;
      hidden.journeys += pair.journeys;
      continue;
    }
    if (!input.position(pair.origin) || !input.position(pair.destination)) unplaced += 1;
    flows.push({
      origin: pair.origin,
      originName: input.name(pair.origin),
      destination: pair.destination,
      destinationName: input.name(pair.destination),
      internal: pair.origin === pair.destination,
      journeys: pair.journeys,
      rpcCents: pair.rpcCents,
      overlayJourneys: input.overlay ? (input.overlay.get(pairKey(pair.origin, pair.destination)) ?? 0) : null,
    });
  }
  flows.sort(byJourneys((flow) => pairKey(flow.origin, flow.destination)));

  const previous = placeTotals(input.previous, null);
  const places: MapPlace[] = [];
  for (const [code, totals] of placeTotals(input.pairs, input.overlay)) {
    const journeys = touching(totals);
    if (journeys < minCount) {
      hidden.places += 1;
      continue;
    }
    const before = previous.get(code);
    const previousJourneys = before && touching(before) >= minCount ? touching(before) : null;
    const population = input.population(code);
    places.push({
      code,
      name: input.name(code),
      position: input.position(code),
      departures: totals.departures,
      arrivals: totals.arrivals,
      internal: totals.internal,
      journeys,
      rpcCents: totals.rpcCents,
      population,
      perThousand: population ? (journeys * 1000) / population : null,
      internalShare: journeys > 0 ? totals.internal / journeys : null,
      previousJourneys,
      evolution: previousJourneys ? (journeys - previousJourneys) / previousJourneys : null,
      inTerritory: totals.inTerritory,
      overlayJourneys: input.overlay ? totals.overlay : null,
    });
  }
  places.sort(byJourneys((place) => place.code));
  return { flows, places, journeysShown: journeysTotal - hidden.journeys, journeysTotal, hidden, unplaced };
}
