import { auditCoverageText, auditProblemText } from '../../../shared/util/audit-text';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';

/**
 * `atelier audit verify --db FILE [--key-dir DIR] [--json]`: verifies the audit log (keyed chain, anchor outside the
 * store, decisions and settings against their entries). Answers true when intact (exit 0), false otherwise (exit 1).
 */
export async function auditVerifyCommand(context: CliContext, options: { db?: string | undefined; 'key-dir'?: string | undefined; json: boolean }): Promise<boolean> {
  const services = await openStore(context, options.db, true, options['key-dir'] === undefined ? {} : { keyDir: options['key-dir'] });
  try {
    const result = await services.audit.verify();
    if (options.json) {
      context.stdout(JSON.stringify(result, null, 2));
      return result.intact;
    }
    if (result.intact) {
      context.stdout(`Journal d’audit intact : ${auditCoverageText(result)}.`);
      context.stdout(`Ancre hors de la base : ${result.anchoredEntryId === null ? 'aucune entrée scellée pour l’instant' : `entrée n° ${result.anchoredEntryId}`}.`);
    } else {
      context.stdout('Journal d’audit NON INTÈGRE.');
      const [first, ...others] = result.problems;
      if (first) context.stdout(`Première anomalie : ${auditProblemText(first)}`);
      if (others.length > 0) {
        context.stdout(`Autres anomalies (${others.length}) :`);
        for (const problem of others) context.stdout(`  - ${auditProblemText(problem)}`);
      }
    }
    if (result.keyFile) context.stdout(`Clé de la base (à sauvegarder avec elle, à part) : ${result.keyFile}`);
    return result.intact;
  } finally {
    await services.close();
  }
}
