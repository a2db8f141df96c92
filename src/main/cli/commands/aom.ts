import { formatInteger } from '../../../shared/util/format';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';
import { withJobSession } from '../job-session';
import { refreshStatsAfter } from '../refresh-stats';

/**
 * `atelier aom import FILE [--db FILE] [--json]`: imports the Cerema « composition communale des AOM » file
 * (XLSX or CSV) through the job runner, then prints what changed in the AOM table and in stored journeys.
 */
export async function aomImportCommand(context: CliContext, file: string | undefined, options: { db?: string | undefined; json: boolean }): Promise<void> {
  if (!file) throw new CliError('indiquez le fichier Cerema à importer (.xlsx ou .csv)');
  await withJobSession(context, options.db, false, async (services, cancelOnInterrupt) => {
    const done = await services.runner.wait(cancelOnInterrupt(await services.aoms.importCerema(file)));
    if (context.interactive) context.stderr('\n');
    if (!done || done.status !== 'done') {
      throw new CliError(done?.status === 'cancelled' ? 'Import annulé : le référentiel est inchangé.' : (done?.error ?? 'Import en échec.'));
    }
    await refreshStatsAfter(services, [done]);
    const { summary } = done;
    if (options.json) context.stdout(JSON.stringify(summary, null, 2));
    else {
      context.stdout(
        `${file} [${summary.format}] : ${formatInteger(summary.communes)} communes lues — ${formatInteger(summary.inserted)} ajoutées, ` +
          `${formatInteger(summary.replaced)} remplacées, ${formatInteger(summary.kept)} conservées ; ${formatInteger(summary.rejectedCount)} lignes refusées ; ` +
          `${formatInteger(summary.tripsUpdated)} extrémités de trajets reçoivent une nouvelle AOM.`,
      );
    }
  });
}

/** `atelier aom summary [--db FILE] [--json]`: communes and AOMs of the AOM table per source. */
export async function aomSummaryCommand(context: CliContext, options: { db?: string | undefined; json: boolean }): Promise<void> {
  const services = await openStore(context, options.db, true);
  try {
    const { sources } = await services.aoms.summary();
    if (options.json) context.stdout(JSON.stringify(sources, null, 2));
    else for (const row of sources) context.stdout(`${row.source} : ${formatInteger(row.communes)} communes, ${formatInteger(row.aoms)} AOM (mis à jour ${row.updatedAt ?? '—'})`);
  } finally {
    await services.close();
  }
}
