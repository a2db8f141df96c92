import { describeIssues, type DefinitionIssue } from '../../../shared/campaigns/validate-definition';

/** A definition (or a run-time override) the engine cannot use; `issues` name the JSON paths, in French. */
export class CampaignDefinitionError extends Error {
  constructor(readonly issues: DefinitionIssue[]) {
    super(`Définition de campagne invalide :\n${describeIssues(issues)}`);
    this.name = 'CampaignDefinitionError';
  }
}

/** Collects the issues found while compiling, so that one pass reports them all. */
export class IssueCollector {
  readonly issues: DefinitionIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** Throws every collected issue at once, if any. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new CampaignDefinitionError(this.issues);
  }
}
