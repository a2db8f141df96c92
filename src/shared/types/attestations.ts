import { z } from 'zod';
import { CalendarDay } from './stats';

/** A path on this computer, as typed or picked by the user. */
const FilePath = z.string().trim().min(1).max(4096);

/**
 * Whom an attestation is for, as the user gives it: an identity key (the operators' cross-operator key), or an
 * operator and that operator's user id. The user id is the one the operator's app shows, in clear: the main side
 * turns it into the store's pseudonym before looking it up (docs/privacy.md).
 */
export const AttestationPersonInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('identity'), identityKey: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('operator'), operatorId: z.number().int().positive(), userId: z.string().trim().min(1).max(200) }).strict(),
]);
export type AttestationPersonInput = z.infer<typeof AttestationPersonInput>;

/** Local days (Europe/Paris), inclusive, `from` not after `to`. */
export const AttestationPeriod = z
  .object({ from: CalendarDay, to: CalendarDay })
  .strict()
  .refine((period) => period.from <= period.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type AttestationPeriod = z.infer<typeof AttestationPeriod>;

const Count = z.number().int().nonnegative();

/**
 * What an attestation counts over a month or the whole period: validated journeys only (registry status ok),
 * journeys confirmed as fraud left out. Distance in metres (Σ over journeys), money in euro cents.
 */
export const AttestationTally = z.object({
  journeysAsDriver: Count,
  journeysAsPassenger: Count,
  /** Distinct local days with at least one journey, in either role. */
  days: Count,
  distanceM: Count,
  /** Σ `passenger_contribution` of the journeys as passenger. */
  amountPaidCents: z.number().int(),
  /** Σ `driver_revenue` of the journeys as driver. */
  amountReceivedCents: z.number().int(),
  /** Σ registry incentives (three columns) of the journeys as driver. */
  incentivesCents: z.number().int(),
});
export type AttestationTally = z.infer<typeof AttestationTally>;

export const AttestationMonth = AttestationTally.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export type AttestationMonth = z.infer<typeof AttestationMonth>;

/**
 * Journeys the person declared without an operator's app (docs/declarations.md), shown apart from the registry's
 * proofs: never added to the figures above. Distance in metres (declared, or estimated from the communes).
 */
export const DeclaredTally = z.object({ journeysAsDriver: Count, journeysAsPassenger: Count, days: Count, distanceM: Count });
export type DeclaredTally = z.infer<typeof DeclaredTally>;

export const DeclaredFigures = z.object({ months: z.array(DeclaredTally.extend({ month: AttestationMonth.shape.month })), totals: DeclaredTally });
export type DeclaredFigures = z.infer<typeof DeclaredFigures>;

/**
 * Every month of the period (those without journeys too), in order, and the totals; `declared`, the declared
 * journeys of the same months apart (absent from attestations issued before the declaration module).
 */
export const AttestationFigures = z.object({ months: z.array(AttestationMonth), totals: AttestationTally, declared: DeclaredFigures.optional() });
export type AttestationFigures = z.infer<typeof AttestationFigures>;

/** The organisation that issues attestations (settings `attestations.issuerName` and `attestations.issuerSiret`). */
export const AttestationIssuer = z.object({ name: z.string(), siret: z.string() });
export type AttestationIssuer = z.infer<typeof AttestationIssuer>;

/** An entry of the register of issued attestations. Instants are ISO 8601 UTC. */
export const AttestationRecord = z.object({
  /** Register id (UUID), part of the attested content. */
  id: z.string(),
  /** Order of issue in this store (1, 2…). */
  number: z.number().int(),
  issuedAt: z.string(),
  /** Who issued it (the audit log's actor). */
  actor: z.string(),
  /** The person's key in the store: identity key, or `u:<operator id>:<user id pseudonym>`. */
  person: z.string(),
  /** The person in words (key kind, operator name). */
  personText: z.string(),
  from: z.string(),
  to: z.string(),
  issuer: AttestationIssuer,
  figures: AttestationFigures,
  /** Verification code: SHA-256 (64 hex digits) of the canonical content. */
  code: z.string(),
  /** The code as printed: its first 16 hex digits in four groups (`3F2A-…`). */
  shortCode: z.string(),
  /** Where the PDF was written. */
  file: z.string().nullable(),
  /** The batch job that issued it, or null for one issued alone. */
  batchJobId: z.string().nullable(),
});
export type AttestationRecord = z.infer<typeof AttestationRecord>;

/** Why a verification failed. */
export const AttestationProblem = z.enum([
  'unreadable',
  'no_code',
  'invalid_code',
  'unknown_code',
  'ambiguous_code',
  'register_altered',
  'content_altered',
  'other_person',
]);
export type AttestationProblem = z.infer<typeof AttestationProblem>;

/** Whether a PDF or a code is an attestation of this store's register, unchanged since its issue. */
export const AttestationVerification = z.object({
  authentic: z.boolean(),
  /** What failed (null when authentic). */
  problem: AttestationProblem.nullable(),
  /** The verdict in a French sentence. */
  message: z.string(),
  /** Full code found (metadata of the PDF, or the register entry of a short code), or null. */
  code: z.string().nullable(),
  /** The register entry the PDF or code points to, when there is one (authentic or not, for comparison). */
  attestation: AttestationRecord.nullable(),
});
export type AttestationVerification = z.infer<typeof AttestationVerification>;

/** Filters of the register. Days are local issue days (Europe/Paris), inclusive. */
export const AttestationRegisterFilter = z
  .object({
    /** A person key (identity key or `u:<operator id>:<user id>`), matched exactly. */
    person: z.string().trim().min(1).max(200).optional(),
    /** Start of a code (short or full, dashes and spaces ignored). */
    code: z.string().trim().min(1).max(80).optional(),
    issuedFrom: CalendarDay.optional(),
    issuedTo: CalendarDay.optional(),
    actor: z.string().trim().min(1).max(200).optional(),
    /** Issued one at a time, or by a batch job. */
    source: z.enum(['single', 'batch']).optional(),
  })
  .strict();
export type AttestationRegisterFilter = z.infer<typeof AttestationRegisterFilter>;

/** Who a batch issues attestations for: the persons of a CSV file, or the drivers a saved simulation paid. */
export const AttestationBatchSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('csv'), path: FilePath }).strict(),
  z.object({ kind: z.literal('simulation'), simulationId: z.number().int().positive() }).strict(),
]);
export type AttestationBatchSource = z.infer<typeof AttestationBatchSource>;

/** What an attestation batch job ends with (its summary in the job history). */
export const AttestationBatchSummary = z.object({
  folder: z.string(),
  workbook: z.string(),
  /** Persons read (lines of the CSV, or drivers paid by the simulation). */
  persons: z.number().int(),
  issued: z.number().int(),
  /** Persons left without attestation (unknown to the store, invalid line, duplicate). */
  skipped: z.number().int(),
  seconds: z.number(),
});
export type AttestationBatchSummary = z.infer<typeof AttestationBatchSummary>;
