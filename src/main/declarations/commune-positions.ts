import type { ResolvedLocation } from '../domain/geo/geo-resolver';
import { COMMUNE_RADIUS_M, DEPARTEMENT_RADIUS_M, type PlacePosition } from '../domain/declarations/declaration-rules';
import { communePoints, departementPoints } from '../db/declaration-source';
import type { SqlExecutor } from '../db/sql-executor';
import { bundledPositions } from '../geo/bundled-background';

/**
 * The point standing for each commune of some declarations (docs/declarations.md, « Distance »), by INSEE code as
 * given: the commune's own point when the store has one (an imported commune contour, else the median of its
 * journeys' ends kept with the map aggregates; an arrondissement falls back to its commune's), else its département's
 * (an imported contour, else the one the application ships). Codes of places without any are left out.
 */
export async function communePositions(db: SqlExecutor, locations: readonly ResolvedLocation[]): Promise<Map<string, PlacePosition>> {
  const wanted = [...new Set(locations.flatMap((location) => [location.insee, ...(location.com ? [location.com] : [])]))];
  const own = new Map<string, PlacePosition>();
  // Contours first: a commune's contour centre is steadier than the median of whatever journeys the store holds.
  for (const row of [...(await communePoints(db, wanted))].sort((a, b) => (a.source === b.source ? 0 : a.source === 'contour' ? -1 : 1))) {
    if (!own.has(row.code)) own.set(row.code, { lat: row.lat, lon: row.lon, precision: 'commune', radiusM: COMMUNE_RADIUS_M });
  }
  const departements = new Map<string, { lat: number; lon: number }>();
  for (const [code, [lon, lat]] of bundledPositions('dep')) departements.set(code, { lat, lon });
  for (const row of await departementPoints(db)) departements.set(row.code, { lat: row.lat, lon: row.lon });
  const positions = new Map<string, PlacePosition>();
  for (const location of locations) {
    const point = own.get(location.insee) ?? (location.com ? own.get(location.com) : undefined);
    const departement = location.dep ? departements.get(location.dep) : undefined;
    if (point) positions.set(location.insee, point);
    else if (departement) positions.set(location.insee, { ...departement, precision: 'departement', radiusM: DEPARTEMENT_RADIUS_M });
  }
  return positions;
}
