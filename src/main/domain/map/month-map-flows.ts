/**
 * The map's flows of one month (pure, no I/O): journeys and registry incentives per ISO weekday, hour band and both
 * ends' codes at the map's levels (commune, EPCI, AOM, département, région; not the country). Fed during the
 * statistics' single pass over the month, by route: routes that differ only by their countries share a cell.
 */

/** Days of a week: a map route's cells are numbered `map route × 7 × bands + (weekday − 1) × bands + band`. */
const WEEKDAYS = 7;

export class MonthMapFlows {
  /** Map route (the ten codes) by its key, and each statistics route's map route. */
  private readonly mapRoutes = new Map<string, number>();
  private readonly mapRouteEnds: Array<ReadonlyArray<string | null>> = [];
  private readonly routeOf: number[] = [];
  /** Journeys and cents per cell. */
  private readonly cells = new Map<number, [number, number]>();
  private readonly cellsPerRoute: number;

  /** `bands`: how many hour bands the map has. */
  constructor(private readonly bands: number) {
    this.cellsPerRoute = WEEKDAYS * bands;
  }

  /**
   * One journey: `route` is the statistics route's number and `key` its key, from which `ends` reads its codes
   * (start and end of each level in turn, the country last) the first time the route is seen; `weekday` ISO (1–7),
   * `band` the hour band's index.
   */
  add(route: number, key: string, ends: (key: string) => ReadonlyArray<string | null>, weekday: number, band: number, rpcCents: number): void {
    let mapRoute = this.routeOf[route];
    if (mapRoute === undefined) {
      const codes = ends(key).slice(0, -2);
      const mapKey = codes.join('\u001f');
      mapRoute = this.mapRoutes.get(mapKey);
      if (mapRoute === undefined) {
        mapRoute = this.mapRouteEnds.length;
        this.mapRoutes.set(mapKey, mapRoute);
        this.mapRouteEnds.push(codes);
      }
      this.routeOf[route] = mapRoute;
    }
    const cell = mapRoute * this.cellsPerRoute + (weekday - 1) * this.bands + band;
    const sums = this.cells.get(cell);
    if (sums) {
      sums[0] += 1;
      sums[1] += rpcCents;
    } else this.cells.set(cell, [1, rpcCents]);
  }

  /** `[weekday, band, ...ten codes, journeys, rpc_cents]` per cell holding journeys. */
  rows(): Array<Array<string | number | null>> {
    return [...this.cells].map(([cell, [journeys, cents]]) => {
      const mapRoute = Math.floor(cell / this.cellsPerRoute);
      const slot = cell - mapRoute * this.cellsPerRoute;
      return [Math.floor(slot / this.bands) + 1, slot % this.bands, ...(this.mapRouteEnds[mapRoute] ?? []), journeys, cents];
    });
  }
}
