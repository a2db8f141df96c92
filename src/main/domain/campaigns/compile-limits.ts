import type { CounterValue } from '../../../shared/campaigns/counter-value';
import type { Limit, LimitCounter, LimitPeriod, LimitTarget } from '../../../shared/campaigns/definition-types';
import { formatEuros } from './french-text';

/** A limit ready to apply: its counter's name in persisted counters, its order and its French label. */
export interface CompiledLimit {
  readonly counter: LimitCounter;
  readonly target: LimitTarget;
  readonly period: LimitPeriod;
  readonly max: number;
  readonly priority: number;
  readonly label: string;
  readonly counterName: CounterValue['counter'];
  /** The campaign budget (`budget_cents`), added by the engine after the declared limits. */
  readonly isBudget: boolean;
}

const COUNTER_NAMES: Record<LimitCounter, CounterValue['counter']> = {
  amount: 'amount_cents',
  trips: 'trip_count',
  seats: 'seat_count',
};

/**
 * Default order of application (lowest first), from the registry's priorities (campaigns.md §2.3): seat limits
 * 10, trip limits 21 day / 22 month / 23 campaign, amount limits 31 year / 32 month / 33 campaign. Combinations
 * the registry has no helper for sit next to their closest kin.
 */
const DEFAULT_PRIORITIES: Record<LimitCounter, Record<LimitPeriod, number>> = {
  seats: { day: 10, month: 11, year: 12, campaign: 13 },
  trips: { day: 21, month: 22, year: 22.5, campaign: 23 },
  amount: { year: 31, month: 32, day: 32.5, campaign: 33 },
};

const PERIODS: Record<LimitPeriod, string> = { day: 'par jour', month: 'par mois', year: 'par an', campaign: 'sur toute la campagne' };
const TARGETS: Record<LimitTarget, string> = {
  driver: 'et par conducteur',
  passenger: 'et par passager',
  operator_trip: 'et par trajet opérateur (tous passagers du conducteur)',
  campaign: 'pour l’ensemble de la campagne',
};

/** `6 trajets par jour et par conducteur`, `150,00 € par mois et par conducteur`. */
function describeLimit(limit: Limit): string {
  const quantity =
    limit.counter === 'amount'
      ? formatEuros(limit.max)
      : `${limit.max} ${limit.counter === 'trips' ? 'trajet(s)' : 'place(s)'}`;
  return `${quantity} au plus ${PERIODS[limit.period]} ${TARGETS[limit.target]}`;
}

/**
 * The limits in order of application: declared limits then the budget (an amount limit on the whole campaign),
 * sorted by priority; equal priorities keep declaration order (the registry's stable sort).
 */
export function compileLimits(limits: readonly Limit[], budgetCents: number | null): CompiledLimit[] {
  const compiled: CompiledLimit[] = limits.map((limit) => ({
    counter: limit.counter,
    target: limit.target,
    period: limit.period,
    max: limit.max,
    priority: limit.priority ?? DEFAULT_PRIORITIES[limit.counter][limit.period],
    label: limit.label ?? describeLimit(limit),
    counterName: COUNTER_NAMES[limit.counter],
    isBudget: false,
  }));
  if (budgetCents !== null) {
    compiled.push({
      counter: 'amount',
      target: 'campaign',
      period: 'campaign',
      max: budgetCents,
      priority: DEFAULT_PRIORITIES.amount.campaign,
      label: `budget de la campagne : ${formatEuros(budgetCents)}`,
      counterName: 'amount_cents',
      isBudget: true,
    });
  }
  // Array.prototype.sort is stable: equal priorities keep declaration order, and the budget stays last among them.
  return compiled.sort((a, b) => a.priority - b.priority);
}
