import { z } from 'zod';
import { CalendarDay, StatsLevel } from './stats';

/** Levels flows are drawn at: commune (INSEE code as published), EPCI and AOM (SIREN), département. */
export const MapLevel = z.enum(['com', 'epci', 'aom', 'dep']);
export type MapLevel = z.infer<typeof MapLevel>;

/** Levels of the contours the store or the application can hold (régions only as a background). */
export const ShapeLevel = z.enum(['com', 'epci', 'aom', 'dep', 'reg']);
export type ShapeLevel = z.infer<typeof ShapeLevel>;

/**
 * Hour bands of a journey's local start (Europe/Paris): night [0 h, 6 h), morning rush [6 h, 9 h), day [9 h, 16 h),
 * evening rush [16 h, 19 h), evening [19 h, 24 h). Bands, not hours, so the precomputed aggregates stay small.
 */
export const HourBand = z.enum(['night', 'morning', 'day', 'evening', 'late']);
export type HourBand = z.infer<typeof HourBand>;

/** First hour (inclusive) of each band, in the order of `HourBand`; a band ends where the next starts (24 h last). */
export const HOUR_BAND_STARTS: Readonly<Record<HourBand, number>> = { night: 0, morning: 6, day: 9, evening: 16, late: 19 };

/** Journeys starting in the territory, ending in it, either (`both`), or internal to it (`intra`). */
export const MapDirection = z.enum(['both', 'from', 'to', 'intra']);
export type MapDirection = z.infer<typeof MapDirection>;

/** An optional layer over the flows: one saved simulation's journeys (incentivised or not), or flagged journeys. */
export const MapOverlay = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('simulation'), simulationId: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('flagged') }).strict(),
]);
export type MapOverlay = z.infer<typeof MapOverlay>;

export const MapQuery = z
  .object({
    /** Level of the places flows join. */
    level: MapLevel,
    /** The territory whose journeys are mapped (any statistics level but country), or the whole store when null. */
    territory: z.object({ level: StatsLevel.exclude(['country']), code: z.string().trim().min(1).max(20) }).strict().nullable().default(null),
    from: CalendarDay,
    to: CalendarDay,
    /** ISO weekdays of the journey's local start, 1 = Monday … 7 = Sunday; every day when absent. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
    /** Hour bands of the local start; every band when absent. */
    bands: z.array(HourBand).min(1).max(5).optional(),
    direction: MapDirection.default('both'),
    /**
     * Privacy threshold in journeys: flows and places below it are neither drawn nor exported. Never below the
     * `map.minCount` setting (the main side raises it); absent = the setting.
     */
    minCount: z.number().int().min(1).max(100_000).optional(),
    overlay: MapOverlay.optional(),
  })
  .strict()
  .refine((query) => query.from <= query.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type MapQuery = z.infer<typeof MapQuery>;

/** A position in degrees (WGS 84). */
export const LonLat = z.tuple([z.number(), z.number()]);
export type LonLat = z.infer<typeof LonLat>;

/** Journeys from one place to another at the query's level (A→B and B→A are two flows); `internal` when A = B. */
export const MapFlow = z.object({
  origin: z.string(),
  originName: z.string().nullable(),
  destination: z.string(),
  destinationName: z.string().nullable(),
  internal: z.boolean(),
  /** Validated journeys, confirmed fraud excluded (the Statistiques definition). */
  journeys: z.number().int(),
  /** Registry incentives of these journeys, cents. */
  rpcCents: z.number().int(),
  /** Journeys of the overlay among them (incentivised by the simulation, or flagged); null without overlay. */
  overlayJourneys: z.number().int().nullable(),
});
export type MapFlow = z.infer<typeof MapFlow>;

/** A place of the query's level with its journeys; `position` null when neither journeys nor contours locate it. */
export const MapPlace = z.object({
  code: z.string(),
  name: z.string().nullable(),
  position: LonLat.nullable(),
  /** Journeys starting here (internal ones included), ending here, and starting and ending here. */
  departures: z.number().int(),
  arrivals: z.number().int(),
  internal: z.number().int(),
  /** Journeys touching the place: departures + arrivals − internal. */
  journeys: z.number().int(),
  rpcCents: z.number().int(),
  /** INSEE municipal population (COG of the shipped geography); null when unknown (AOM without its table). */
  population: z.number().int().nullable(),
  /** Journeys touching the place per 1,000 inhabitants; null without population. */
  perThousand: z.number().nullable(),
  /** Share (0–1) of the place's journeys that are internal to it. */
  internalShare: z.number().nullable(),
  /** Journeys touching the place in the previous period of the same length; null when the store has none then. */
  previousJourneys: z.number().int().nullable(),
  /** Relative change against the previous period (0.25 = +25 %); null without a previous figure. */
  evolution: z.number().nullable(),
  /** Whether the place lies in the query's territory (always true without territory). */
  inTerritory: z.boolean(),
  /** Journeys of the overlay touching the place; null without overlay. */
  overlayJourneys: z.number().int().nullable(),
});
export type MapPlace = z.infer<typeof MapPlace>;

export const MapResult = z.object({
  level: MapLevel,
  territory: z.object({ level: StatsLevel, code: z.string(), name: z.string().nullable() }).nullable(),
  from: CalendarDay,
  to: CalendarDay,
  days: z.array(z.number().int()),
  bands: z.array(HourBand),
  direction: MapDirection,
  /** The threshold applied (journeys). */
  minCount: z.number().int(),
  /** Flows at or above the threshold, most journeys first. */
  flows: z.array(MapFlow),
  /** Places at or above the threshold (journeys touching them), most journeys first. */
  places: z.array(MapPlace),
  /** Journeys of the flows shown, and of every flow of the query (shown + hidden). */
  journeysShown: z.number().int(),
  journeysTotal: z.number().int(),
  /** What the threshold hid: flows and their journeys, places. */
  hidden: z.object({ flows: z.number().int(), journeys: z.number().int(), places: z.number().int() }),
  /** Flows shown whose origin or destination has no position (listed in the table, not drawn). */
  unplaced: z.number().int(),
  /** The previous period the evolution compares with. */
  previous: z.object({ from: CalendarDay, to: CalendarDay }),
  /** Overlay layer answered, with its label (e.g. the simulation's name). */
  overlay: z.object({ kind: z.enum(['simulation', 'flagged']), label: z.string() }).nullable(),
  /** Months of the period whose map aggregates are not built yet (refresh the statistics to build them). */
  monthsMissing: z.array(z.string()),
  elapsedMs: z.number(),
});
export type MapResult = z.infer<typeof MapResult>;

/** A contour of a place: GeoJSON geometry (Polygon or MultiPolygon, WGS 84, simplified for display). */
export const ShapeFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({ code: z.string(), name: z.string().nullable(), level: ShapeLevel }),
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
});
export type ShapeFeature = z.infer<typeof ShapeFeature>;

export const ShapeCollection = z.object({
  type: z.literal('FeatureCollection'),
  /** `store` = contours imported by the user; `bundled` = the application's own (départements, régions). */
  source: z.enum(['store', 'bundled']),
  /** Where the geometry comes from, printed on maps (e.g. « IGN ADMIN EXPRESS COG 2025 », « Natural Earth »). */
  attribution: z.string(),
  features: z.array(ShapeFeature),
});
export type ShapeCollection = z.infer<typeof ShapeCollection>;

/** Contours held by the store per level (what `atelier map contours import` or the page imported). */
export const ContourSummary = z.array(z.object({ level: ShapeLevel, count: z.number().int(), source: z.string(), importedAt: z.string() }));
export type ContourSummary = z.infer<typeof ContourSummary>;
