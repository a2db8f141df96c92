import type { ChecksSummary } from '../../shared/types/checks';
import type { ChecksRepository, StoredFlag } from '../db/repositories/checks-repository';
import { CHECK_CATALOGUE } from '../domain/checks';
import type { JobDefinition } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';

/**
 * Anomaly and fraud checks on the store (docs/checks.md): scans as jobs whose runs and flags are stored, and the
 * flags of a check. The review workflow (Contrôles page, decisions) builds on these.
 */
export class ChecksService {
  private readonly definition: JobDefinition<{ from: string | null; to: string | null }, null>;

  constructor(
    private readonly runner: JobRunner,
    private readonly checks: ChecksRepository,
    dbFile: string,
    now: () => Date,
  ) {
    this.definition = {
      kind: 'checks.scan',
      task: 'checks.scan',
      tables: ['check_runs', 'check_flags'],
      prepare: async (params) => ({ context: null, workerParams: { dbFile, ...params, overrides: {}, generatedAt: now().toISOString() }, total: 0 }),
      commit: async (_context, summary) => summary,
      // The run and its flags are written in one transaction at the end of the worker: nothing to undo before.
      rollback: async () => undefined,
    };
  }

  /** Starts a scan of every check over a period (local days, inclusive) or the whole store; answers the job id. */
  scan(range: { from: string | null; to: string | null }): Promise<string> {
    return this.runner.start(this.definition, range);
  }

  latestRun() {
    return this.checks.latestRun();
  }

  flags(runId: number, checkId: string, limit?: number): Promise<StoredFlag[]> {
    return this.checks.flags(runId, checkId, limit);
  }

  /** The catalogue with the counts of the latest scan. */
  async summary(): Promise<ChecksSummary> {
    const run = await this.checks.latestRun();
    const counts = run ? await this.checks.counts(run.id) : new Map<string, number>();
    return {
      run,
      checks: CHECK_CATALOGUE.map((meta) => ({ id: meta.id, family: meta.family, label: meta.label, description: meta.description, severity: meta.severity, flags: counts.get(meta.id) ?? 0 })),
    };
  }
}
