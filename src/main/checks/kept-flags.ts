import type { CheckFlag } from '../domain/checks';

/**
 * The flags a scan keeps, gathered part after part (one part, or the calendar months of a scan too large to read at
 * once). Months read each other's edges: a flag linking journeys of two months is found by both and kept by the first
 * (same check, same journeys). Flags are appended one by one: a scan of 10 M journeys keeps close to a million, more
 * than a call's arguments can carry.
 */
export class KeptFlags {
  readonly flags: CheckFlag[] = [];
  private readonly identities = new Set<string>();

  /** `cut`: the scan runs in several parts, so a flag may be found twice. */
  constructor(private readonly cut: boolean) {}

  /** Keeps the flags of one part that `keeps` accepts and no earlier part kept; answers those it kept. */
  add(found: readonly CheckFlag[], keeps: (flag: CheckFlag) => boolean): CheckFlag[] {
    const added: CheckFlag[] = [];
    for (const flag of found) {
      if (!keeps(flag)) continue;
      if (this.cut && flag.journeyKeys.length > 0) {
        const identity = `${flag.checkId} ${[...flag.journeyKeys].sort().join(' ')}`;
        if (this.identities.has(identity)) continue;
        this.identities.add(identity);
      }
      added.push(flag);
      this.flags.push(flag);
    }
    return added;
  }
}
