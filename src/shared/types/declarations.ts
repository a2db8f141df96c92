import { z } from 'zod';
import { CalendarDay, StatsDirection, StatsLevel } from './stats';

/**
 * Journeys declared by carpoolers who use no operator's app (docs/declarations.md): never registry proofs, kept
 * apart from them. Distances in metres unless the name says km; instants ISO 8601 UTC; local times Europe/Paris.
 */

/** The fields of a declared journey (one column of the file each, one field of the form each). */
export const DeclarationField = z.enum(['date', 'time', 'from', 'to', 'role', 'seats', 'distance', 'declarant', 'carpooler', 'comment']);
export type DeclarationField = z.infer<typeof DeclarationField>;

/** What became of a row: accepted, a journey already declared (not an error), or rejected with its reasons. */
export const DeclarationOutcome = z.enum(['accepted', 'duplicate', 'rejected']);
export type DeclarationOutcome = z.infer<typeof DeclarationOutcome>;

/** Why a row was not accepted: a stable code (the French reason goes with it). */
export const DeclarationReasonCode = z.enum([
  'missing', 'invalid_date', 'invalid_time', 'invalid_role', 'invalid_seats', 'invalid_distance', 'too_long', 'invalid_person',
  'date_before_2019', 'date_in_future', 'unknown_commune', 'unknown_operator',
  'distance_too_short', 'distance_too_long', 'distance_unknown',
  'duplicate_declared', 'registry_duplicate', 'same_person_elsewhere',
]);
export type DeclarationReasonCode = z.infer<typeof DeclarationReasonCode>;

/** One problem of a row: the field at fault (null when it is the journey as a whole), its code and French reason. */
export const DeclarationProblem = z.object({ field: DeclarationField.nullable(), reasonCode: DeclarationReasonCode, reason: z.string() });
export type DeclarationProblem = z.infer<typeof DeclarationProblem>;

/** A journey typed in the form, field by field; checked by the same rules as a line of a file. */
export const DeclarationEntry = z
  .object({
    /** `AAAA-MM-JJ` or `JJ/MM/AAAA`. */
    date: z.string().trim().max(20),
    /** `HH:MM`, Europe/Paris. */
    time: z.string().trim().max(10),
    /** INSEE codes of the communes. */
    from: z.string().trim().max(10),
    to: z.string().trim().max(10),
    role: z.enum(['driver', 'passenger']),
    seats: z.number().int(),
    /** Declared distance in km; absent: estimated from the communes' positions. */
    distanceKm: z.number().optional(),
    declarant: z.string().trim().max(200),
    /** Identity key, or `u:<operator>:<user id>`. */
    carpooler: z.string().trim().max(300).optional(),
    comment: z.string().trim().max(1000).optional(),
  })
  .strict();
export type DeclarationEntry = z.infer<typeof DeclarationEntry>;

/** A declared journey as stored. */
export const DeclaredTrip = z.object({
  id: z.number().int(),
  naturalKey: z.string(),
  batchId: z.number().int(),
  /** Line of its file, or null when typed in the form. */
  line: z.number().int().nullable(),
  declarantId: z.string(),
  /** The carpooler's person key in the store (identity key, or `u:<operator id>:<pseudonym>`), or null. */
  personKey: z.string().nullable(),
  role: z.enum(['driver', 'passenger']),
  seats: z.number().int(),
  /** `YYYY-MM-DD HH:MM:SS`, Europe/Paris. */
  startLocal: z.string(),
  distanceM: z.number().int(),
  /** The distance was estimated from the communes' positions (none was declared). */
  distanceEstimated: z.boolean(),
  startInsee: z.string(),
  startName: z.string().nullable(),
  endInsee: z.string(),
  endName: z.string().nullable(),
  comment: z.string().nullable(),
  /** When it was recorded, ISO UTC. */
  createdAt: z.string(),
});
export type DeclaredTrip = z.infer<typeof DeclaredTrip>;

/** What an import or a form entry recorded: every row accounted for (`rows` = accepted + duplicates + rejected). */
export const DeclarationImportSummary = z.object({
  batchId: z.number().int(),
  fileName: z.string().nullable(),
  rows: z.number().int(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
});
export type DeclarationImportSummary = z.infer<typeof DeclarationImportSummary>;

/** An import of a file, or an entry through the form, as the history lists it. */
export const DeclarationBatch = DeclarationImportSummary.extend({
  source: z.enum(['file', 'form']),
  actor: z.string(),
  createdAt: z.string(),
});
export type DeclarationBatch = z.infer<typeof DeclarationBatch>;

/** A row of a batch that was not accepted (one entry per problem), with its line and the raw text of its cells. */
export const DeclarationReportRow = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  line: z.number().int().nullable(),
  outcome: z.enum(['duplicate', 'rejected']),
  field: DeclarationField.nullable(),
  reasonCode: DeclarationReasonCode,
  reason: z.string(),
  raw: z.string(),
});
export type DeclarationReportRow = z.infer<typeof DeclarationReportRow>;

/** The answer to a form entry: its outcome, its problems (none when accepted) and the journey stored. */
export const DeclarationAddResult = z.object({
  outcome: DeclarationOutcome,
  problems: z.array(DeclarationProblem),
  trip: DeclaredTrip.nullable(),
});
export type DeclarationAddResult = z.infer<typeof DeclarationAddResult>;

/** Declared journeys of a territory and period, the statistics' way (level, code, direction, local days inclusive). */
export const DeclaredCountQuery = z
  .object({ level: StatsLevel, code: z.string().trim().min(1).max(20), direction: StatsDirection.default('both'), from: CalendarDay, to: CalendarDay })
  .strict()
  .refine((query) => query.from <= query.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type DeclaredCountQuery = z.infer<typeof DeclaredCountQuery>;

/** The separate series of declared journeys beside a territory's statistics: never part of the registry's figures. */
export const DeclaredCount = z.object({
  journeys: z.number().int(),
  asDriver: z.number().int(),
  asPassenger: z.number().int(),
  /** Distinct declarant ids. */
  declarants: z.number().int(),
  /** Σ distances (declared or estimated), km. */
  distanceKm: z.number(),
  /** Journeys whose distance was estimated. */
  estimatedDistances: z.number().int(),
});
export type DeclaredCount = z.infer<typeof DeclaredCount>;
