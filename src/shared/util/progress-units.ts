import type { JobKind } from '../types/jobs';

/** What the `current` and `total` of one step of a job count. */
export type ProgressUnit =
  | 'rows'
  | 'journeys'
  | 'checks'
  | 'flags'
  | 'months'
  | 'days'
  | 'files'
  | 'steps'
  | 'levels'
  | 'shapes'
  | 'attestations';

/**
 * The unit of each counted step of each kind of job, as its worker task reports it (`context.progress(step, current,
 * total)`): a scan counts checks then flags, a statistics refresh months, a demo load rows. Steps left out count
 * nothing worth showing (waiting in the lane, hashing a file, finalising, reading before the count is known): the UI
 * and the CLI show their name alone. A `Record` over the kinds, so that a new kind of job has to say what it counts.
 */
export const PROGRESS_UNITS: Readonly<Record<JobKind, Readonly<Record<string, ProgressUnit>>>> = {
  'demo.load': { write: 'rows' },
  'extract.import': { import: 'rows' },
  'aom.import': { read: 'rows', write: 'rows' },
  'stats.refresh': { aggregate: 'months' },
  'export.stats': { query: 'steps', write: 'steps' },
  'export.trips': { write: 'rows' },
  'export.apdf': { write: 'rows', check: 'rows' },
  'campaign.simulate': { simulate: 'journeys' },
  'campaign.explain': { simulate: 'journeys' },
  'campaign.warm': { blocks: 'days' },
  'checks.scan': { scan: 'checks', store: 'flags' },
  'export.cases': { write: 'files' },
  'store.pseudonymise': { pseudonymise: 'journeys' },
  'map.simulation-overlay': { simulate: 'journeys' },
  'contours.import': { read: 'shapes', simplify: 'levels', derive: 'levels', write: 'shapes' },
  'attestation.batch': { simulate: 'journeys', issue: 'attestations' },
  'declaration.import': { check: 'rows' },
  'observatory.publish': { assets: 'files', site: 'files' },
  'territory.report': { write: 'files' },
};

/** The unit `step` of a `kind` job counts in, or null when that step's figures mean nothing to a user. */
export function progressUnit(kind: JobKind, step: string): ProgressUnit | null {
  const steps = PROGRESS_UNITS[kind];
  // Own keys only: a step named like an Object method (`constructor`) must not find one.
  return Object.hasOwn(steps, step) ? (steps[step] ?? null) : null;
}
