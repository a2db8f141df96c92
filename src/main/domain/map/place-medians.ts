/**
 * Median latitude and longitude of the journeys' ends per commune over one month (pure, no I/O): where the map
 * draws a commune. The median, not the mean, so that a few ends coded in the wrong commune (or at 0, 0) do not drag
 * a commune out of place. Fed during the statistics' single pass over the month, instead of two sorts of every
 * end in SQL.
 */
export class PlaceMedians {
  private readonly ends = new Map<string, { lats: number[]; lons: number[] }>();

  /** One end of a journey; ends without a commune or a complete position are not counted. */
  add(insee: string | null, lat: number | null, lon: number | null): void {
    if (insee === null || lat === null || lon === null) return;
    let place = this.ends.get(insee);
    if (!place) {
      place = { lats: [], lons: [] };
      this.ends.set(insee, place);
    }
    place.lats.push(lat);
    place.lons.push(lon);
  }

  /**
   * `[insee, lat, lon, ends]` per commune: for an even number of ends, the lower of the two middle values (rank
   * ⌊(n + 1) / 2⌋ in ascending order), so that the position is always one of the ends' own values.
   */
  rows(): Array<[string, number, number, number]> {
    return [...this.ends].map(([insee, { lats, lons }]) => [insee, lowerMedian(lats), lowerMedian(lons), lats.length]);
  }
}

function lowerMedian(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor((sorted.length + 1) / 2) - 1] ?? Number.NaN;
}
