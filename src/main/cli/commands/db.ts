import { formatInteger } from '../../../shared/util/format';
import type { CliContext } from '../cli-services';
import { withJobSession } from '../job-session';

/**
 * `atelier db pseudonymise [--db FILE] [--json]`: converts a store that kept operators' user ids in clear to keyed
 * pseudonyms (docs/privacy.md), then rebuilds what derives from person keys (statistics, scan). Ctrl-C stops it;
 * running it again resumes it; on a converted store it changes nothing.
 */
export async function dbPseudonymiseCommand(context: CliContext, options: { db?: string | undefined; json: boolean }): Promise<void> {
  await withJobSession(context, options.db, true, async (services, cancelOnInterrupt) => {
    const outcome = await services.privacy.pseudonymise(cancelOnInterrupt);
    if (context.interactive) context.stderr('\n');
    if (options.json) context.stdout(JSON.stringify(outcome, null, 2));
    else {
      context.stdout(
        `Identifiants pseudonymisés : ${formatInteger(outcome.trips)} trajet(s), ${formatInteger(outcome.rejectedLines)} ligne(s) rejetée(s) masquée(s), ` +
          `${formatInteger(outcome.decisions)} décision(s) reprise(s) sous le pseudonyme.`,
      );
    }
  });
}
