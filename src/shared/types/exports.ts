import { z } from 'zod';

/** A file in the exports folder. */
export const ExportFile = z.object({
  name: z.string(),
  /** Absolute path on this computer. */
  path: z.string(),
  /** What it holds, from its name: APDF workbook, territory statistics, trip list, rejected lines, other. */
  kind: z.enum(['apdf', 'stats', 'trips', 'rejected', 'other']),
  sizeBytes: z.number().int(),
  /** Last modification, ISO UTC. */
  modifiedAt: z.string(),
});
export type ExportFile = z.infer<typeof ExportFile>;
