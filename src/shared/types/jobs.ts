import { z } from 'zod';

/** Kinds of long-running work the job runner knows. */
export const JobKind = z.enum(['demo.load', 'extract.import', 'aom.import', 'stats.refresh', 'export.stats', 'export.trips', 'export.apdf', 'campaign.simulate', 'campaign.explain', 'campaign.warm', 'checks.scan', 'export.cases', 'store.pseudonymise', 'map.simulation-overlay', 'contours.import', 'attestation.batch', 'declaration.import', 'observatory.publish', 'territory.report']);
export type JobKind = z.infer<typeof JobKind>;

/** Lifecycle of a job; `interrupted` marks a job found running when the application restarted. */
export const JobStatus = z.enum(['running', 'done', 'failed', 'cancelled', 'interrupted']);
export type JobStatus = z.infer<typeof JobStatus>;

/**
 * Throttled progress of a running job (at most about 10 events per second per job, plus a final one).
 * `total` is 0 when the amount of work is not known in advance.
 */
export const JobProgress = z.object({
  jobId: z.string(),
  kind: JobKind,
  /** Current step, a stable machine name (`generate`, `write`, `finalize`...) translated by the UI. */
  step: z.string(),
  /** Units of work done in this job (rows for data jobs). */
  current: z.number().int().nonnegative(),
  /** Units of work expected; 0 = indeterminate. */
  total: z.number().int().nonnegative(),
  /** Smoothed throughput in units per second. */
  rowsPerSecond: z.number().nonnegative(),
  /** Estimated seconds left, or null when it cannot be estimated yet. */
  etaSeconds: z.number().nonnegative().nullable(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** A job as kept in the `jobs` history table. Instants are ISO 8601 UTC strings. */
export const JobRecord = z.object({
  id: z.string(),
  kind: JobKind,
  status: JobStatus,
  /** Parameters the job was started with (already validated). */
  params: z.record(z.string(), z.unknown()),
  /** Result figures of a finished job (rows written, seconds…), or null. */
  summary: z.record(z.string(), z.unknown()).nullable(),
  /** French message of a failed job, or null. */
  error: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Last progress known, so a reloaded window can redraw a running job. */
  current: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  step: z.string().nullable(),
});
export type JobRecord = z.infer<typeof JobRecord>;

/** Sent once when a job ends, whatever the outcome. */
export const JobDone = z.object({
  jobId: z.string(),
  kind: JobKind,
  status: JobStatus.exclude(['running']),
  summary: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});
export type JobDone = z.infer<typeof JobDone>;
