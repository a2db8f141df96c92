import { z } from 'zod';

/** One file of the sync log (an import batch). Instants are ISO UTC; periods are Europe/Paris calendar days. */
export const SyncLogEntry = z.object({
  id: z.number().int(),
  /** Path of the imported file, or a description for generated data. */
  source: z.string(),
  fileName: z.string().nullable(),
  /** Detected format(s), e.g. `territory` or `territory+operator` for a zip of several CSVs. */
  format: z.string(),
  /** running, committed, cancelled or failed. */
  status: z.string(),
  /** sha256 of the file's bytes. */
  contentHash: z.string().nullable(),
  /** File size in bytes. */
  fileSize: z.number().int().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  rowsRead: z.number().int(),
  rowsInserted: z.number().int(),
  rowsUpdated: z.number().int(),
  rowsUnchanged: z.number().int(),
  rowsRejected: z.number().int(),
  /** INSEE codes that resolved nowhere, with their number of occurrences (kept on the journeys). */
  unresolvedCodes: z.record(z.string(), z.number().int()),
  /** Text encoding the file was read in (`utf-8`, `windows-1252`, `ascii`, `+`-joined for a zip), null when not read. */
  encoding: z.string().nullable(),
  /** French warnings about a file imported all the same (a CSV of a zip without any line…). */
  warnings: z.array(z.string()),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Seconds between start and end, or null while running. */
  durationSeconds: z.number().nullable(),
  error: z.string().nullable(),
});
export type SyncLogEntry = z.infer<typeof SyncLogEntry>;

/** What the store covers. */
export const Coverage = z.object({
  /** First and last local day of a journey, or null on an empty store. */
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  /** Driver–passenger pairs. */
  journeys: z.number().int(),
  /** Car trips: distinct operator trip ids, plus journeys without one. */
  trips: z.number().int(),
  operators: z.number().int(),
  /** Distinct start or end communes, départements and régions. */
  communes: z.number().int(),
  departements: z.number().int(),
  regions: z.number().int(),
  /** Journeys per registry status (ok, fraud_error, anomaly_error, pending, or `inconnu` for open data). */
  byStatus: z.record(z.string(), z.number().int()),
});
export type Coverage = z.infer<typeof Coverage>;

/** A line kept in quarantine with the reason it was refused. */
export const RejectedRow = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  fileName: z.string(),
  /** 1-based line number in the file (a quoted field may span several lines; this is the first). */
  line: z.number().int(),
  /** Column at fault, or null for a whole-line problem (wrong number of fields, duplicate…). */
  field: z.string().nullable(),
  /** Stable reason, e.g. `classe de preuve inconnue`. */
  reason: z.string(),
  /** This occurrence: the value found, the limit, the line of the first copy… */
  detail: z.string().nullable(),
  raw: z.string(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

/** Filter of the quarantine browser and its CSV export. */
export const RejectedFilter = z
  .object({
    batchId: z.number().int().positive().optional(),
    /** Exact reason, as listed by `extracts:rejected-reasons`. */
    reason: z.string().max(500).optional(),
  })
  .strict();
export type RejectedFilter = z.infer<typeof RejectedFilter>;

/** The store's AOM table per source: `demo` (shipped), `learned` (from extracts), `cerema` (imported file). */
export const AomSummary = z.object({
  sources: z.array(
    z.object({
      source: z.enum(['demo', 'learned', 'cerema']),
      /** Communes the source gives an AOM for. */
      communes: z.number().int(),
      /** Distinct AOMs (SIREN) among them. */
      aoms: z.number().int(),
      /** Latest update, ISO UTC. */
      updatedAt: z.string().nullable(),
    }),
  ),
});
export type AomSummary = z.infer<typeof AomSummary>;
