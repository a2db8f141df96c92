import type { CounterValue } from '../../../shared/campaigns/counter-value';
import type { CampaignTrip } from './campaign-trip';
import type { CompiledLimit } from './compile-limits';
import type { Cell, CounterSlot, CounterStore } from './counter-store';
import { formatEuros } from './french-text';
import type { CampaignReason } from './trip-condition';
import type { CalendarDay } from './zone-calendar';

/** What one limit did to a trip: the counter before/after and the amount before/after (cents). */
export interface LimitApplication {
  label: string;
  counter: CounterValue['counter'];
  target: CompiledLimit['target'];
  period: CompiledLimit['period'];
  period_value?: string;
  /** Identity key (driver/passenger) or `<operator_id>.<operator_trip_id>`; absent for the campaign. */
  subject?: string;
  max: number;
  counterBefore: number;
  counterAfter: number;
  amountBefore: number;
  amountAfter: number;
}

export interface LimitOutcome {
  amount: number;
  applications: LimitApplication[];
  reasons: CampaignReason[];
}

/**
 * Who a limit counts for; null when the trip has no such subject: without an operator trip id the seat limit is
 * skipped and registers nothing (the registry's helper runs only when the id is set).
 */
function subjectOf(limit: CompiledLimit, trip: CampaignTrip): string | null {
  switch (limit.target) {
    case 'driver':
      return trip.driver_identity_key;
    case 'passenger':
      return trip.passenger_identity_key;
    case 'operator_trip':
      return trip.operator_trip_id === null ? null : `${trip.operator_id ?? ''}.${trip.operator_trip_id}`;
    case 'campaign':
      return '';
  }
}

/** How much one limit counts for a trip that goes on being paid: 1 trip, its seats, or its amount. */
function increment(limit: CompiledLimit, trip: CampaignTrip, amount: number): number {
  if (limit.counter === 'trips') return 1;
  if (limit.counter === 'seats') return trip.seats || 1;
  return amount;
}

interface Touched {
  limit: CompiledLimit;
  cell: Cell;
  before: number;
}

/** The limits of a campaign bound to the counters of one run. */
export class LimitChain {
  private readonly slots: CounterSlot[];
  // The current trip's counter of each limit (null: no subject), its period value and subject; reused trip after trip.
  private readonly cells: Array<Cell | null>;
  private readonly periodValues: string[];
  private readonly subjects: string[];

  /**
   * @param limits in order of application (`compileLimits`)
   * @param rollback make every counter reflect only what was finally paid (the registry does not roll back)
   */
  constructor(
    private readonly limits: readonly CompiledLimit[],
    store: CounterStore,
    private readonly rollback: boolean,
  ) {
    this.slots = limits.map((limit) => store.slot(limit.counterName, limit.target, limit.period));
    this.cells = limits.map(() => null);
    this.periodValues = limits.map(() => '');
    this.subjects = limits.map(() => '');
  }

  /**
   * The stateful phase (campaigns.md §2.3) of an eligible trip. First every limit registers the trip's counter
   * at +0, as the registry's stateless phase does for every eligible trip before anything is cut (§5.12): a key
   * no trip consumes still appears, at 0, in `countersOut`. Then the limits run in priority order, each checking
   * its counter before counting the trip. A counter already at its max zeroes the amount; an amount counter that
   * would cross its max pays the remainder and is set to the max. Once the amount is 0 the remaining limits are
   * skipped, so zero-amount trips consume nothing. Counters counted by earlier limits keep their increment when a
   * later limit cuts the amount, unless `rollback`.
   */
  apply(trip: CampaignTrip, day: CalendarDay, statelessAmount: number, explain: boolean): LimitOutcome {
    this.register(trip, day);
    let amount = statelessAmount;
    const applications: LimitApplication[] = [];
    const reasons: CampaignReason[] = [];
    const touched: Touched[] | null = this.rollback ? [] : null;
    for (let i = 0; i < this.limits.length && amount !== 0; i += 1) {
      const cell = this.cells[i];
      if (!cell) continue;
      const limit = this.limits[i] as CompiledLimit;
      const before = cell.value;
      const amountBefore = amount;
      let after = before;
      if (before >= limit.max) {
        amount = 0;
      } else if (limit.counter === 'amount' && before + amount >= limit.max) {
        amount = limit.max - before;
        after = limit.max;
      } else {
        after = before + increment(limit, trip, amount);
      }
      if (after !== before) {
        cell.value = after;
        touched?.push({ limit, cell, before });
      }
      if (amount !== amountBefore) reasons.push(cutReason(limit, amountBefore, amount));
      if (explain) applications.push(describeApplication(limit, this.periodValues[i] as string, this.subjects[i] as string, before, after, amountBefore, amount));
    }
    if (touched && amount !== statelessAmount) recount(touched, trip, amount);
    return { amount, applications, reasons };
  }

  /** Creates (at 0 if new) the counter of every limit that has a subject for the trip; remembers them for `apply`. */
  private register(trip: CampaignTrip, day: CalendarDay): void {
    for (let i = 0; i < this.limits.length; i += 1) {
      const limit = this.limits[i] as CompiledLimit;
      const subject = subjectOf(limit, trip);
      if (subject === null) {
        this.cells[i] = null;
        continue;
      }
      const periodValue = limit.period === 'campaign' ? '' : day[limit.period];
      this.cells[i] = (this.slots[i] as CounterSlot).cell(periodValue, subject);
      this.periodValues[i] = periodValue;
      this.subjects[i] = subject;
    }
  }
}

function cutReason(limit: CompiledLimit, before: number, after: number): CampaignReason {
  const effect = after === 0 ? 'ramène le montant à 0' : `réduit le montant de ${formatEuros(before)} à ${formatEuros(after)}`;
  return { code: limit.isBudget ? 'budget' : `limit:${limit.counter}:${limit.target}:${limit.period}`, message: `${limit.label} : ${effect}` };
}

function describeApplication(
  limit: CompiledLimit,
  periodValue: string,
  subject: string,
  counterBefore: number,
  counterAfter: number,
  amountBefore: number,
  amountAfter: number,
): LimitApplication {
  const application: LimitApplication = {
    label: limit.label,
    counter: limit.counterName,
    target: limit.target,
    period: limit.period,
    max: limit.max,
    counterBefore,
    counterAfter,
    amountBefore,
    amountAfter,
  };
  if (periodValue !== '') application.period_value = periodValue;
  if (subject !== '') application.subject = subject;
  return application;
}

/** Recounts the touched counters as if the trip had been paid `paid` from the start (not counted at all if 0). */
function recount(touched: readonly Touched[], trip: CampaignTrip, paid: number): void {
  for (let i = touched.length - 1; i >= 0; i -= 1) {
    const { cell, before } = touched[i] as Touched;
    cell.value = before;
  }
  if (paid === 0) return;
  for (const { limit, cell } of touched) cell.value += increment(limit, trip, paid);
}
