import { z } from 'zod';
import { CalendarDay } from './stats';

/** Levels a user's territory can be: commune, EPCI, AOM (SIREN), département, région. */
export const TerritoryLevel = z.enum(['com', 'epci', 'aom', 'dep', 'reg']);
export type TerritoryLevel = z.infer<typeof TerritoryLevel>;

/** A territory by level and code (INSEE for communes, départements, régions; SIREN for EPCI and AOM). */
export const TerritoryRef = z.object({ level: TerritoryLevel, code: z.string().trim().min(1).max(20) }).strict();
export type TerritoryRef = z.infer<typeof TerritoryRef>;

/** A territory found by name, for the picker: where it lies, how many live there, journeys the store holds for it. */
export const TerritoryMatch = z.object({
  level: TerritoryLevel,
  code: z.string(),
  name: z.string(),
  /** What tells two homonyms apart: the département (communes), the région (départements)… */
  context: z.string().nullable(),
  population: z.number().int().nullable(),
  /** Journeys starting or ending in it in the statistics aggregates (all time). */
  journeys: z.number().int(),
});
export type TerritoryMatch = z.infer<typeof TerritoryMatch>;

/** The home page's request: a territory and a period (default: the last three complete months the store holds). */
export const TerritorySummaryRequest = z
  .object({ level: TerritoryLevel, code: z.string().trim().min(1).max(20), from: CalendarDay.optional(), to: CalendarDay.optional() })
  .strict()
  .refine((request) => (request.from === undefined) === (request.to === undefined), { message: 'indiquez le début et la fin de la période', path: ['to'] })
  .refine((request) => request.from === undefined || request.to === undefined || request.from <= request.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type TerritorySummaryRequest = z.infer<typeof TerritorySummaryRequest>;

/** One headline figure with the same figure a year before (null when the store does not cover that period). */
export const FigureWithTrend = z.object({ value: z.number(), yearBefore: z.number().nullable() });
export type FigureWithTrend = z.infer<typeof FigureWithTrend>;

/**
 * The « Mon territoire » page: the territory's carpooling over a period with the Statistiques definitions (journeys
 * validated, confirmed fraud excluded), what waits for the user, and what the store covers. Money in cents, km.
 */
export const TerritorySummary = z.object({
  territory: z.object({ level: TerritoryLevel, code: z.string(), name: z.string().nullable() }),
  from: CalendarDay,
  to: CalendarDay,
  /** The same period a year before, compared with when the store covers it; null otherwise. */
  yearBefore: z.object({ from: CalendarDay, to: CalendarDay }).nullable(),
  figures: z.object({
    /** Driver–passenger pairs (journeys starting or ending in the territory). */
    journeys: FigureWithTrend,
    /** Car trips (distinct operator trip ids): « covoiturages ». */
    carpools: FigureWithTrend,
    /** Σ over months of distinct drivers + distinct passengers (registry definition). */
    carpoolers: FigureWithTrend,
    distanceKm: FigureWithTrend,
    /** Registry incentives (RPC campaigns) paid on these journeys. */
    incentivesCents: FigureWithTrend,
    /** Operators with at least one journey. */
    operators: FigureWithTrend,
    co2Tonnes: FigureWithTrend,
    /** Share (0–1) of journeys internal to the territory. */
    internalShare: z.number().nullable(),
  }),
  /** Journeys per month of the period. */
  months: z.array(z.object({ month: z.string(), journeys: z.number().int() })),
  /** Main flows (communes, both ways, privacy threshold applied), most journeys first. */
  topFlows: z.array(z.object({ origin: z.string(), originName: z.string().nullable(), destination: z.string(), destinationName: z.string().nullable(), journeys: z.number().int() })),
  operators: z.array(z.object({ operator: z.string(), journeys: z.number().int(), share: z.number() })),
  byHour: z.array(z.number().int()).length(24),
  /** Monday first. */
  byWeekday: z.array(z.number().int()).length(7),
  /** Incentives already paid: journeys with a registry incentive, and by whom (campaign, authority). */
  incentives: z.object({
    journeys: z.number().int(),
    cents: z.number().int(),
    payers: z.array(z.object({ campaign: z.string(), authority: z.string().nullable(), journeys: z.number().int(), cents: z.number().int() })),
  }),
  /** What waits for the user. */
  waiting: z.object({
    importsWithRejectedRows: z.number().int(),
    rejectedRows: z.number().int(),
    flaggedNotReviewed: z.number().int(),
    savedSimulations: z.number().int(),
  }),
  store: z.object({ from: CalendarDay.nullable(), to: CalendarDay.nullable(), lastSync: z.string().nullable() }),
  elapsedMs: z.number(),
});
export type TerritorySummary = z.infer<typeof TerritorySummary>;

/** A catalogue campaign compared with a territory, for « Et si nous lancions une campagne ? ». */
export const ComparableCampaign = z.object({
  campaignId: z.string(),
  name: z.string(),
  /** The campaign's own territory, by name. */
  territoryName: z.string().nullable(),
  /** 0–1, higher is closer (size, kind of territory, distance profile). */
  similarity: z.number(),
  /** Why it is proposed, in French (« population comparable : 320 000 hab. », …). */
  reasons: z.array(z.string()),
  /** How it pays, in French (amount rules, limits, budget). */
  howItPays: z.string(),
  /** What it paid, from the incentives of the store's journeys (null when the store holds none of its payments). */
  paid: z.object({ cents: z.number().int(), journeys: z.number().int() }).nullable(),
});
export type ComparableCampaign = z.infer<typeof ComparableCampaign>;

/** A catalogue campaign turned into a draft for a territory and a period (a custom definition, not yet simulated). */
export const CampaignDraft = z.object({
  definition: z.unknown(),
  from: CalendarDay,
  to: CalendarDay,
  /** What was changed from the catalogue campaign, in French. */
  changes: z.array(z.string()),
});
export type CampaignDraft = z.infer<typeof CampaignDraft>;

/** What a simulation would run on, said before running it: never a silent zero. */
export const SimulationPreflight = z.object({
  /** Journeys of the store in the simulation's period (validated, or all when flagged ones are kept). */
  journeysInPeriod: z.number().int(),
  /** Among them, journeys the campaign's territory could select (start or end in it). */
  journeysInTerritory: z.number().int(),
  /** Problems, each with a stable code and a French message (`no_journeys_in_period`, `territory_outside`, `window_outside`…). */
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  /** A period of the same length where the store has the territory's journeys, offered when the asked one is empty. */
  suggestedPeriod: z.object({ from: CalendarDay, to: CalendarDay }).nullable(),
});
export type SimulationPreflight = z.infer<typeof SimulationPreflight>;

/** Carpools of a group of AOM in the first and last complete months of the period (null: under the privacy threshold). */
const EvolutionGroup = z.object({
  /** AOM of the group with carpools in the store. */
  aoms: z.number().int(),
  first: z.number().int().nullable(),
  last: z.number().int().nullable(),
  /** Relative change from `first` to `last` (0.25 = +25 %); null when either is unknown, hidden or 0. */
  change: z.number().nullable(),
});

/**
 * Impact indicators of the observatory (the seed's own measures), over a period and the whole store or a territory,
 * with the Statistiques page's definitions (docs/observatory.md). Money in cents, CO₂ in tonnes. Counts of journeys,
 * carpools and carpoolers between 1 and `minCount − 1` (the map privacy threshold) are not given (null), and
 * authorities under it are left out of their list: the site is meant to be published.
 */
export const ObservatoryIndicators = z.object({
  territory: z.object({ level: TerritoryLevel, code: z.string(), name: z.string().nullable() }).nullable(),
  from: CalendarDay,
  to: CalendarDay,
  /** The privacy threshold applied, in journeys (setting `map.minCount`). */
  minCount: z.number().int(),
  journeys: z.number().int().nullable(),
  carpools: z.number().int().nullable(),
  carpoolers: z.number().int().nullable(),
  /** Operators that sent proofs in the period, and per month. */
  operatorsSendingProofs: z.number().int(),
  operatorsByMonth: z.array(z.object({ month: z.string(), operators: z.number().int() })),
  /** Authorities (AOM, regions…) whose campaigns paid incentives in the period, with what they paid. */
  authoritiesWithCampaign: z.array(z.object({ authority: z.string(), campaigns: z.number().int(), journeys: z.number().int(), cents: z.number().int() })),
  /**
   * Evolution of carpools (car trips starting in each AOM) from the first to the last complete month of the period
   * (`YYYY-MM`; null when the period holds fewer than two), in the AOM whose campaigns paid incentives against the
   * other AOM.
   */
  evolution: z.object({
    firstMonth: z.string().nullable(),
    lastMonth: z.string().nullable(),
    withCampaign: EvolutionGroup,
    withoutCampaign: EvolutionGroup,
  }),
  attestationsIssued: z.number().int(),
  co2Tonnes: z.number(),
  /** How CO₂ avoided is computed, in French (factor and definition). */
  co2Method: z.string(),
  /** Months of the period, journeys and carpools, for the charts (null: under the privacy threshold). */
  months: z.array(z.object({ month: z.string(), journeys: z.number().int().nullable(), carpools: z.number().int().nullable() })),
});
export type ObservatoryIndicators = z.infer<typeof ObservatoryIndicators>;

/** The observatory's request: period (default: the last twelve complete months the store holds), optional territory. */
export const ObservatoryRequest = z
  .object({ territory: TerritoryRef.nullable().default(null), from: CalendarDay.optional(), to: CalendarDay.optional() })
  .strict()
  .refine((request) => (request.from === undefined) === (request.to === undefined), { message: 'indiquez le début et la fin de la période', path: ['to'] });
export type ObservatoryRequest = z.infer<typeof ObservatoryRequest>;
