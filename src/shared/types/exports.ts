import { z } from 'zod';

/** A file in the exports folder. */
export const ExportFile = z.object({
  name: z.string(),
  /** Absolute path on this computer. */
  path: z.string(),
  /** What it holds, from its name: APDF workbook, territory statistics, trip list, rejected lines, case files, other. */
  kind: z.enum(['apdf', 'stats', 'trips', 'rejected', 'cases', 'other']),
  sizeBytes: z.number().int(),
  /** Last modification, ISO UTC. */
  modifiedAt: z.string(),
});
export type ExportFile = z.infer<typeof ExportFile>;

/** A registry campaign × month × operator found in the extracts' incentive columns (one possible APDF workbook). */
export const CampaignMonth = z.object({
  campaignId: z.string(),
  campaignName: z.string().nullable(),
  /** `YYYY-MM`, Europe/Paris. */
  month: z.string(),
  operatorId: z.number().int(),
  operatorName: z.string(),
  journeys: z.number().int(),
  /** Journeys with an amount > 0. */
  subsidized: z.number().int(),
  /** Σ amounts, cents. */
  amountCents: z.number().int(),
});
export type CampaignMonth = z.infer<typeof CampaignMonth>;

/**
 * CSV flavour of the trip list. `excel-fr` (the default) opens as is in French Excel: `;` separators, decimal commas,
 * dates `dd/mm/yyyy hh:mm:ss`, UTF-8 with BOM. `standard` is for programs (R, Python, databases): `,` separators,
 * decimal points, dates `YYYY-MM-DD HH:MM:SS`, UTF-8 without BOM. Both in Paris time, CRLF line ends, formulas
 * neutralised.
 */
export const CsvDialect = z.enum(['excel-fr', 'standard']);
export type CsvDialect = z.infer<typeof CsvDialect>;
