import { entryIndex } from './check-context';

/**
 * End (exclusive) of the run of entries starting at `from` whose journeys share `key` (local day or month): a
 * person's entries are sorted by start, so each day and month is one contiguous run. No array is built.
 */
export function runEnd(entries: Int32Array, from: number, to: number, key: Int32Array): number {
  const value = key[entryIndex(entries[from] as number)];
  let end = from + 1;
  while (end < to && key[entryIndex(entries[end] as number)] === value) end += 1;
  return end;
}

/** Journey indexes of `entries[from .. to)`, in order (journey keys of a flag). */
export function indexesOf(entries: Int32Array, from: number, to: number): number[] {
  const out = new Array<number>(to - from);
  for (let k = from; k < to; k += 1) out[k - from] = entryIndex(entries[k] as number);
  return out;
}
