import type { AuditVerification } from '../../shared/types/store';
import type { AuditEntryInput, AuditLogRepository } from '../db/repositories/audit-log-repository';

/** Records who did what in the append-only audit log, and checks the log's hash chain. */
export class AuditService {
  constructor(
    private readonly repository: AuditLogRepository,
    /** Who this session acts as (the system user name), recorded with every entry. */
    readonly actor: string,
    private readonly now: () => Date,
  ) {}

  /** Appends an entry in the name of this session's user; returns its id. */
  async record(entry: Omit<AuditEntryInput, 'actor'>): Promise<number> {
    return this.repository.append({ ...entry, actor: this.actor }, this.now().toISOString());
  }

  async verify(): Promise<AuditVerification> {
    const { entries, firstBrokenId } = await this.repository.verify();
    return { entries, intact: firstBrokenId === null, firstBrokenId };
  }
}
