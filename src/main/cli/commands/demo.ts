import type { JobDone } from '../../../shared/types/jobs';
import { formatInteger } from '../../../shared/util/format';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { withJobSession } from '../job-session';
import { refreshStatsAfter, scanAfter } from '../refresh-stats';

/** Parses a whole number option within bounds, or fails with a message naming the option. */
export function integerOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliError(`--${name} doit être un entier entre ${formatInteger(min)} et ${formatInteger(max)} (reçu « ${raw} »)`);
  }
  return value;
}

/**
 * `atelier demo [--db FILE] [--trips N] [--seed S] [--patterns N] [--json]`: loads the demo dataset (with N labelled
 * instances of each suspicious pattern) through the job runner, scans it, with progress on stderr; Ctrl-C cancels
 * and undoes the partial load.
 */
export async function demoCommand(
  context: CliContext,
  options: { db?: string | undefined; trips?: string | undefined; seed?: string | undefined; patterns?: string | undefined; json: boolean },
): Promise<JobDone> {
  const trips = integerOption('trips', options.trips, 100, 2_000_000);
  const seed = integerOption('seed', options.seed, 0, 2 ** 31 - 1);
  const patterns = integerOption('patterns', options.patterns, 0, 50);
  return withJobSession(context, options.db, false, async (services, cancelOnInterrupt) => {
    const done = await services.runner.wait(cancelOnInterrupt(await services.demo.start({ trips, seed, patterns })));
    if (context.interactive) context.stderr('\n');
    if (!done) throw new Error('Le traitement a disparu sans résultat.');
    await refreshStatsAfter(services, [done]);
    await scanAfter(services, [done]);
    if (options.json) context.stdout(JSON.stringify(done, null, 2));
    else if (done.status === 'done') {
      const { summary } = done;
      context.stdout(
        `Données de démonstration chargées : ${formatInteger(summary.rowsInserted)} trajets insérés, ` +
          `${formatInteger(summary.rowsUnchanged)} déjà présents (période ${summary.periodFrom} → ${summary.periodTo})` +
          `${summary.injected > 0 ? ` ; dont ${formatInteger(summary.injected)} trajets suspects injectés et étiquetés` : ''}.`,
      );
    }
    if (done.status === 'cancelled') throw new CliError('Chargement annulé : aucune donnée partielle n’a été conservée.');
    if (done.status === 'failed') throw new Error(done.error ?? 'Chargement en échec');
    return done;
  });
}
