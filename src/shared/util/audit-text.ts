import type { AuditProblem, AuditVerification } from '../types/store';
import { formatDateTime, formatInteger } from './format';

/** `entrée n° 3 du 28/11/2026 11:03:00 (demo.load) : contenu modifié…`, or the reason alone when no entry is named. */
export function auditProblemText(problem: AuditProblem): string {
  const parts: string[] = [];
  if (problem.entryId !== null) parts.push(`entrée n° ${problem.entryId}`);
  if (problem.at !== null) parts.push(`du ${formatDateTime(problem.at)}`);
  if (problem.action !== null) parts.push(`(${problem.action})`);
  return parts.length > 0 ? `${parts.join(' ')} : ${problem.reason}` : problem.reason;
}

/** What an intact verification covered, in one French sentence. */
export function auditCoverageText(result: AuditVerification): string {
  const legacy = result.legacyEntries > 0 ? `, dont ${formatInteger(result.legacyEntries)} de l’ancienne chaîne SHA-256 re-scellées` : '';
  return (
    `${formatInteger(result.entries)} entrée(s) vérifiée(s)${legacy} ; ` +
    `${formatInteger(result.decisionsChecked)} décision(s) et ${formatInteger(result.settingsChecked)} réglage(s) conformes au journal`
  );
}
