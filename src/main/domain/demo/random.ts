/**
 * Seeded pseudo-random numbers (mulberry32): the same seed gives the same dataset on every machine,
 * which demo data, tests and benchmarks rely on. Not for anything secret.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let draw = this.next() * total;
    for (let i = 0; i < weights.length; i += 1) {
      draw -= weights[i] ?? 0;
      if (draw < 0) return i;
    }
    return weights.length - 1;
  }

  /** `n` lowercase hex digits, e.g. to stand for a sha256 identity key. */
  hex(n: number): string {
    let out = '';
    while (out.length < n) out += Math.floor(this.next() * 0x100000000).toString(16).padStart(8, '0');
    return out.slice(0, n);
  }
}
