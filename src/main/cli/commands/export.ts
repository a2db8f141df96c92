import { StatsQuery } from '../../../shared/types/stats';
import { formatInteger } from '../../../shared/util/format';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';
import { printProgress } from '../progress-printer';

/**
 * `atelier export stats --db FILE --level LEVEL --code CODE --from DATE --to DATE [--direction D] --out FILE.xlsx
 * [--json]`: the territory statistics workbook, written by the same job as the Exports page. Builds the
 * aggregates first when the store has journeys but none yet.
 */
export async function exportStatsCommand(
  context: CliContext,
  options: { db?: string | undefined; level?: string | undefined; code?: string | undefined; from?: string | undefined; to?: string | undefined; direction?: string | undefined; out?: string | undefined; json: boolean },
): Promise<void> {
  if (!options.out || !options.out.toLowerCase().endsWith('.xlsx')) throw new CliError('--out FICHIER.xlsx est obligatoire');
  const parsed = StatsQuery.safeParse({ level: options.level, code: options.code, from: options.from, to: options.to, direction: options.direction ?? 'both', granularity: 'month' });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--${String(issue?.path[0] ?? 'option')} : ${issue?.message ?? 'valeur invalide'} (niveaux : com, epci, aom, dep, reg, country ; dates AAAA-MM-JJ)`);
  }
  const services = await openStore(context, options.db, true);
  const unsubscribe = printProgress(context, services.bus);
  try {
    if ((await services.stats.period()) === null) {
      const refresh = await services.stats.refresh();
      if (refresh === null) throw new CliError('La base ne contient aucun trajet : importez des extraits d’abord.');
      await services.runner.wait(refresh);
    }
    const { jobId, file } = await services.exports.exportStats(parsed.data, options.out);
    const done = await services.runner.wait(jobId);
    if (context.interactive) context.stderr('\n');
    if (done?.status !== 'done') throw new CliError(`Export non terminé : ${done?.error ?? done?.status ?? 'inconnu'}`);
    const summary = done.summary ?? {};
    if (options.json) context.stdout(JSON.stringify({ file, ...summary }, null, 2));
    else context.stdout(`${file} : ${formatInteger(Number(summary.journeys ?? 0))} trajets, ${formatInteger(Number(summary.communes ?? 0))} communes, ${formatInteger(Number(summary.flows ?? 0))} flux.`);
  } finally {
    unsubscribe();
    await services.close();
  }
}
