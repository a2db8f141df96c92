import type { StorePseudonymisation } from '../db/pseudonymise-store';
import type { JobDefinition } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import type { AuditService } from './audit-service';
import type { ChecksService } from './checks-service';
import type { ReviewService } from './review-service';
import type { StatsService } from './stats-service';
import { UserError } from '../../shared/ipc/result';
import { Decision } from '../../shared/types/reviews';

/** What converting a store to pseudonymised user ids did (`PrivacyService.pseudonymise`). */
export interface PseudonymisationOutcome {
  trips: number;
  rejectedLines: number;
  /** Decisions on persons recorded again under their pseudonymised key. */
  decisions: number;
}

/**
 * Personal data at rest (docs/privacy.md): converts a store that kept operators' user ids in clear to pseudonyms —
 * a job over every journey and quarantined line, then the decisions on persons named by a clear id recorded again
 * under their pseudonym (audited), then the statistics and a whole-store scan rebuilt (their person keys changed).
 * Running it again on a converted store changes nothing.
 */
export class PrivacyService {
  private readonly definition: JobDefinition<'store.pseudonymise', Record<string, never>, null, StorePseudonymisation>;

  constructor(
    private readonly runner: JobRunner,
    private readonly audit: AuditService,
    private readonly reviews: ReviewService,
    private readonly stats: StatsService,
    private readonly checks: ChecksService,
    storeAddress: string,
  ) {
    this.definition = {
      kind: 'store.pseudonymise',
      task: 'store.pseudonymise',
      tables: ['trips', 'rejected_rows', 'campaign_trip_blocks', 'campaign_persons', 'people_first', 'store_privacy'],
      prepare: async () => ({ context: null, workerParams: { storeAddress, pseudonymKey: this.audit.pseudonymKey() ?? '' }, total: 0 }),
      commit: async (_context, summary) => summary,
      // Each page is converted in its own transaction and the conversion is idempotent: running it again resumes it.
      rollback: async () => undefined,
    };
  }

  /** Converts the store; `job` is told each job id as it starts (progress, cancel). */
  async pseudonymise(job: (jobId: string) => void = () => undefined): Promise<PseudonymisationOutcome> {
    const jobId = await this.runner.start(this.definition, {});
    job(jobId);
    const done = await this.runner.wait(jobId);
    if (done?.status !== 'done') throw new UserError('conflict', `Pseudonymisation non terminée : ${done?.error ?? done?.status ?? 'inconnu'} — relancez-la pour la reprendre.`);
    const { trips, rejectedLines, personDecisions } = done.summary;
    for (const { pseudonymKey, decision, comment } of personDecisions) {
      await this.reviews.decide({
        subjects: [{ kind: 'person', key: pseudonymKey }],
        decision: Decision.parse(decision),
        comment: `${comment} (décision reprise lors de la pseudonymisation des identifiants)`.slice(0, 2_000),
      });
    }
    if (trips > 0) {
      const refresh = await this.stats.refresh();
      if (refresh !== null) {
        job(refresh);
        await this.runner.wait(refresh);
      }
      const scan = await this.checks.scan({});
      job(scan);
      await this.runner.wait(scan);
    }
    return { trips, rejectedLines, decisions: personDecisions.length };
  }
}
