import { parseDay } from '../../../shared/campaigns/calendar-strings';
import type { CampaignDefinition, TerritorySelector } from '../../../shared/campaigns/definition-types';
import { compileAmount, type AmountFormula } from './compile-amount';
import { compileLimits, type CompiledLimit } from './compile-limits';
import { compilePredicate } from './compile-predicate';
import { IssueCollector } from './definition-error';
import { resolveLists } from './named-lists';
import { compileSelector, type PlaceMatcher } from './place-matcher';
import { compileShape, type Shape } from './point-in-shape';
import type { TripCondition } from './trip-condition';
import { compileVersions, type Versioned } from './versions';
import { ZoneCalendar } from './zone-calendar';

/** Run-time choices that replace parts of a definition (templates get their territory and window this way). */
export interface CompileOverrides {
  /** Replacement values for named lists of the definition (e.g. `booster_dates`), by list name. */
  lists?: Record<string, readonly string[]>;
  /** Window start: a `YYYY-MM-DD` day (its 00:00 locally), an ISO instant or a Date. */
  windowFrom?: string | Date;
  /** Window end, inclusive: a day (the whole day), an ISO instant or a Date. */
  windowTo?: string | Date;
  /** Replacement territory selector (also what `"in": "campaign"` conditions read). */
  selector?: TerritorySelector;
  /** Replacement budget in cents; null removes it. A template is never capped by it, only reports it (§5.14). */
  budgetCents?: number | null;
}

/** One rule version, compiled. */
export interface CompiledRules {
  readonly eligibility: TripCondition;
  readonly amount: AmountFormula;
  readonly note: string | undefined;
}

/** A campaign ready to evaluate trips: sets, slices and dates precomputed once. */
export interface CompiledCampaign {
  readonly definition: CampaignDefinition;
  readonly calendar: ZoneCalendar;
  /** Inclusive window in UTC ms (±Infinity when open). */
  readonly windowFrom: number;
  readonly windowTo: number;
  /** The window as given, in French (`du 2021-05-20 au 2025-12-31`). */
  readonly windowLabel: string;
  readonly territory: PlaceMatcher;
  readonly rules: ReadonlyArray<Versioned<CompiledRules>>;
  /** Declared limits and the budget, in order of application; none for a template (campaigns.md §5.14). */
  readonly limits: readonly CompiledLimit[];
  /** The budget given (definition or override): the last limit of a campaign, only reported for a template. */
  readonly budgetCents: number | null;
}

/** A window bound given at run time, validated here since it does not go through the schema. */
function boundOf(value: string | Date, calendar: ZoneCalendar, endOfDay: boolean, path: string, issues: IssueCollector): number {
  if (value instanceof Date) return value.getTime();
  try {
    // A whole day `to` ends at the last millisecond before the next day starts (the window is inclusive).
    return parseDay(value) && endOfDay ? calendar.instantOf(value, true) - 1 : calendar.instantOf(value);
  } catch {
    issues.add(path, `date AAAA-MM-JJ ou instant ISO 8601 avec fuseau attendu : « ${value} »`);
    return NaN;
  }
}

/**
 * Compiles a validated definition (see `loadCampaignDefinition`) with optional run-time overrides. Throws a
 * `CampaignDefinitionError` listing every problem with its JSON path (unknown operator, versions out of order,
 * unknown list override...).
 */
export function compileCampaign(definition: CampaignDefinition, overrides: CompileOverrides = {}): CompiledCampaign {
  const issues = new IssueCollector();
  const calendar = new ZoneCalendar(definition.timezone);
  const lists = resolveLists(definition.lists, overrides.lists, issues);
  const shapes = new Map<string, Shape>(Object.entries(definition.shapes).map(([name, shape]) => [name, compileShape(shape.geometry)]));
  const territory = compileSelector(overrides.selector ?? definition.territory, lists);
  const scope = { calendar, lists, shapes, campaignTerritory: territory, issues };

  const from = overrides.windowFrom ?? definition.window.from;
  const to = overrides.windowTo ?? definition.window.to;
  const windowFrom = from === null ? -Infinity : boundOf(from, calendar, false, 'window.from', issues);
  const windowTo = to === null ? Infinity : boundOf(to, calendar, true, 'window.to', issues);
  const text = (bound: string | Date | null, open: string) => (bound === null ? open : bound instanceof Date ? bound.toISOString() : bound);
  const windowLabel = `du ${text(from, 'début')} au ${text(to, 'sans fin')}`;
  if (windowFrom > windowTo) issues.add('window.to', 'la fin de la période précède son début');

  const rules = compileVersions(definition.rules, calendar, issues, 'rules', (rule, index) => ({
    eligibility: compilePredicate(rule.eligibility, scope, `rules[${index}].eligibility`),
    amount: compileAmount(rule.amount, scope, `rules[${index}].amount`),
    note: rule.note,
  }));
  const budgetCents = overrides.budgetCents === undefined ? definition.budget_cents : overrides.budgetCents;
  if (budgetCents !== null && !(Number.isInteger(budgetCents) && budgetCents >= 0)) issues.add('budget_cents', 'budget en centimes entier positif attendu');
  issues.throwIfAny();
  // The registry's templates run without any limit, not even the budget (campaigns.md §5.14): a budget given to a
  // template's simulation only dates when it would have run out (SimulationSummary), it never cuts an amount.
  const limits = definition.status === 'template' ? [] : compileLimits(definition.limits, budgetCents);
  return { definition, calendar, windowFrom, windowTo, windowLabel, territory, rules, limits, budgetCents };
}
