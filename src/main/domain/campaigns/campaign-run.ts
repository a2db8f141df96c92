import { CounterValueSchema, type CounterValue } from '../../../shared/campaigns/counter-value';
import { describeIssues, formatJsonPath } from '../../../shared/campaigns/validate-definition';
import { LimitChain, type LimitApplication } from './apply-limits';
import { tripTime, type CampaignTrip } from './campaign-trip';
import type { AmountTerm } from './compile-amount';
import type { CompiledCampaign } from './compile-campaign';
import { CounterStore } from './counter-store';
import { formatEuros } from './french-text';
import type { CampaignReason, TripContext } from './trip-condition';
import { versionAt } from './versions';
import { ZoneCalendar } from './zone-calendar';

/** Deviations from the registry's behaviour, each off by default (docs/campaigns-format.md, "Engine options"). */
export interface RunOptions {
  /**
   * Calendar of day/month/year limit periods: `campaign` (default) = the campaign's time zone (Europe/Paris);
   * `utc` = the registry's production keys, computed on a UTC server clock (campaigns.md §5.5).
   */
  periodCalendar?: 'campaign' | 'utc';
  /** Undo the counting of earlier limits when a later one cuts the amount (the registry keeps it). */
  rollbackCounters?: boolean;
  /** Pay 0 instead of a negative amount (Occitanie can go negative in the registry). */
  clampNegativeAmounts?: boolean;
  /** Build `terms` and `limitsApplied` (default true); false for bulk runs that only need the amounts. */
  explain?: boolean;
}

/** The outcome of one trip, explaining itself. Amounts in integer cents. */
export interface CampaignResult {
  /** The trip passed the window, the territory and the eligibility rules. */
  eligible: boolean;
  /** Paid amount after limits (stateful phase). */
  amountCents: number;
  /** Amount of the formula, rounded once half up (stateless phase); 0 when not eligible. */
  statelessAmountCents: number;
  /** Why the trip is not eligible, or why its amount was cut; empty when paid in full. */
  reasons: CampaignReason[];
  /** How the amount was computed (null when not eligible or with `explain: false`). */
  terms: AmountTerm | null;
  /** Every limit that counted the trip, in order of application (empty with `explain: false`). */
  limitsApplied: LimitApplication[];
  /** `from` of the rule version applied (null: the first version, in force since always). */
  ruleFrom: string | null;
}

export interface CampaignRun {
  /** Evaluates one trip and counts it in the limits; call in chronological order (`sortTripsChronologically`). */
  evaluate(trip: CampaignTrip): CampaignResult;
  /**
   * Counters to persist: every counter of a period longer than a day, or all with `includeDays`, including the
   * keys registered at 0 by eligible trips that consumed nothing (campaigns.md §5.12).
   */
  countersOut(options?: { includeDays?: boolean }): CounterValue[];
}

function notEligible(code: string, message: string): CampaignResult {
  return { eligible: false, amountCents: 0, statelessAmountCents: 0, reasons: [{ code, message }], terms: null, limitsApplied: [], ruleFrom: null };
}

function checkCounters(counters: readonly CounterValue[]): void {
  const problems = counters.flatMap((counter, index) => {
    const parsed = CounterValueSchema.safeParse(counter);
    return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: formatJsonPath([index, ...issue.path]), message: issue.message }));
  });
  if (problems.length > 0) throw new Error(`Compteurs initiaux invalides :\n${describeIssues(problems)}`);
}

/**
 * A run of a compiled campaign over trips given one by one: the stateless phase (window, territory, rules,
 * amount rounded once half up) then the stateful one (limits on counters starting at `countersIn`).
 */
export function createCampaignRun(
  campaign: CompiledCampaign,
  init: { countersIn?: readonly CounterValue[]; options?: RunOptions } = {},
): CampaignRun {
  const options = init.options ?? {};
  const explain = options.explain ?? true;
  const periodCalendar = options.periodCalendar === 'utc' ? new ZoneCalendar('UTC') : campaign.calendar;
  checkCounters(init.countersIn ?? []);
  const store = new CounterStore(init.countersIn ?? []);
  const limits = new LimitChain(campaign.limits, store, options.rollbackCounters ?? false);

  function evaluate(trip: CampaignTrip): CampaignResult {
    const time = tripTime(trip);
    if (Number.isNaN(time)) return notEligible('invalid_datetime', `date du trajet illisible : ${String(trip.datetime)}`);
    if (time < campaign.windowFrom || time > campaign.windowTo) {
      return notEligible('outside_window', `trajet hors de la période de la campagne (${campaign.windowLabel})`);
    }
    if (!campaign.territory.matches(trip.start) && !campaign.territory.matches(trip.end)) {
      return notEligible('outside_territory', `ni le départ ni l’arrivée ne sont dans le territoire (${campaign.territory.description})`);
    }
    const version = versionAt(campaign.rules, time);
    if (!version) return notEligible('no_rules', `aucune règle en vigueur avant le ${campaign.rules[0]?.fromText ?? '?'}`);
    const ctx: TripContext = { trip, time, day: campaign.calendar.dayOf(time) };
    const rules = version.value;
    if (!rules.eligibility.test(ctx)) {
      const reasons = rules.eligibility.whyNot(ctx);
      return { eligible: false, amountCents: 0, statelessAmountCents: 0, reasons, terms: null, limitsApplied: [], ruleFrom: version.fromText };
    }
    const terms: AmountTerm[] | null = explain ? [] : null;
    let raw = rules.amount(ctx, terms);
    if (options.clampNegativeAmounts && raw < 0) raw = 0;
    // One rounding, half up like Math.round in the registry; `+ 0` turns -0 into 0.
    const stateless = Math.round(raw) + 0;
    const periodDay = periodCalendar === campaign.calendar ? ctx.day : periodCalendar.dayOf(time);
    const outcome = limits.apply(trip, periodDay, stateless, explain);
    const reasons = outcome.reasons;
    if (stateless === 0) reasons.push({ code: 'zero_amount', message: 'trajet éligible mais montant nul : aucun compteur n’est consommé' });
    if (stateless < 0) reasons.push({ code: 'negative_amount', message: `montant négatif (${formatEuros(stateless)}), reproduit tel que le registre le calcule` });
    return {
      eligible: true,
      amountCents: outcome.amount,
      statelessAmountCents: stateless,
      reasons,
      terms: terms?.[0] ?? null,
      limitsApplied: outcome.applications,
      ruleFrom: version.fromText,
    };
  }

  return { evaluate, countersOut: (out) => store.values(out?.includeDays ?? false) };
}
