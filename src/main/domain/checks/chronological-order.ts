/**
 * Journey indexes sorted by start, ties by index. A comparator sort calls back into JavaScript n·log n times; here
 * each journey becomes one number `(start − earliest) × n + index`, sorted natively (no callback), then decoded.
 * That packing is exact while it stays below 2^53 (a year of whole-second starts for up to ~280 million journeys);
 * otherwise, or with fractional seconds, it falls back to the comparator.
 */
export function chronologicalOrder(startS: Float64Array): Uint32Array {
  const n = startS.length;
  const order = new Uint32Array(n);
  let earliest = Infinity;
  let latest = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i += 1) {
    const s = startS[i] as number;
    if (s < earliest) earliest = s;
    if (s > latest) latest = s;
    if (!Number.isInteger(s)) whole = false;
  }
  if (n === 0) return order;
  if (!whole || (latest - earliest + 1) * n >= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i += 1) order[i] = i;
    return order.sort((a, b) => (startS[a] as number) - (startS[b] as number) || a - b);
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i += 1) packed[i] = ((startS[i] as number) - earliest) * n + i;
  packed.sort();
  for (let k = 0; k < n; k += 1) {
    const value = packed[k] as number;
    // The division may round up by one near a multiple of n: the remainder is corrected back into 0..n−1.
    let index = value - Math.floor(value / n) * n;
    if (index < 0) index += n;
    else if (index >= n) index -= n;
    order[k] = index;
  }
  return order;
}
