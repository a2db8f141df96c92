import type { JobRecord } from '../../shared/types/jobs';
import type { JobsRepository } from '../db/repositories/jobs-repository';
import type { JobRunner } from '../jobs/job-runner';

/** Job history and cancellation for the UI and the CLI. */
export class JobsService {
  constructor(
    private readonly repository: JobsRepository,
    private readonly runner: JobRunner,
  ) {}

  /** Most recent jobs, running ones first. */
  list(limit = 20): Promise<JobRecord[]> {
    return this.repository.list(limit);
  }

  /** Cancels a running job; resolves once its writes are undone. */
  cancel(jobId: string): Promise<void> {
    return this.runner.cancel(jobId);
  }
}
