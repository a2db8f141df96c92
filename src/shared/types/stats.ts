import { z } from 'zod';

/**
 * Territory levels of the statistics, as the registry's observatory: `com` is the INSEE code as published
 * (arrondissement municipal or commune), then EPCI and AOM (SIREN), département, région, country (99xxx).
 */
export const StatsLevel = z.enum(['com', 'epci', 'aom', 'dep', 'reg', 'country']);
export type StatsLevel = z.infer<typeof StatsLevel>;

/** Journeys starting in the territory, ending in it, both ways (from + to − intra), or internal (start and end in it). */
export const StatsDirection = z.enum(['from', 'to', 'both', 'intra']);
export type StatsDirection = z.infer<typeof StatsDirection>;

/** A Europe/Paris calendar day `YYYY-MM-DD`. */
export const CalendarDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date attendue au format AAAA-MM-JJ');

export const StatsQuery = z
  .object({
    level: StatsLevel,
    code: z.string().trim().min(1).max(20),
    direction: StatsDirection.default('both'),
    from: CalendarDay,
    to: CalendarDay,
    /** Step of the trend series. Weeks are ISO weeks starting on Monday, labelled by their Monday. */
    granularity: z.enum(['day', 'week', 'month']).default('month'),
  })
  .strict()
  .refine((query) => query.from <= query.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type StatsQuery = z.infer<typeof StatsQuery>;

/** Key figures, with the registry's definitions (docs/statistics.md). Distances in km, durations in minutes, money in cents. */
export const StatsKeyFigures = z.object({
  /** Driver–passenger pairs. */
  journeys: z.number().int(),
  /** Car trips (distinct operator trip ids). */
  trips: z.number().int(),
  /** Passengers carried: Σ seats booked. */
  passengers: z.number().int(),
  /** Σ over the months of the period of distinct drivers + distinct passengers of the month (registry /stats). */
  carpoolers: z.number().int(),
  /** People per vehicle: (car trips + passengers) / car trips; null without trips. */
  peoplePerVehicle: z.number().nullable(),
  /** People whose first journey in the store falls in the period. */
  newDrivers: z.number().int(),
  newPassengers: z.number().int(),
  meanDistanceKm: z.number().nullable(),
  meanDurationMin: z.number().nullable(),
  /** Share (0–1) of journeys with start and end in the territory; null without journeys. */
  internalShare: z.number().nullable(),
  /** CO₂ avoided in tonnes: passenger-km × 0.000195. */
  co2Tonnes: z.number(),
  /** Registry incentives (RPC campaigns), cents. */
  rpcCents: z.number().int(),
  /** Operator-declared incentives, cents. */
  opCents: z.number().int(),
  /** Journeys with a registry incentive > 0. */
  incented: z.number().int(),
});
export type StatsKeyFigures = z.infer<typeof StatsKeyFigures>;

/**
 * One step of the trend series. `from`–`to` are the days its figures count: the step's own days, narrowed to the
 * query's period and to the days the aggregates cover. A step is `partial` when they are not all its days (a week
 * or month cut by the period, or by the first or last day of the store's data): its figures are lower by nature,
 * not by a fall in carpooling, and the charts draw it apart. A day is never partial.
 */
export const StatsSeriesPoint = z.object({
  period: z.string(),
  from: CalendarDay,
  to: CalendarDay,
  partial: z.boolean(),
  journeys: z.number().int(),
  trips: z.number().int(),
  passengers: z.number().int(),
  distanceKm: z.number(),
  rpcCents: z.number().int(),
});
export type StatsSeriesPoint = z.infer<typeof StatsSeriesPoint>;

export const StatsResult = z.object({
  territory: z.object({ level: StatsLevel, code: z.string(), name: z.string().nullable() }),
  direction: StatsDirection,
  from: CalendarDay,
  to: CalendarDay,
  key: StatsKeyFigures,
  /** Trend by day, ISO week (Monday) or month (`YYYY-MM`), steps holding journeys only. */
  series: z.array(StatsSeriesPoint),
  /** Journeys by local start hour 0–23, over the calendar months overlapping the period. */
  byHour: z.array(z.number().int()).length(24),
  /** Journeys by weekday, Monday first. */
  byWeekday: z.array(z.number().int()).length(7),
  /** Journeys by distance class: 0–10, 10–20, 20–30, 30–40, 40–50, ≥ 50 km. */
  distanceBands: z.array(z.number().int()).length(6),
  /** Class and operator shares, over the calendar months overlapping the period. */
  byClass: z.array(z.object({ operatorClass: z.string(), journeys: z.number().int() })),
  byOperator: z.array(z.object({ operator: z.string(), journeys: z.number().int(), rpcCents: z.number().int() })),
  /** Most frequent undirected pairs of different communes with at least one end in the territory (months overlapping the period). */
  topFlows: z.array(
    z.object({ code1: z.string(), name1: z.string().nullable(), code2: z.string(), name2: z.string().nullable(), journeys: z.number().int(), passengers: z.number().int(), distanceKm: z.number() }),
  ),
  /** Communes of the territory with the most journeys in the query's direction (months overlapping the period). */
  topTerritories: z.array(z.object({ code: z.string(), name: z.string().nullable(), journeys: z.number().int() })),
  /** Milliseconds the queries took (shown to developers, measured by bench:stats). */
  elapsedMs: z.number(),
});
export type StatsResult = z.infer<typeof StatsResult>;

/** A territory the aggregates know at a level, with its journeys (all time, starts), for pickers. */
export const StatsTerritory = z.object({ code: z.string(), name: z.string().nullable(), journeys: z.number().int() });
export type StatsTerritory = z.infer<typeof StatsTerritory>;
