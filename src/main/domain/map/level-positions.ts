import type { LonLat } from '../../../shared/types/map';

/** A commune's position from its journeys' ends, with how many ends placed it (its weight). */
export interface WeightedPosition {
  lon: number;
  lat: number;
  ends: number;
}

/** Weighted median of values (the smallest value at which the running weight reaches half the total). */
function weightedMedian(values: Array<{ value: number; weight: number }>): number {
  values.sort((a, b) => a.value - b.value);
  const total = values.reduce((sum, item) => sum + item.weight, 0);
  let running = 0;
  for (const item of values) {
    running += item.weight;
    if (running * 2 >= total) return item.value;
  }
  return values.at(-1)?.value ?? Number.NaN;
}

/**
 * Position of each place of a coarser level (EPCI, AOM, département) from its communes' positions: the weighted
 * median (weights = journey ends) of their longitudes and latitudes, i.e. where its carpooling happens, which is
 * what a flow line should join. `levelOf` gives a commune's code at that level (null: outside any).
 */
export function levelPositions(communes: ReadonlyMap<string, WeightedPosition>, levelOf: (insee: string) => string | null): Map<string, LonLat> {
  const members = new Map<string, WeightedPosition[]>();
  for (const [insee, position] of communes) {
    const code = levelOf(insee);
    if (code === null) continue;
    const list = members.get(code);
    if (list) list.push(position);
    else members.set(code, [position]);
  }
  const positions = new Map<string, LonLat>();
  for (const [code, list] of members) {
    positions.set(code, [
      weightedMedian(list.map((p) => ({ value: p.lon, weight: p.ends }))),
      weightedMedian(list.map((p) => ({ value: p.lat, weight: p.ends }))),
    ]);
  }
  return positions;
}
