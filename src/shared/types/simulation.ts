import { z } from 'zod';
import { CalendarDay } from './stats';

const Tally = z.object({
  /** Journeys simulated (in the period, registry-flagged ones excluded unless asked). */
  trips: z.number().int(),
  eligible: z.number().int(),
  /** Journeys with an amount > 0. */
  paid: z.number().int(),
  amountCents: z.number().int(),
});

const KeyedTally = Tally.extend({ key: z.string() });

/**
 * Why a simulation may pay nothing, with a stable code and a French message: said before running it (no journey in
 * the period, none in the campaign's territory, campaign window outside the period: docs/discovery.md) and after
 * (`nothing_paid`, when nothing was paid and nothing had warned of it).
 */
export const SimulationWarning = z.object({ code: z.string(), message: z.string() });
export type SimulationWarning = z.infer<typeof SimulationWarning>;

/** Everything a simulation shows; amounts in integer cents, days Europe/Paris. */
export const SimulationResult = z.object({
  campaign: z.object({ id: z.string(), name: z.string() }),
  from: CalendarDay,
  to: CalendarDay,
  /** Whether journeys the registry flagged (fraud, anomaly) were simulated too. */
  includeFlagged: z.boolean(),
  /** Whether journeys confirmed as fraud by an investigator were simulated too (saved before reviews: false). */
  includeConfirmedFraud: z.boolean().default(false),
  /** Journeys of the period left out because an investigator confirmed them (or their person) as fraud. */
  excludedConfirmedFraud: z.number().int().default(0),
  totals: Tally.extend({ budgetCents: z.number().int().nullable(), exhaustedOn: CalendarDay.nullable() }),
  byMonth: z.array(KeyedTally),
  byOperator: z.array(KeyedTally),
  byClass: z.array(KeyedTally),
  byDistance: z.array(KeyedTally.extend({ fromKm: z.number(), toKm: z.number().nullable() })),
  /** Budget consumed, cumulated day by day (days with a payment only). */
  budgetByDay: z.array(z.object({ day: CalendarDay, cumulativeCents: z.number().int() })),
  drivers: z.object({
    /** Drivers paid at least once. */
    paid: z.number().int(),
    /** Drivers paid less at least once than the rules alone gave, because of a limit (caps, budget). */
    cutByLimit: z.number().int(),
    bands: z.array(z.object({ fromEuros: z.number(), toEuros: z.number().nullable(), drivers: z.number().int() })),
  }),
  /** Most frequent first reason of ineligibility. */
  reasons: z.array(z.object({ code: z.string(), message: z.string(), count: z.number().int() })),
  /** Seconds the engine and the reads took in the worker. */
  seconds: z.number(),
  /** What could make this result a zero, said with it: never a silent zero (saved before warnings: none). */
  warnings: z.array(SimulationWarning).default([]),
});
export type SimulationResult = z.infer<typeof SimulationResult>;

/** What to simulate: a catalogue campaign or a custom definition, on a period of the store. */
export const SimulationRequest = z
  .object({
    /** Catalogue id, or absent when `definition` is given. */
    campaignId: z.string().trim().min(1).max(64).optional(),
    /** A custom (or cloned) definition, validated by the campaign format's schema on the main side. */
    definition: z.unknown().optional(),
    from: CalendarDay,
    to: CalendarDay,
    includeFlagged: z.boolean().default(false),
    /** Simulate journeys confirmed as fraud too (by default they are left out, and counted). */
    includeConfirmedFraud: z.boolean().default(false),
    /** Replacement budget in cents (null: none); absent: the definition's. */
    budgetCents: z.number().int().min(0).nullable().optional(),
    /** Named list overrides (e.g. `booster_dates`). */
    lists: z.record(z.string(), z.array(z.string())).optional(),
    /** Name to save the simulation under. */
    name: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((request) => (request.campaignId === undefined) !== (request.definition === undefined), { message: 'indiquez une campagne du catalogue ou une définition', path: ['campaignId'] })
  .refine((request) => request.from <= request.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] });
export type SimulationRequest = z.infer<typeof SimulationRequest>;

/** A saved simulation (list entry); `result` is null while its job runs or when it failed. */
export const SavedSimulation = z.object({
  id: z.number().int(),
  name: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  from: CalendarDay,
  to: CalendarDay,
  createdAt: z.string(),
  totals: SimulationResult.shape.totals.nullable(),
});
export type SavedSimulation = z.infer<typeof SavedSimulation>;

/** One node of an amount's explanation (cents may be fractional before the final rounding). */
export interface ExplanationTerm {
  label: string;
  cents: number;
  detail?: string | undefined;
  children?: ExplanationTerm[] | undefined;
}
export const ExplanationTerm: z.ZodType<ExplanationTerm> = z.lazy(() =>
  z.object({ label: z.string(), cents: z.number(), detail: z.string().optional(), children: z.array(ExplanationTerm).optional() }),
);

/** Why one journey of a simulation got its amount: eligibility, formula terms, limits that counted or cut it. */
export const TripExplanation = z.object({
  journeyId: z.string(),
  /** Local day of the start and distance in metres, to recognise the journey. */
  day: z.string(),
  distanceM: z.number(),
  eligible: z.boolean(),
  amountCents: z.number().int(),
  statelessAmountCents: z.number().int(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  terms: ExplanationTerm.nullable(),
  limits: z.array(z.object({ label: z.string(), counterBefore: z.number(), counterAfter: z.number(), max: z.number(), amountBefore: z.number(), amountAfter: z.number() })),
});
export type TripExplanation = z.infer<typeof TripExplanation>;
