import type { MapFlow } from '../../../shared/types/map';
import type { StatsResult } from '../../../shared/types/stats';
import type { TerritorySummary } from '../../../shared/types/territory';
import { monthsOf } from '../time/calendar';
import type { DayPeriod } from './territory-period';

/** Flows the home page lists (and the report draws). */
export const TOP_FLOWS = 10;

/** One payer of registry incentives over the period: a campaign and its authority, journeys paid and cents. */
export interface PayerRow {
  campaignId: string | null;
  campaignName: string | null;
  authority: string | null;
  journeys: number;
  cents: number;
}

/** Everything the home page is composed from. */
export interface SummaryInputs {
  territory: TerritorySummary['territory'];
  period: DayPeriod;
  /** The same period a year before, when the store covers it. */
  yearBefore: DayPeriod | null;
  /** The Statistiques page's dashboard of the territory, period, direction `both`, months. */
  current: StatsResult;
  /** The same dashboard a year before (null with `yearBefore`). */
  previous: StatsResult | null;
  /** Flows of the Carte page (communes, direction both, threshold applied), most journeys first. */
  flows: readonly MapFlow[];
  payers: readonly PayerRow[];
  waiting: TerritorySummary['waiting'];
  store: TerritorySummary['store'];
}

type Figures = Omit<TerritorySummary['figures'], 'internalShare'>;
type Values = { [K in keyof Figures]: number };

/** The headline figures of a dashboard, with the Statistiques definitions. Distance in km, money in cents. */
export function headlineFigures(stats: StatsResult): Values {
  return {
    journeys: stats.key.journeys,
    carpools: stats.key.trips,
    carpoolers: stats.key.carpoolers,
    distanceKm: stats.series.reduce((sum, point) => sum + point.distanceKm, 0),
    incentivesCents: stats.key.rpcCents,
    operators: stats.byOperator.length,
    co2Tonnes: stats.key.co2Tonnes,
  };
}

/**
 * Composes the « Mon territoire » page (pure): headline figures with the year before, journeys of every month of
 * the period (0 for a month without any), flows between two communes, operators' shares, hours and weekdays,
 * incentives paid and by whom, what waits, the store's coverage.
 */
export function composeTerritorySummary(inputs: SummaryInputs): Omit<TerritorySummary, 'elapsedMs'> {
  const now = headlineFigures(inputs.current);
  const before = inputs.previous ? headlineFigures(inputs.previous) : null;
  const withTrend = <K extends keyof Values>(key: K): { value: number; yearBefore: number | null } => ({ value: now[key], yearBefore: before ? before[key] : null });
  const byMonth = new Map(inputs.current.series.map((point) => [point.period, point.journeys]));
  const operatorTotal = inputs.current.byOperator.reduce((sum, row) => sum + row.journeys, 0);
  return {
    territory: inputs.territory,
    from: inputs.period.from,
    to: inputs.period.to,
    yearBefore: inputs.yearBefore,
    figures: {
      journeys: withTrend('journeys'),
      carpools: withTrend('carpools'),
      carpoolers: withTrend('carpoolers'),
      distanceKm: withTrend('distanceKm'),
      incentivesCents: withTrend('incentivesCents'),
      operators: withTrend('operators'),
      co2Tonnes: withTrend('co2Tonnes'),
      internalShare: inputs.current.key.internalShare,
    },
    months: monthsOf(inputs.period.from, inputs.period.to).map((month) => ({ month, journeys: byMonth.get(month) ?? 0 })),
    // Journeys inside one commune have no line to draw: the internal share tells them.
    topFlows: inputs.flows
      .filter((flow) => !flow.internal)
      .slice(0, TOP_FLOWS)
      .map(({ origin, originName, destination, destinationName, journeys }) => ({ origin, originName, destination, destinationName, journeys })),
    operators: inputs.current.byOperator.map((row) => ({ operator: row.operator, journeys: row.journeys, share: operatorTotal > 0 ? row.journeys / operatorTotal : 0 })),
    byHour: inputs.current.byHour,
    byWeekday: inputs.current.byWeekday,
    incentives: {
      journeys: inputs.current.key.incented,
      cents: inputs.current.key.rpcCents,
      payers: inputs.payers.map((row) => ({
        campaign: row.campaignName ?? (row.campaignId === null ? 'Campagne sans identifiant' : `Campagne ${row.campaignId}`),
        authority: row.authority,
        journeys: row.journeys,
        cents: row.cents,
      })),
    },
    waiting: inputs.waiting,
    store: inputs.store,
  };
}

/** Relative change from `before` to `value` (0.25 = +25 %); null without a figure before or from zero. */
export function trend(value: number, before: number | null): number | null {
  return before === null || before === 0 ? null : (value - before) / before;
}
