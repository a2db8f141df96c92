import type { Amount, CampaignDefinition, Predicate, TerritorySelector, TripEnds } from '../../../shared/campaigns/definition-types';
import { formatCents, formatDay, formatInteger, formatPercent } from '../../../shared/util/format';
import { windowText } from './compare-campaigns';
import { daysBetween } from '../time/calendar';

/** Days of a year, for a budget whose campaign has no end (or no start): its budget is taken as a year's. */
const YEAR_DAYS = 365;
/** Budgets are rounded to the hundred euros (cents), and never below that. */
const BUDGET_STEP_CENTS = 10_000;

/** What a catalogue campaign is turned into a draft with. */
export interface DraftInput {
  /** The catalogue definition (left untouched: a copy is changed). */
  definition: CampaignDefinition;
  /** The user's territory as a selector (`{ aom: ['244400404'] }`) and its name. */
  selector: TerritorySelector;
  territoryName: string;
  /** Name of the campaign's own territory (`territoryName` of the definition). */
  campaignTerritoryName: string;
  /** A stable suffix for the draft's id, e.g. `aom-244400404`. */
  idSuffix: string;
  /** The period of the draft, local days, inclusive. */
  from: string;
  to: string;
  /** Inhabitants of the user's territory over the campaign's; null when either is unknown. */
  populationRatio: number | null;
  /** Whether the user's territory lies wholly inside a selector (its communes all match). */
  containsTerritory(selector: TerritorySelector): boolean;
  /** A selector in French (`Pays de la Loire`), for the changes. */
  describe(selector: TerritorySelector): string;
}

/** A draft: the adapted definition (not yet validated) and what was changed, in French. */
export interface Draft {
  definition: CampaignDefinition;
  changes: string[];
}

const ENDS: Readonly<Record<TripEnds, string>> = {
  start: 'départ',
  end: 'arrivée',
  both: 'départ et arrivée',
  either: 'départ ou arrivée',
};

/** Codes sorted per level and levels in order, so that two selectors written differently compare equal. */
function selectorKey(selector: TerritorySelector): string {
  const entries = Object.entries(selector)
    .filter(([, codes]) => codes !== undefined)
    .map(([level, codes]) => [level, Array.isArray(codes) ? [...codes].sort() : codes] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

/** What rewriting the territory conditions of the rules found. */
interface Rewrite {
  /** Conditions on the campaign's own territory, now on `"campaign"` (the user's). */
  own: number;
  /** Conditions on another place that does not hold the user's territory, now on `"campaign"`: their French texts. */
  moved: string[];
  /** Exclusions (under a `not`) of a place that holds the user's territory: left as they are, their French texts. */
  excluding: string[];
}

/**
 * The same predicate with its territory conditions adapted: a condition on the campaign's own territory, or (when
 * it selects trips, not when it excludes them) on a place the user's territory is not in, reads the campaign's
 * territory (`"campaign"`, now the user's). `positive` is false under an odd number of `not`.
 */
function adaptPredicate(predicate: Predicate, positive: boolean, input: DraftInput, ownKey: string, found: Rewrite): Predicate {
  switch (predicate.type) {
    case 'all':
    case 'any':
      return { ...predicate, of: predicate.of.map((child) => adaptPredicate(child, positive, input, ownKey, found)) };
    case 'not':
      return { ...predicate, of: adaptPredicate(predicate.of, !positive, input, ownKey, found) };
    case 'by_date':
      return { ...predicate, versions: predicate.versions.map((version) => ({ ...version, predicate: adaptPredicate(version.predicate, positive, input, ownKey, found) })) };
    case 'territory': {
      if (predicate.in === 'campaign') return predicate;
      const text = `${ENDS[predicate.at]} : ${input.describe(predicate.in)}`;
      if (selectorKey(predicate.in) === ownKey) {
        found.own += 1;
        return { ...predicate, in: 'campaign' };
      }
      const contains = input.containsTerritory(predicate.in);
      if (positive && !contains) {
        found.moved.push(text);
        return { ...predicate, in: 'campaign' };
      }
      if (!positive && contains) found.excluding.push(text);
      return predicate;
    }
    default:
      return predicate;
  }
}

/** The same amount formula with the territory conditions of its cases and boosters adapted. */
function adaptAmount(amount: Amount, input: DraftInput, ownKey: string, found: Rewrite): Amount {
  const adapt = (inner: Amount): Amount => adaptAmount(inner, input, ownKey, found);
  switch (amount.type) {
    case 'sum':
    case 'min':
    case 'max':
      return { ...amount, of: amount.of.map(adapt) };
    case 'scale':
    case 'per_seat':
    case 'free_ride':
      return { ...amount, of: adapt(amount.of) };
    case 'slices':
      return { ...amount, slices: amount.slices.map((slice) => ({ ...slice, amount: adapt(slice.amount) })) };
    case 'choose':
      return {
        ...amount,
        cases: amount.cases.map((entry) => ({ when: adaptPredicate(entry.when, true, input, ownKey, found), amount: adapt(entry.amount) })),
        otherwise: adapt(amount.otherwise),
      };
    case 'boost':
      return { ...amount, of: adapt(amount.of), boosters: amount.boosters.map((booster) => ({ ...booster, when: adaptPredicate(booster.when, true, input, ownKey, found) })) };
    default:
      return amount;
  }
}

/** Length in days of a campaign's window, or null when it is open at either end. */
function windowDays(window: CampaignDefinition['window']): number | null {
  return window.from && window.to ? daysBetween(window.from.slice(0, 10), window.to.slice(0, 10)) : null;
}

/**
 * Turns a catalogue campaign into a draft for a territory and a period: territory selector replaced by the user's,
 * window set to the period, budget scaled to the population and the duration, territory conditions of the rules
 * adapted (see `adaptPredicate`); rules, caps, operators and lists otherwise kept. `changes` says each change in
 * French, and warns of an exclusion that covers the user's territory.
 */
export function draftCampaign(input: DraftInput): Draft {
  const original = input.definition;
  const found: Rewrite = { own: 0, moved: [], excluding: [] };
  const ownKey = selectorKey(original.territory);
  const rules = original.rules.map((rule) => ({
    ...rule,
    eligibility: adaptPredicate(rule.eligibility, true, input, ownKey, found),
    amount: adaptAmount(rule.amount, input, ownKey, found),
  }));
  const period = `du ${formatDay(input.from)} au ${formatDay(input.to)}`;
  const sameTerritory = selectorKey(input.selector) === ownKey;
  const changes = [
    sameTerritory
      ? `Territoire : ${input.territoryName}, celui de la campagne (inchangé).`
      : `Territoire : ${input.territoryName} au lieu de ${input.campaignTerritoryName || 'tout le territoire (modèle)'}.`,
    `Période : ${period} (campagne d’origine : ${windowText(original.window)}).`,
  ];

  let budget = original.budget_cents;
  if (original.budget_cents !== null) {
    const days = daysBetween(input.from, input.to);
    const campaignDays = windowDays(original.window);
    const durationRatio = days / (campaignDays ?? YEAR_DAYS);
    const scaled = original.budget_cents * durationRatio * (input.populationRatio ?? 1);
    budget = Math.max(BUDGET_STEP_CENTS, Math.round(scaled / BUDGET_STEP_CENTS) * BUDGET_STEP_CENTS);
    const duration = `la durée (${formatInteger(days)} jours sur ${campaignDays === null ? `${YEAR_DAYS} par an` : formatInteger(campaignDays)})`;
    const population = input.populationRatio === null ? 'population inconnue : non ajusté à la taille' : `la population (${formatPercent(input.populationRatio)} de la sienne)`;
    changes.push(`Budget : ${formatCents(budget)} au lieu de ${formatCents(original.budget_cents)}, à proportion de ${duration} et de ${population}.`);
  }
  if (found.own > 0) {
    changes.push(found.own > 1
      ? `${found.own} conditions des règles portaient sur le territoire de la campagne : elles portent désormais sur le vôtre.`
      : 'Une condition des règles portait sur le territoire de la campagne : elle porte désormais sur le vôtre.');
  }
  for (const text of found.moved) changes.push(`La condition « ${text} » porte désormais sur votre territoire, qui n’y est pas.`);
  for (const text of found.excluding) changes.push(`Attention : les règles excluent les trajets « ${text} », ce qui couvre votre territoire ; ajustez-les avant de simuler.`);
  const id = `${original.id}-${input.idSuffix}`.replace(/[^A-Za-z0-9_-]/g, '_');
  changes.push(`Montants, plafonds, opérateurs et classes de preuve inchangés ; enregistrée sous l’identifiant ${id}.`);

  const definition: CampaignDefinition = {
    ...structuredClone(original),
    id,
    name: `${original.name} — adaptée à ${input.territoryName}`,
    description: `Brouillon adapté de « ${original.name} » (${original.id}) pour ${input.territoryName}, ${period}. ${original.description}`,
    territory: input.selector,
    window: { from: input.from, to: input.to },
    budget_cents: budget,
    rules: structuredClone(rules),
  };
  return { definition, changes };
}
