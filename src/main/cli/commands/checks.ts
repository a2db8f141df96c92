import { CHECK_CATALOGUE } from '../../domain/checks';
import { formatDecimal, formatInteger, formatPercent } from '../../../shared/util/format';
import { StatsLevel } from '../../../shared/types/stats';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';
import { printProgress } from '../progress-printer';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `atelier scan --db FILE [--from DATE --to DATE] [--level L --code C] [--json]`: runs the enabled checks over the
 * store (or a period and/or territory, read with its history) as a job with the saved parameters, stores the flags
 * (the review queue's), and prints the counts per check and severity, precision/recall on a demo store, and the scan's
 * wall time (`seconds` with `--json`).
 */
export async function scanCommand(
  context: CliContext,
  options: { db?: string | undefined; from?: string | undefined; to?: string | undefined; level?: string | undefined; code?: string | undefined; json: boolean },
): Promise<void> {
  for (const [name, value] of [['from', options.from], ['to', options.to]] as const) {
    if (value !== undefined && !DAY.test(value)) throw new CliError(`--${name} doit être une date AAAA-MM-JJ (reçu « ${value} »)`);
  }
  if ((options.from === undefined) !== (options.to === undefined)) throw new CliError('--from et --to vont ensemble');
  if ((options.level === undefined) !== (options.code === undefined)) throw new CliError('--level et --code vont ensemble');
  const level = options.level === undefined ? undefined : StatsLevel.safeParse(options.level);
  if (level && !level.success) throw new CliError(`--level doit être l’un de ${StatsLevel.options.join(', ')} (reçu « ${options.level ?? ''} »)`);
  const territory = level?.success && options.code ? { level: level.data, code: options.code } : undefined;
  const services = await openStore(context, options.db, true);
  const unsubscribe = printProgress(context, services.bus);
  try {
    const scope = {
      ...(options.from && options.to ? { from: options.from, to: options.to } : {}),
      ...(territory ? { territory } : {}),
    };
    const started = performance.now();
    const done = await services.runner.wait(await services.checks.scan(scope));
    const seconds = (performance.now() - started) / 1000;
    if (context.interactive) context.stderr('\n');
    if (done?.status !== 'done') throw new CliError(`Contrôles non terminés : ${done?.error ?? done?.status ?? 'inconnu'}`);
    const { summary } = done;
    if (options.json) {
      context.stdout(JSON.stringify({ ...summary, seconds }, null, 2));
      return;
    }
    context.stdout(`Contrôle n° ${summary.runId} : ${formatInteger(summary.trips)} trajets, ${formatInteger(summary.flags)} signalements.`);
    for (const meta of CHECK_CATALOGUE) {
      const counts = summary.counts[meta.id];
      const text = counts ? Object.entries(counts).map(([severity, count]) => `${severity} ${formatInteger(count)}`).join(', ') : '0';
      context.stdout(`  ${meta.id.padEnd(7)} ${meta.label} : ${text}`);
    }
    if (summary.quality) {
      context.stdout('Précision / rappel sur les motifs suspects injectés de la démo (trajets) :');
      for (const score of summary.quality) {
        context.stdout(
          `  ${score.checkId.padEnd(7)} précision ${formatPercent(score.precision)}, rappel ${formatPercent(score.recall)} ` +
            `(${formatInteger(score.truePositives)} justes, ${formatInteger(score.falsePositives)} en trop, ${formatInteger(score.falseNegatives)} manqués)`,
        );
      }
    }
    context.stdout(`Durée de l’analyse : ${formatDecimal(seconds)} s.`);
  } finally {
    unsubscribe();
    await services.close();
  }
}

/** `atelier flags --db FILE --check ID [--json]`: the current flags of one check (the review queue's), with their evidence. */
export async function flagsCommand(context: CliContext, options: { db?: string | undefined; check?: string | undefined; json: boolean }): Promise<void> {
  if (!options.check) throw new CliError('--check ID est obligatoire (par exemple T01 ou T01@1 ; atelier scan liste les contrôles)');
  const services = await openStore(context, options.db, true);
  try {
    const run = await services.checks.latestRun();
    if (!run) throw new CliError('Aucun contrôle n’a encore été lancé sur cette base (atelier scan).');
    const flags = await services.checks.flags(options.check);
    if (options.json) context.stdout(JSON.stringify({ runId: run.id, flags }, null, 2));
    else {
      context.stdout(`Dernier contrôle n° ${run.id} ; ${options.check} : ${formatInteger(flags.length)} signalement(s) en cours.`);
      for (const flag of flags) {
        const evidence = Object.entries(flag.evidence).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : String(value)}`).join(' ');
        context.stdout(`  [${flag.severity}] ${flag.journeyKeys.join(', ')} — ${evidence}`);
      }
    }
  } finally {
    await services.close();
  }
}
