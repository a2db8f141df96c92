/**
 * Open-addressing slots (linear probing) on typed arrays: each holds a journey index and its hash (compared before
 * reading the journey). −1 marks an empty slot; sized once to a power of two at least twice the journeys it may
 * hold, so that it stays at most half full and never grows.
 */
export class HashSlots {
  private readonly journeys: Int32Array;
  private readonly hashes: Int32Array;

  /**
   * `expected`: how many journeys may be stored (sizes the slots so that they never grow); `same(first, i)`: whether
   * stored journey `first` and journey `i` have the same key.
   */
  constructor(expected: number, private readonly same: (first: number, i: number) => boolean) {
    let size = 1 << 10;
    while (size < expected * 2) size *= 2;
    this.journeys = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
  }

  /** The stored journey with the same key as journey i (and the same hash), else stores and returns `i`. */
  find(hash: number, i: number): number {
    const mask = this.journeys.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const first = this.journeys[at] as number;
      if (first < 0) {
        this.journeys[at] = i;
        this.hashes[at] = hash;
        return i;
      }
      if (this.hashes[at] === hash && this.same(first, i)) return first;
    }
  }
}

/** FNV-1a hash of a string, seeded (e.g. with the operator number). */
export function stringHash(text: string, seed: number): number {
  let h = Math.imul(0x811c9dc5 ^ seed, 0x01000193);
  for (let k = 0; k < text.length; k += 1) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h ^ (h >>> 16);
}
