import type { SimulationResult } from '../../../shared/types/simulation';
import type { CampaignResult } from './campaign-run';

/** Distance bands of the results, km: [0,5), [5,10), [10,20), [20,30), [30,50), [50,80), ≥ 80. */
export const DISTANCE_BANDS_KM = [0, 5, 10, 20, 30, 50, 80] as const;
/** Driver totals bands, euros: [0,10), [10,50), [50,100), [100,150), ≥ 150. */
export const DRIVER_BANDS_EUROS = [0, 10, 50, 100, 150] as const;

/** What the summary needs of each simulated journey besides the engine's result. */
export interface SimulatedJourney {
  /** Local day `YYYY-MM-DD` (Europe/Paris). */
  day: string;
  operator: string;
  operatorClass: string;
  distanceM: number;
  driver: string;
}

interface Tally {
  trips: number;
  eligible: number;
  paid: number;
  amountCents: number;
}

const tally = (): Tally => ({ trips: 0, eligible: 0, paid: 0, amountCents: 0 });

function bandIndex(value: number, bounds: readonly number[]): number {
  let index = 0;
  while (index + 1 < bounds.length && value >= (bounds[index + 1] ?? Infinity)) index += 1;
  return index;
}

/**
 * Accumulates a simulation's results journey by journey (pure): totals, per month, operator, distance band and
 * class, the budget consumed day by day with its exhaustion date, the distribution of amounts per driver (and
 * how many drivers a limit cut), and the most frequent reasons of ineligibility.
 */
export class SimulationSummary {
  private readonly total = tally();
  private readonly months = new Map<string, Tally>();
  private readonly operators = new Map<string, Tally>();
  private readonly classes = new Map<string, Tally>();
  private readonly bands = DISTANCE_BANDS_KM.map(() => tally());
  private readonly days = new Map<string, number>();
  private readonly drivers = new Map<string, { cents: number; cut: boolean }>();
  private readonly reasons = new Map<string, { message: string; count: number }>();

  constructor(private readonly budgetCents: number | null) {}

  add(journey: SimulatedJourney, result: CampaignResult): void {
    const month = journey.day.slice(0, 7);
    const targets = [
      this.total,
      this.entry(this.months, month),
      this.entry(this.operators, journey.operator),
      this.entry(this.classes, journey.operatorClass),
      this.bands[bandIndex(journey.distanceM / 1000, DISTANCE_BANDS_KM)] as Tally,
    ];
    for (const target of targets) {
      target.trips += 1;
      if (result.eligible) target.eligible += 1;
      if (result.amountCents > 0) target.paid += 1;
      target.amountCents += result.amountCents;
    }
    if (result.amountCents !== 0) this.days.set(journey.day, (this.days.get(journey.day) ?? 0) + result.amountCents);
    if (result.eligible) {
      const driver = this.drivers.get(journey.driver) ?? { cents: 0, cut: false };
      driver.cents += result.amountCents;
      // A limit (per-driver cap, budget…) paid less than the rules alone would have.
      if (result.amountCents < result.statelessAmountCents) driver.cut = true;
      this.drivers.set(journey.driver, driver);
    } else {
      for (const reason of result.reasons.slice(0, 1)) {
        const entry = this.reasons.get(reason.code) ?? { message: reason.message, count: 0 };
        entry.count += 1;
        this.reasons.set(reason.code, entry);
      }
    }
  }

  private entry(map: Map<string, Tally>, key: string): Tally {
    let found = map.get(key);
    if (!found) {
      found = tally();
      map.set(key, found);
    }
    return found;
  }

  result(): Omit<SimulationResult, 'campaign' | 'from' | 'to' | 'includeFlagged' | 'includeConfirmedFraud' | 'excludedConfirmedFraud' | 'seconds' | 'warnings'> {
    let cumulative = 0;
    let exhaustedOn: string | null = null;
    const budgetByDay = [...this.days].sort((a, b) => a[0].localeCompare(b[0])).map(([day, cents]) => {
      cumulative += cents;
      if (exhaustedOn === null && this.budgetCents !== null && this.budgetCents > 0 && cumulative >= this.budgetCents) exhaustedOn = day;
      return { day, cumulativeCents: cumulative };
    });
    const driverBands = DRIVER_BANDS_EUROS.map((from, index) => ({ fromEuros: from, toEuros: DRIVER_BANDS_EUROS[index + 1] ?? null, drivers: 0 }));
    let cutDrivers = 0;
    for (const driver of this.drivers.values()) {
      const band = driverBands[bandIndex(driver.cents / 100, DRIVER_BANDS_EUROS)];
      if (band) band.drivers += 1;
      if (driver.cut) cutDrivers += 1;
    }
    const rows = (map: Map<string, Tally>) => [...map].map(([key, value]) => ({ key, ...value }));
    return {
      totals: { ...this.total, budgetCents: this.budgetCents, exhaustedOn },
      byMonth: rows(this.months).sort((a, b) => a.key.localeCompare(b.key)),
      byOperator: rows(this.operators).sort((a, b) => b.amountCents - a.amountCents || a.key.localeCompare(b.key)),
      byClass: rows(this.classes).sort((a, b) => a.key.localeCompare(b.key)),
      byDistance: this.bands.map((value, index) => ({ key: `${DISTANCE_BANDS_KM[index]}`, fromKm: DISTANCE_BANDS_KM[index] ?? 0, toKm: DISTANCE_BANDS_KM[index + 1] ?? null, ...value })),
      budgetByDay,
      drivers: { paid: [...this.drivers.values()].filter((driver) => driver.cents > 0).length, cutByLimit: cutDrivers, bands: driverBands },
      reasons: [...this.reasons]
        .map(([code, entry]) => ({ code, message: entry.message, count: entry.count }))
        .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
        .slice(0, 10),
    };
  }
}
