import { DecideRequest, ReviewQueueRequest } from '../../../shared/types/reviews';
import { formatCents, formatInteger } from '../../../shared/util/format';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';

const DECISION_LABELS = { confirmed: 'fraude confirmée', legitimate: 'légitime', info_requested: 'information demandée' } as const;

/** The zod issues of a refused request, in French, for a CLI message. */
function issuesText(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'requête'} : ${issue.message}`).join(' ; ');
}

/**
 * `atelier review --db FILE [--persons] [--check ID] [--severity S] [--decision D] [--limit N] [--json]`: the review
 * queue, most serious first (severity, distinct checks, incentives at risk), flagged journeys or persons with a flag
 * of their own; those whose flags only restate the registry's status are counted on a line of their own.
 */
export async function reviewCommand(
  context: CliContext,
  options: { db?: string | undefined; persons: boolean; check?: string | undefined; severity?: string | undefined; decision?: string | undefined; limit?: string | undefined; json: boolean },
): Promise<void> {
  const parsed = ReviewQueueRequest.safeParse({
    kind: options.persons ? 'persons' : 'journeys',
    ...(options.check ? { check: options.check } : {}),
    ...(options.severity ? { severity: options.severity } : {}),
    ...(options.decision ? { decision: options.decision } : {}),
    limit: options.limit === undefined ? 20 : Number(options.limit),
  });
  if (!parsed.success) throw new CliError(`Filtre refusé — ${issuesText(parsed.error)}`);
  const services = await openStore(context, options.db, true);
  try {
    const page = await services.reviews.page(parsed.data);
    if (options.json) {
      context.stdout(JSON.stringify(page, null, 2));
      return;
    }
    const subjects = options.persons ? 'personne(s)' : 'trajet(s)';
    context.stdout(`${formatInteger(page.total)} ${subjects} signalé(s), incitations en jeu : ${formatCents(page.atRiskCents)}.`);
    const registry = page.groups.registry;
    if (registry.total > 0) context.stdout(`En plus, ${formatInteger(registry.total)} ${subjects} dont les signalements ne font que reprendre le statut du registre (${formatCents(registry.atRiskCents)}).`);
    for (const row of page.journeys) {
      const decision = row.decision ? ` — ${DECISION_LABELS[row.decision.decision]}` : '';
      context.stdout(`  [${row.severity}] ${row.naturalKey} ${row.startLocal} ${row.operatorName ?? ''} ${formatCents(row.atRiskCents)} ${row.checks.join(', ')}${decision}`);
    }
    for (const row of page.persons) {
      const decision = row.decision ? ` — ${DECISION_LABELS[row.decision.decision]}` : '';
      context.stdout(`  [${row.severity}] ${row.person} ${formatInteger(row.journeys)} trajet(s) ${formatCents(row.atRiskCents)} ${row.checks.join(', ')}${decision}`);
    }
  } finally {
    await services.close();
  }
}

/**
 * `atelier decide --db FILE (--journey KEY | --person KEY)... --decision confirmed|legitimate|info_requested
 * [--comment TEXT] [--json]`: records a decision on each subject, in the audit log (the CLI acts as the system user).
 */
export async function decideCommand(
  context: CliContext,
  options: { db?: string | undefined; journey?: string[] | undefined; person?: string[] | undefined; decision?: string | undefined; comment?: string | undefined; json: boolean },
): Promise<void> {
  const subjects = [
    ...(options.journey ?? []).map((key) => ({ kind: 'journey' as const, key })),
    ...(options.person ?? []).map((key) => ({ kind: 'person' as const, key })),
  ];
  const parsed = DecideRequest.safeParse({ subjects, decision: options.decision, comment: options.comment ?? '' });
  if (!parsed.success) throw new CliError(`Décision refusée — ${issuesText(parsed.error)}`);
  const services = await openStore(context, options.db, true);
  try {
    const result = await services.reviews.decide(parsed.data);
    // The statistics leave confirmed fraud out: their rebuild must end before the store closes.
    if (result.statsJobId) await services.runner.wait(result.statsJobId);
    const exclusions = await services.reviews.exclusions();
    if (options.json) context.stdout(JSON.stringify({ decided: result.decided, exclusions }, null, 2));
    else {
      context.stdout(`${formatInteger(result.decided)} décision(s) « ${DECISION_LABELS[parsed.data.decision]} » enregistrée(s) au journal d’audit.`);
      context.stdout(`Exclus des simulations et des exports : ${formatInteger(exclusions.excludedTrips)} trajet(s), ${formatCents(exclusions.excludedAtRiskCents)} d’incitations.`);
    }
  } finally {
    await services.close();
  }
}
