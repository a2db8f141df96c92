import type { StatsResult } from '../../../shared/types/stats';
import type { ObservatoryIndicators } from '../../../shared/types/territory';
import { formatDecimal } from '../../../shared/util/format';
import { completeMonths, monthsOf } from '../time/calendar';
import { CO2_TONNES_PER_PASSENGER_KM } from '../stats/compose-stats';

/** How CO₂ avoided is computed, in French: the registry's factor and what it multiplies. */
export const CO2_METHOD =
  `CO₂ évité = passagers-kilomètres × ${formatDecimal(CO2_TONNES_PER_PASSENGER_KM * 1_000_000)} g CO₂e (${String(CO2_TONNES_PER_PASSENGER_KM).replace('.', ',')} t par passager-km), ` +
  'le facteur du registre de preuve de covoiturage : chaque kilomètre parcouru par un passager en covoiturage compte comme un kilomètre ' +
  'd’autosolisme évité. Passagers-kilomètres = Σ distance × places réservées des trajets validés (fraude confirmée exclue), partant ' +
  'ou arrivant dans le territoire.';

/** Everything the observatory's indicators are composed from (read by the observatory service). */
export interface IndicatorInputs {
  territory: ObservatoryIndicators['territory'];
  from: string;
  to: string;
  /** Privacy threshold in journeys: counts from 1 to `minCount − 1` are hidden. */
  minCount: number;
  /** The Statistiques page's dashboard of the scope and period (direction both, by month). */
  stats: StatsResult;
  operators: { months: ReadonlyArray<{ month: string; operators: number }>; total: number };
  /** Authorities that paid, most cents first. */
  authorities: ReadonlyArray<{ authority: string; campaigns: number; journeys: number; cents: number }>;
  /** Carpools starting in each AOM, for the first and last complete months of the period. */
  aomCarpools: ReadonlyArray<{ code: string; month: string; carpools: number }>;
  /** AOM of the scope (null: every AOM of the store) and those among them whose campaigns paid. */
  scopeAoms: ReadonlySet<string> | null;
  campaignAoms: ReadonlySet<string>;
  attestationsIssued: number;
}

/** A count as published: null when it is small enough to point at a few people (1 to `minCount − 1`). */
export function thresholded(count: number, minCount: number): number | null {
  return count > 0 && count < minCount ? null : count;
}

/** One group of AOM in the evolution: AOM with carpools in either month, both months' carpools, their change. */
function evolutionGroup(rows: IndicatorInputs['aomCarpools'], first: string | null, last: string | null, minCount: number): ObservatoryIndicators['evolution']['withCampaign'] {
  const codes = new Set(rows.filter((row) => row.carpools > 0).map((row) => row.code));
  const sum = (month: string | null): number | null => (month === null ? null : rows.filter((row) => row.month === month).reduce((total, row) => total + row.carpools, 0));
  const firstCount = sum(first);
  const lastCount = sum(last);
  const shownFirst = firstCount === null ? null : thresholded(firstCount, minCount);
  const shownLast = lastCount === null ? null : thresholded(lastCount, minCount);
  const change = shownFirst !== null && shownLast !== null && shownFirst > 0 ? (shownLast - shownFirst) / shownFirst : null;
  return { aoms: codes.size, first: shownFirst, last: shownLast, change };
}

/**
 * The observatory's indicators (pure): journeys, carpools, carpoolers and CO₂ as the Statistiques page gives them for
 * the same scope and period, operators per month, authorities that paid, the evolution of carpools from the first to
 * the last complete month in the AOM whose campaigns paid against the others, attestations; counts under the privacy
 * threshold hidden (null), and authorities under it left out.
 */
export function composeIndicators(inputs: IndicatorInputs): ObservatoryIndicators {
  const { minCount, stats } = inputs;
  const complete = completeMonths(inputs.from, inputs.to);
  const firstMonth = complete.length >= 2 ? (complete[0] ?? null) : null;
  const lastMonth = complete.length >= 2 ? (complete.at(-1) ?? null) : null;
  const inScope = inputs.aomCarpools.filter((row) => inputs.scopeAoms === null || inputs.scopeAoms.has(row.code));
  const series = new Map(stats.series.map((point) => [point.period, point]));
  return {
    territory: inputs.territory,
    from: inputs.from,
    to: inputs.to,
    minCount,
    journeys: thresholded(stats.key.journeys, minCount),
    carpools: thresholded(stats.key.trips, minCount),
    carpoolers: thresholded(stats.key.carpoolers, minCount),
    operatorsSendingProofs: inputs.operators.total,
    operatorsByMonth: monthsOf(inputs.from, inputs.to).map((month) => ({ month, operators: inputs.operators.months.find((row) => row.month === month)?.operators ?? 0 })),
    authoritiesWithCampaign: inputs.authorities.filter((row) => row.journeys >= minCount).map(({ authority, campaigns, journeys, cents }) => ({ authority, campaigns, journeys, cents })),
    evolution: {
      firstMonth,
      lastMonth,
      withCampaign: evolutionGroup(inScope.filter((row) => inputs.campaignAoms.has(row.code)), firstMonth, lastMonth, minCount),
      withoutCampaign: evolutionGroup(inScope.filter((row) => !inputs.campaignAoms.has(row.code)), firstMonth, lastMonth, minCount),
    },
    attestationsIssued: inputs.attestationsIssued,
    co2Tonnes: stats.key.co2Tonnes,
    co2Method: CO2_METHOD,
    months: monthsOf(inputs.from, inputs.to).map((month) => {
      const point = series.get(month);
      return { month, journeys: thresholded(point?.journeys ?? 0, minCount), carpools: thresholded(point?.trips ?? 0, minCount) };
    }),
  };
}
