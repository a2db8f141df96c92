/** A car route between two points, as an offline router (OSRM) computes it. */
export interface Route {
  /** Length of the route, metres. */
  distanceM: number;
  /** Driving time of the route, seconds. */
  durationS: number;
}

/**
 * An offline car router (e.g. OSRM on local data), given to `runChecks` through `RunChecksOptions.routeProvider`
 * for T07. Synchronous: the router answers from local data. Coordinates are WGS84 degrees, as published (truncated);
 * returns null when it finds no route (off the map, unreachable point).
 */
export interface RouteProvider {
  route(startLat: number, startLon: number, endLat: number, endLon: number): Route | null;
}
