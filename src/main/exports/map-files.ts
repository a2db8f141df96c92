import { writeFile } from 'node:fs/promises';
import type { LonLat, MapResult } from '../../shared/types/map';
import { csvCell } from '../../shared/util/cell-safety';
import { PRIVATE_FILE_MODE } from '../platform/private-files';
import { writeThroughPartial } from './partial-file';

/** Source line printed with every map export. */
export const MAP_SOURCE = 'Registre de preuve de covoiturage (extraits importés dans Atelier Covoiturage)';

const geometryOf = (from: LonLat | null, to: LonLat | null, internal: boolean): object | null => {
  if (!from || !to) return null;
  return internal ? { type: 'Point', coordinates: from } : { type: 'LineString', coordinates: [from, to] };
};

/**
 * The flows of a map as GeoJSON (RFC 7946): one Feature per flow shown, a LineString from the origin's position to
 * the destination's (a Point for an internal flow, null geometry when a position is unknown), with `origin`,
 * `destination`, their names, `journeys`, `rpc_cents`; the query and what the threshold hid as a foreign member.
 */
export function mapGeoJson(result: MapResult): string {
  // A place totals at least the journeys of each of its flows: every end of a flow shown is a place shown.
  const positions = new Map(result.places.map((place) => [place.code, place.position]));
  const position = (code: string): LonLat | null => positions.get(code) ?? null;
  return JSON.stringify({
    type: 'FeatureCollection',
    metadata: {
      source: MAP_SOURCE, level: result.level, territory: result.territory, from: result.from, to: result.to, days: result.days, bands: result.bands,
      direction: result.direction, min_count: result.minCount, journeys_shown: result.journeysShown, journeys_hidden_below_threshold: result.hidden.journeys,
      flows_hidden_below_threshold: result.hidden.flows,
    },
    features: result.flows.map((flow) => ({
      type: 'Feature',
      geometry: geometryOf(position(flow.origin), position(flow.destination), flow.internal),
      properties: {
        origin: flow.origin, destination: flow.destination, origin_name: flow.originName, destination_name: flow.destinationName,
        internal: flow.internal, journeys: flow.journeys, rpc_cents: flow.rpcCents,
        ...(flow.overlayJourneys === null ? {} : { overlay_journeys: flow.overlayJourneys }),
      },
    })),
  });
}

/** The flows of a map as French CSV (`;`, UTF-8 with BOM, cells neutralised), one line per flow shown. */
export function mapCsv(result: MapResult): string {
  const overlay = result.overlay !== null;
  const header = ['origine', 'nom_origine', 'destination', 'nom_destination', 'interne', 'trajets', 'incitations_rpc_centimes', ...(overlay ? ['trajets_couche'] : [])];
  const lines = result.flows.map((flow) =>
    [
      csvCell(flow.origin), csvCell(flow.originName), csvCell(flow.destination), csvCell(flow.destinationName), flow.internal ? 'oui' : 'non',
      flow.journeys, flow.rpcCents, ...(overlay ? [flow.overlayJourneys ?? 0] : []),
    ].join(';'),
  );
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}

/** Writes `mapGeoJson` to `path` (0600, complete or absent). */
export function writeMapGeoJson(path: string, result: MapResult): Promise<void> {
  return writeThroughPartial(path, (partial) => writeFile(partial, mapGeoJson(result), { mode: PRIVATE_FILE_MODE }));
}

/** Writes `mapCsv` to `path` (0600, complete or absent). */
export function writeMapCsv(path: string, result: MapResult): Promise<void> {
  return writeThroughPartial(path, (partial) => writeFile(partial, mapCsv(result), { mode: PRIVATE_FILE_MODE }));
}
