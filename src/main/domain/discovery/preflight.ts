import type { SimulationWarning } from '../../../shared/types/simulation';
import type { SimulationPreflight } from '../../../shared/types/territory';
import { formatDay, formatInteger } from '../../../shared/util/format';
import { addDays, daysBetween } from '../time/calendar';

/** How a campaign's window lies over the simulated period. */
export type WindowOverlap = 'full' | 'partial' | 'none';

/** What the store says about a simulation before it runs (counted as the simulation reads its journeys). */
export interface PreflightFacts {
  /** The period asked, local days, inclusive. */
  from: string;
  to: string;
  includeFlagged: boolean;
  /** Journeys of the period the simulation would read. */
  journeysInPeriod: number;
  /** Among them, those starting or ending in the campaign's territory. */
  journeysInTerritory: number;
  /** First and last local days of the store's journeys; null when it holds none. */
  store: { first: string; last: string } | null;
  /** The campaign's territory in French (empty: every territory, a template). */
  territoryName: string;
  /** The campaign's window in French (`du 01/01/2024 au 31/12/2025`) and how it lies over the period. */
  window: { text: string; overlap: WindowOverlap };
  /** Last local day, within the campaign's window, with a journey of its territory the simulation would read; null if none. */
  lastTerritoryDay: string | null;
}

/**
 * What a simulation would run on and why it may pay nothing, in French with stable codes:
 * - `no_journeys_in_period`: the store holds no journey of the period (what it covers is said);
 * - `territory_outside`: none of the period's journeys starts or ends in the campaign's territory;
 * - `window_outside`: the campaign's window does not overlap the period (it would pay nothing);
 * - `window_partial`: it overlaps only part of it (journeys outside are not paid).
 * When the territory has no journey in the period, or the window misses it, a period of the same length ending on
 * the territory's last day with journeys (inside the window) is suggested.
 */
export function composePreflight(facts: PreflightFacts): SimulationPreflight {
  const warnings: SimulationWarning[] = [];
  const period = `du ${formatDay(facts.from)} au ${formatDay(facts.to)}`;
  const kept = facts.includeFlagged ? '' : ' validé';
  const keptPlural = facts.includeFlagged ? '' : ' validés';
  if (facts.journeysInPeriod === 0) {
    const covers = facts.store ? `elle couvre du ${formatDay(facts.store.first)} au ${formatDay(facts.store.last)}` : 'elle est vide';
    warnings.push({ code: 'no_journeys_in_period', message: `La base ne contient aucun trajet${kept} ${period} : ${covers}.` });
  } else if (facts.journeysInTerritory === 0) {
    warnings.push({
      code: 'territory_outside',
      message: `Aucun des ${formatInteger(facts.journeysInPeriod)} trajets${keptPlural} ${period} ne part ni n’arrive sur le territoire de la campagne (${facts.territoryName || 'tout le territoire'}) : la simulation ne paierait rien.`,
    });
  }
  if (facts.window.overlap === 'none') {
    warnings.push({
      code: 'window_outside',
      message: `La campagne ne s’applique que ${facts.window.text} : la période simulée (${period}) n’en recoupe aucun jour, elle ne paierait rien. Adaptez-la à votre période (brouillon) ou simulez une période de sa fenêtre.`,
    });
  } else if (facts.window.overlap === 'partial') {
    warnings.push({ code: 'window_partial', message: `La campagne ne s’applique que ${facts.window.text} : les trajets de la période hors de ces dates ne seront pas payés.` });
  }
  let suggestedPeriod: SimulationPreflight['suggestedPeriod'] = null;
  if ((facts.journeysInTerritory === 0 || facts.window.overlap === 'none') && facts.lastTerritoryDay !== null) {
    const from = addDays(facts.lastTerritoryDay, -(daysBetween(facts.from, facts.to) - 1));
    if (from !== facts.from || facts.lastTerritoryDay !== facts.to) suggestedPeriod = { from, to: facts.lastTerritoryDay };
  }
  return { journeysInPeriod: facts.journeysInPeriod, journeysInTerritory: facts.journeysInTerritory, warnings, suggestedPeriod };
}

/** The warning a result carries when nothing was paid and nothing had said why beforehand. */
export function nothingPaidWarning(totals: { trips: number; amountCents: number }, reasons: ReadonlyArray<{ message: string; count: number }>): SimulationWarning | null {
  if (totals.amountCents !== 0 || totals.trips === 0) return null;
  const first = reasons[0];
  const why = first ? ` ; raison la plus fréquente : ${first.message} (${formatInteger(first.count)} trajets)` : '';
  return { code: 'nothing_paid', message: `Aucun des ${formatInteger(totals.trips)} trajets simulés n’est payé${why}.` };
}
