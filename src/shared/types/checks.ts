import { z } from 'zod';

/** A check of the catalogue with the counts of the latest scan. */
export const CheckSummaryRow = z.object({
  /** Versioned id, `T01@1`. */
  id: z.string(),
  family: z.enum(['trip', 'person', 'graph']),
  label: z.string(),
  description: z.string(),
  severity: z.enum(['info', 'warning', 'high']),
  /** Flags of the latest scan (0 before any scan). */
  flags: z.number().int(),
});

/** The latest scan (null before any) and every check with its count. */
/** Precision and recall of a check against the demo's labelled patterns (journeys counted once per check). */
export const CheckQuality = z.object({
  checkId: z.string(),
  truePositives: z.number().int(),
  falsePositives: z.number().int(),
  falseNegatives: z.number().int(),
  precision: z.number(),
  recall: z.number(),
});

export const ChecksSummary = z.object({
  run: z
    .object({
      id: z.number().int(),
      trips: z.number().int(),
      flags: z.number().int(),
      createdAt: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      /** Against the demo's injected patterns; null on a store without them. */
      quality: z.array(CheckQuality).nullable(),
    })
    .nullable(),
  checks: z.array(CheckSummaryRow),
});
export type ChecksSummary = z.infer<typeof ChecksSummary>;

/** A flag as the Contrôles page shows it: journeys (natural keys), persons (identity keys) and evidence. */
export const CheckFlagView = z.object({
  checkId: z.string(),
  severity: z.string(),
  journeyKeys: z.array(z.string()),
  persons: z.array(z.string()),
  evidence: z.record(z.string(), z.unknown()),
});
export type CheckFlagView = z.infer<typeof CheckFlagView>;
