import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/ipc/result';
import { ObservatoryRequest } from '../../../shared/types/territory';
import { formatBytes, formatDay, formatInteger, formatTwoDecimals } from '../../../shared/util/format';
import { scopeName } from '../../domain/observatory/site-html';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { withJobSession } from '../job-session';

/** `1 opérateur`, `4 opérateurs` (French: 0 and 1 take the singular). */
function plural(count: number, one: string, many: string): string {
  return `${formatInteger(count)} ${count > 1 ? many : one}`;
}

/**
 * `atelier observatory publish --db FILE --out DIR [--level L --code C] [--from D --to D] [--json]`: the observatory's
 * indicators written as a self-contained static site into DIR (new or empty), through the same service and job as
 * the Observatoire page. Statistics never computed are computed first. `--json` prints the folder, the files
 * written and the indicators published.
 */
async function publishCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({
    args: [...args],
    options: { db: text, out: text, level: text, code: text, from: text, to: text, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.out) throw new CliError('--out DOSSIER est obligatoire (un dossier nouveau ou vide)');
  if ((values.level === undefined) !== (values.code === undefined)) throw new CliError('--level et --code vont ensemble (par exemple --level aom --code 244400404)');
  const parsed = ObservatoryRequest.safeParse({
    territory: values.level === undefined ? null : { level: values.level, code: values.code },
    ...(values.from === undefined ? {} : { from: values.from }),
    ...(values.to === undefined ? {} : { to: values.to }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = issue?.path.at(-1) ?? 'option';
    throw new CliError(`--${String(option)} : ${issue?.message ?? 'valeur invalide'} (niveaux : com, epci, aom, dep, reg ; dates AAAA-MM-JJ)`);
  }
  await withJobSession(context, values.db, true, async (services, cancelOnInterrupt) => {
    if ((await services.stats.period()) === null) {
      const refresh = await services.stats.refresh();
      if (refresh === null) throw new CliError('La base ne contient aucun trajet : importez des extraits d’abord.');
      const refreshed = await services.runner.wait(cancelOnInterrupt(refresh));
      if (refreshed?.status !== 'done') throw new CliError(`Statistiques non calculées : ${refreshed?.error ?? refreshed?.status ?? 'inconnu'}`);
    }
    let started: Awaited<ReturnType<typeof services.observatory.publish>>;
    try {
      started = await services.observatory.publish(parsed.data, values.out);
    } catch (error) {
      throw error instanceof UserError ? new CliError(error.message) : error;
    }
    const done = await services.runner.wait(cancelOnInterrupt(started.jobId));
    if (context.interactive) context.stderr('\n');
    if (done?.status === 'cancelled') throw new CliError('Publication annulée : aucun dossier n’a été écrit.');
    if (done?.status !== 'done') throw new Error(`Publication en échec : ${done?.error ?? done?.status ?? 'inconnu'}`);
    const indicators = await services.observatory.indicators(parsed.data);
    if (values.json) {
      context.stdout(JSON.stringify({ dir: done.summary.dir, files: done.summary.files, bytes: done.summary.bytes, indicators }, null, 2));
      return;
    }
    const scope = indicators.territory ? scopeName(indicators) : 'toute la base';
    const shown = (value: number | null): string => (value === null ? `moins de ${formatInteger(indicators.minCount)}` : formatInteger(value));
    context.stdout(
      `Observatoire publié dans ${done.summary.dir} (index.html, ${plural(done.summary.files, 'fichier', 'fichiers')}, ${formatBytes(done.summary.bytes)}) — ${scope}, ` +
        `du ${formatDay(indicators.from)} au ${formatDay(indicators.to)} : ${shown(indicators.journeys)} trajets, ${shown(indicators.carpools)} covoiturages, ` +
        `${plural(indicators.operatorsSendingProofs, 'opérateur', 'opérateurs')}, ${plural(indicators.authoritiesWithCampaign.length, 'autorité', 'autorités')} avec une campagne, ` +
        `${formatTwoDecimals(indicators.co2Tonnes)} t de CO₂ évitées.`,
    );
  });
}

/** `atelier observatory ACTION …`: the Observatoire page from the command line. */
export async function observatoryCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'publish') return publishCommand(context, rest);
  throw new CliError(`Action inconnue : observatory ${action ?? ''} (attendu : publish)`);
}
