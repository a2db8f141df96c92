const EARTH_RADIUS_M = 6_371_000;
const METRES_PER_DEGREE = 111_195;

/** 10^0 … 10^5, exact (a table rather than `10 ** d` in functions called millions of times). */
const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000];

/** Great-circle distance in metres between two WGS84 points (degrees). */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Number of decimals a published coordinate was truncated to, read from its value and clamped to 2..5: extracts
 * truncate to 2 or 3 decimals, and a trailing zero dropped by the number (47.2 for 47.200) reads as the coarser,
 * safer precision.
 */
export function coordinateDecimals(value: number): number {
  for (let d = 0; d < 5; d += 1) {
    const scaled = value * (POWERS_OF_TEN[d] as number);
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return Math.max(2, d);
  }
  return 5;
}


/** Diagonal in metres of the truncation cell of a point (the area the true point may lie in). */
export function cellDiagonalMetres(lat: number, lon: number): number {
  const cellLat = 10 ** -coordinateDecimals(lat);
  const cellLon = 10 ** -coordinateDecimals(lon);
  const dy = cellLat * METRES_PER_DEGREE;
  const dx = cellLon * METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/**
 * Whether two points fall in the same truncation cell (± `toleranceCells`). Compared at the finest precision read
 * from the four values: in 3-decimal data a value like 47.2 is 47.200, not a coarser cell.
 */
export function sameCell(lat1: number, lon1: number, lat2: number, lon2: number, toleranceCells = 0): boolean {
  // Cells are at most 0.01° wide (2 decimals): farther points cannot share one, whatever the precision.
  const widest = (toleranceCells + 1) * 0.01;
  if (Math.abs(lat1 - lat2) > widest || Math.abs(lon1 - lon2) > widest) return false;
  const d = Math.max(coordinateDecimals(lat1), coordinateDecimals(lon1), coordinateDecimals(lat2), coordinateDecimals(lon2));
  const scale = POWERS_OF_TEN[d] as number;
  return Math.abs(cellOf(lat1, scale) - cellOf(lat2, scale)) <= toleranceCells && Math.abs(cellOf(lon1, scale) - cellOf(lon2, scale)) <= toleranceCells;
}

/** Truncation cell of a coordinate at `scale` = 10^decimals (the epsilon absorbs 47.218 × 1000 = 47217.99…). */
const cellOf = (value: number, scale: number): number => Math.floor(value * scale + 1e-6);
