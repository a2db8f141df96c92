import type { ParsedReq } from '@shared/ipc/contract';
import type { LonLat, MapFlow, MapLevel, MapPlace, MapQuery, MapResult, ShapeCollection, ShapeFeature, ShapeLevel } from '@shared/types/map';

/**
 * The map side of the fake `Api` (Carte page tests): places around Nantes at each level, flows between them
 * (one place the answer cannot locate, as the main side reports them), the threshold applied as the main side
 * applies it, and rough rectangular contours of two départements and their région.
 */

interface FakePlace {
  name: string | null;
  position: LonLat | null;
  population: number | null;
  inTerritory: boolean;
}

const PLACES: Record<MapLevel, Record<string, FakePlace>> = {
  com: {
    '44109': { name: 'Nantes', position: [-1.5536, 47.2184], population: 320_732, inTerritory: true },
    '44162': { name: 'Saint-Herblain', position: [-1.649, 47.2122], population: 49_981, inTerritory: true },
    '44143': { name: 'Rezé', position: [-1.5667, 47.1833], population: 43_013, inTerritory: true },
    '44114': { name: 'Orvault', position: [-1.6222, 47.2711], population: 27_021, inTerritory: true },
    '44026': { name: 'Carquefou', position: [-1.4917, 47.2975], population: 20_196, inTerritory: true },
    '44184': { name: 'Saint-Nazaire', position: [-2.2139, 47.2736], population: 72_299, inTerritory: true },
    '49007': { name: 'Angers', position: [-0.5632, 47.4784], population: 157_555, inTerritory: false },
    '44999': { name: null, position: null, population: null, inTerritory: true },
  },
  epci: {
    '244400404': { name: 'Nantes Métropole', position: [-1.56, 47.22], population: 679_012, inTerritory: true },
    '244400644': { name: 'CARENE Saint-Nazaire Agglomération', position: [-2.25, 47.3], population: 127_000, inTerritory: true },
    '244400610': { name: 'CC Erdre et Gesvres', position: [-1.6, 47.42], population: 64_000, inTerritory: true },
    '244900015': { name: 'Angers Loire Métropole', position: [-0.58, 47.47], population: 300_000, inTerritory: false },
  },
  aom: {
    '244400404': { name: 'Nantes Métropole', position: [-1.56, 47.22], population: 679_012, inTerritory: true },
    '244400644': { name: 'CARENE Saint-Nazaire Agglomération', position: [-2.25, 47.3], population: 127_000, inTerritory: true },
    '200053767': { name: 'Région Pays de la Loire', position: [-1.2, 47.5], population: null, inTerritory: true },
  },
  dep: {
    '44': { name: 'Loire-Atlantique', position: [-1.68, 47.35], population: 1_458_300, inTerritory: true },
    '49': { name: 'Maine-et-Loire', position: [-0.56, 47.39], population: 820_000, inTerritory: false },
    '85': { name: 'Vendée', position: [-1.3, 46.66], population: 700_000, inTerritory: false },
    '35': { name: 'Ille-et-Vilaine', position: [-1.64, 48.15], population: 1_100_000, inTerritory: false },
  },
};

/** Flows per level: [origin, destination, journeys]; the last commune flow starts from a place without position. */
const FLOWS: Record<MapLevel, Array<[string, string, number]>> = {
  com: [
    ['44109', '44109', 2_400],
    ['44162', '44109', 1_830],
    ['44109', '44162', 1_650],
    ['44143', '44109', 1_200],
    ['44109', '44143', 980],
    ['44114', '44109', 760],
    ['44026', '44109', 540],
    ['44109', '44026', 420],
    ['44184', '44109', 260],
    ['44109', '44184', 240],
    ['49007', '44109', 35],
    ['44109', '49007', 28],
    ['44162', '44143', 12],
    ['44999', '44109', 8],
  ],
  epci: [
    ['244400404', '244400404', 6_100],
    ['244400610', '244400404', 900],
    ['244400404', '244400610', 720],
    ['244400644', '244400404', 500],
    ['244900015', '244400404', 60],
  ],
  aom: [
    ['244400404', '244400404', 6_100],
    ['200053767', '244400404', 1_600],
    ['244400644', '244400404', 500],
  ],
  dep: [
    ['44', '44', 9_800],
    ['49', '44', 300],
    ['44', '49', 260],
    ['85', '44', 210],
    ['44', '35', 40],
  ],
};

/** What the threshold hides besides the small flows listed above (flows seen by nobody but counted). */
const HIDDEN_BASE = { flows: 42, journeys: 130, places: 9 };
/** Registry incentives per journey in the fake figures, cents. */
const CENTS_PER_JOURNEY = 150;

function overlayOf(journeys: number, query: MapQuery): number | null {
  if (!query.overlay) return null;
  return Math.round(journeys * (query.overlay.kind === 'flagged' ? 0.05 : 0.6));
}

function placeOf(code: string, place: FakePlace, flows: readonly MapFlow[], query: MapQuery): MapPlace {
  const departures = flows.filter((flow) => flow.origin === code).reduce((sum, flow) => sum + flow.journeys, 0);
  const arrivals = flows.filter((flow) => flow.destination === code).reduce((sum, flow) => sum + flow.journeys, 0);
  const internal = flows.filter((flow) => flow.internal && flow.origin === code).reduce((sum, flow) => sum + flow.journeys, 0);
  const journeys = departures + arrivals - internal;
  const previousJourneys = Math.round(journeys * 0.9);
  return {
    code,
    name: place.name,
    position: place.position,
    departures,
    arrivals,
    internal,
    journeys,
    rpcCents: journeys * CENTS_PER_JOURNEY,
    population: place.population,
    perThousand: place.population ? (journeys * 1000) / place.population : null,
    internalShare: journeys > 0 ? internal / journeys : null,
    previousJourneys,
    evolution: previousJourneys > 0 ? journeys / previousJourneys - 1 : null,
    inTerritory: query.territory === null || place.inTerritory,
    overlayJourneys: overlayOf(journeys, query),
  };
}

/** The answer of `map:flows` for a query: the level's flows at or above the threshold, their places, what was hidden. */
export function fakeMapResult(query: ParsedReq<'map:flows'>, minSetting: number): MapResult {
  const minCount = Math.max(query.minCount ?? minSetting, minSetting);
  const places = PLACES[query.level];
  const all: MapFlow[] = FLOWS[query.level].map(([origin, destination, journeys]) => ({
    origin,
    originName: places[origin]?.name ?? null,
    destination,
    destinationName: places[destination]?.name ?? null,
    internal: origin === destination,
    journeys,
    rpcCents: journeys * CENTS_PER_JOURNEY,
    overlayJourneys: overlayOf(journeys, query),
  }));
  const flows = all.filter((flow) => flow.journeys >= minCount);
  const hidden = all.filter((flow) => flow.journeys < minCount);
  const shownPlaces = Object.entries(places)
    .map(([code, place]) => placeOf(code, place, flows, query))
    .filter((place) => place.journeys >= minCount)
    .sort((a, b) => b.journeys - a.journeys);
  const located = new Set(shownPlaces.filter((place) => place.position !== null).map((place) => place.code));
  const journeysShown = flows.reduce((sum, flow) => sum + flow.journeys, 0);
  const hiddenJourneys = HIDDEN_BASE.journeys + hidden.reduce((sum, flow) => sum + flow.journeys, 0);
  return {
    level: query.level,
    territory: query.territory ? { ...query.territory, name: query.territory.code === '44' ? 'Loire-Atlantique' : null } : null,
    from: query.from,
    to: query.to,
    days: query.days ?? [1, 2, 3, 4, 5, 6, 7],
    bands: query.bands ?? ['night', 'morning', 'day', 'evening', 'late'],
    direction: query.direction,
    minCount,
    flows,
    places: shownPlaces,
    journeysShown,
    journeysTotal: journeysShown + hiddenJourneys,
    hidden: { flows: HIDDEN_BASE.flows + hidden.length, journeys: hiddenJourneys, places: HIDDEN_BASE.places },
    unplaced: flows.filter((flow) => !located.has(flow.origin) || !located.has(flow.destination)).length,
    previous: { from: '2026-05-01', to: '2026-07-31' },
    overlay: query.overlay
      ? { kind: query.overlay.kind, label: query.overlay.kind === 'flagged' ? 'trajets signalés' : 'IDFM — 3 mois' }
      : null,
    monthsMissing: [],
    elapsedMs: 8.5,
  };
}

/** A rectangle [west, south, east, north] as a contour (exterior ring counterclockwise, as RFC 7946 winds it). */
function box(code: string, name: string, level: ShapeLevel, [west, south, east, north]: [number, number, number, number]): ShapeFeature {
  return {
    type: 'Feature',
    id: code,
    properties: { code, name, level },
    geometry: { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
  };
}

const SHAPES: Partial<Record<ShapeLevel, ShapeFeature[]>> = {
  reg: [box('52', 'Pays de la Loire', 'reg', [-2.6, 46.25, 0.95, 48.6])],
  dep: [box('44', 'Loire-Atlantique', 'dep', [-2.56, 46.86, -1.0, 47.83]), box('49', 'Maine-et-Loire', 'dep', [-1.35, 47.0, 0.24, 47.81])],
};

/** The answer of `map:shapes`: the application's own départements and régions; nothing for the other levels. */
export function fakeShapes({ level, codes }: ParsedReq<'map:shapes'>): ShapeCollection {
  const features = (SHAPES[level] ?? []).filter((feature) => !codes || codes.includes(feature.properties.code));
  return { type: 'FeatureCollection', source: 'bundled', attribution: 'IGN — ADMIN EXPRESS COG 2025 (simplifié)', features };
}
