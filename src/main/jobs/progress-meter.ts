/**
 * Throughput and ETA of a job from its progress samples, and the throttle of its progress events.
 * Rows per second are measured over a sliding window so the ETA follows changes of pace (cache warm-up,
 * index growth) instead of averaging them since the start.
 */
export class ProgressMeter {
  private readonly samples: Array<{ at: number; current: number }> = [];
  private lastEmit = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly windowMs = 5_000,
    private readonly minEmitIntervalMs = 100,
  ) {}

  /** Records that `current` units are done at `now` (ms). */
  record(now: number, current: number): void {
    this.samples.push({ at: now, current });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - this.windowMs) this.samples.shift();
  }

  /** Units per second over the window; 0 until two samples exist. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.current - first.current) * 1000) / (last.at - first.at);
  }

  /** Seconds left at the current rate, or null when the total is unknown (0) or nothing moved yet. */
  etaSeconds(current: number, total: number): number | null {
    const rate = this.rate();
    if (total <= 0 || rate <= 0) return null;
    return Math.max(0, (total - current) / rate);
  }

  /** True at most once per interval; `force` for the final event of a job. */
  shouldEmit(now: number, force = false): boolean {
    if (!force && now - this.lastEmit < this.minEmitIntervalMs) return false;
    this.lastEmit = now;
    return true;
  }
}
