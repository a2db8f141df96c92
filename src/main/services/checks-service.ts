import type { ChecksSummary } from '../../shared/types/checks';
import type { CheckParameterOverridesInput, CheckParametersView, ScanScope } from '../../shared/types/reviews';
import { CHECK_PARAMETERS_SETTING, parametersView, validateOverrides } from '../checks/check-parameter-settings';
import type { ChecksRepository, StoredFlag } from '../db/repositories/checks-repository';
import type { SettingsRepository } from '../db/repositories/settings-repository';
import { CHECK_CATALOGUE, type CheckParameterOverrides } from '../domain/checks';
import type { AuditService } from './audit-service';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { TaskSummary } from '../workers/task-registry';
import type { JobRunner } from '../jobs/job-runner';

/**
 * Anomaly and fraud checks on the store (docs/checks.md): scans as jobs whose runs and flags are stored (the
 * review queue's flags), the flags of a check, and the checks' parameters saved in settings.
 */
export class ChecksService {
  private readonly definition: JobDefinition<'checks.scan', { scope: ScanScope; trigger: 'manual' | 'sync' }, null>;

  constructor(
    private readonly runner: JobRunner,
    private readonly checks: ChecksRepository,
    private readonly settings: SettingsRepository,
    private readonly audit: AuditService,
    storeAddress: string,
    private readonly now: () => Date,
  ) {
    this.definition = {
      kind: 'checks.scan',
      task: 'checks.scan',
      tables: ['check_runs', 'check_flags', 'check_flag_journeys', 'check_flag_persons'],
      prepare: async (params) => ({
        context: null,
        workerParams: { storeAddress, ...params, overrides: await this.overrides(), generatedAt: now().toISOString() },
        total: 0,
      }),
      commit: async (_context, summary) => summary,
      // The run and its flags are written in one transaction at the end of the worker: nothing to undo before.
      rollback: async () => undefined,
    };
  }

  /**
   * Starts a scan of the enabled checks over a scope (period of local days, inclusive, and/or territory; empty:
   * the whole store) with the saved parameters; `sync` marks the incremental scan after an import. Answers the job id.
   */
  scan(scope: ScanScope, trigger: 'manual' | 'sync' = 'manual'): Promise<JobId<TaskSummary<'checks.scan'>>> {
    return this.runner.start(this.definition, { scope, trigger });
  }

  /** The saved parameter overrides (a stored value that no longer fits is ignored: defaults apply). */
  async overrides(): Promise<CheckParameterOverrides> {
    const stored = (await this.settings.all())[CHECK_PARAMETERS_SETTING];
    if (stored === undefined || stored === null || typeof stored !== 'object') return {};
    try {
      return validateOverrides(stored as CheckParameterOverridesInput);
    } catch {
      return {};
    }
  }

  /** Every check with its parameters in use, defaults, labels and units. */
  async parameters(): Promise<CheckParametersView> {
    return parametersView(await this.overrides());
  }

  /** Validates and saves parameter overrides (replacing the saved ones); answers the updated view. */
  async saveParameters(input: CheckParameterOverridesInput): Promise<CheckParametersView> {
    const overrides = validateOverrides(input);
    const before = await this.overrides();
    await this.settings.set(CHECK_PARAMETERS_SETTING, overrides, this.now().toISOString());
    await this.audit.record({ action: 'checks.parameters', entity: 'paramètres des contrôles', entityId: null, before, after: overrides });
    return parametersView(overrides);
  }

  latestRun() {
    return this.checks.latestRun();
  }

  /** Current flags of one check (`T01` or `T01@1`), at most `limit`. */
  flags(checkId: string, limit?: number): Promise<StoredFlag[]> {
    return this.checks.flags(checkId, limit);
  }

  /** The catalogue with the counts of current flags, and the latest scan. */
  async summary(): Promise<ChecksSummary> {
    const run = await this.checks.latestRun();
    const counts = await this.checks.counts();
    return {
      run,
      checks: CHECK_CATALOGUE.map((meta) => ({ id: meta.id, family: meta.family, label: meta.label, description: meta.description, severity: meta.severity, flags: counts.get(meta.id) ?? 0 })),
    };
  }
}
