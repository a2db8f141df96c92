import type { JobDone } from '../../../shared/types/jobs';
import type { SyncLogEntry } from '../../../shared/types/sync';
import { formatDecimal, formatInteger } from '../../../shared/util/format';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';
import { withJobSession } from '../job-session';
import { refreshStatsAfter, scanAfter, warmBlocksAfter } from '../refresh-stats';

/** One French line of a file's outcome, from its sync log entry, with the reason it failed if it did. */
export function syncLine(entry: SyncLogEntry): string {
  const counts = `${formatInteger(entry.rowsRead)} lues, ${formatInteger(entry.rowsInserted)} insérées, ${formatInteger(entry.rowsUpdated)} mises à jour, ` +
    `${formatInteger(entry.rowsUnchanged)} inchangées, ${formatInteger(entry.rowsRejected)} rejetées`;
  const period = entry.periodFrom ? ` — période ${entry.periodFrom} → ${entry.periodTo}` : '';
  const unresolved = Object.keys(entry.unresolvedCodes).length;
  const codes = unresolved > 0 ? ` — ${unresolved} code(s) INSEE inconnu(s) : ${Object.keys(entry.unresolvedCodes).slice(0, 5).join(', ')}` : '';
  // The reason a file failed or was refused, as `--json` gives it (the text form used to leave it out).
  const error = entry.error ? ` — motif : ${entry.error.replace(/\s*[\r\n]+\s*/g, ' ')}` : '';
  const encoding = entry.encoding ? ` — encodage ${entry.encoding}` : '';
  const warnings = entry.warnings.map((warning) => ` — attention : ${warning}`).join('');
  return `${entry.fileName ?? entry.source} [${entry.format}, ${entry.status}] : ${counts}${period}${codes}${encoding}${warnings}${error}`;
}

/**
 * `atelier import FILE... [--db FILE] [--json]`: imports extract files one after the other through the job runner,
 * prints each file's counts, then refreshes the statistics, scans the new journeys and prepares their simulation blocks
 * as the app does after a sync.
 * Prints the wall time of both parts (`--json`: `{files, seconds, followup_seconds, followup_error}`). Exit 1 when a
 * file could not be imported (the others still are), or when a follow-up did not finish (the journeys stay imported).
 */
export async function importCommand(context: CliContext, files: readonly string[], options: { db?: string | undefined; json: boolean }): Promise<void> {
  if (files.length === 0) throw new CliError('indiquez au moins un fichier à importer');
  await withJobSession(context, options.db, false, async (services, cancelOnInterrupt) => {
    const started = performance.now();
    const jobIds = (await services.imports.importFiles(files)).map(cancelOnInterrupt);
    const jobs: Array<JobDone | null> = [];
    for (const jobId of jobIds) {
      jobs.push(await services.runner.wait(jobId));
      if (context.interactive) context.stderr('\n');
    }
    const seconds = (performance.now() - started) / 1000;
    // Read once the imports are over: every batch is then in the log.
    const log = await services.imports.syncLog(500);
    const results = jobs.map((job, i) => {
      const batchId = typeof job?.summary?.batchId === 'number' ? job.summary.batchId : null;
      return { file: files[i] as string, job, entry: batchId === null ? null : (log.find((e) => e.id === batchId) ?? null) };
    });
    if (!options.json) {
      for (const result of results) {
        if (result.entry) context.stdout(syncLine(result.entry));
        else context.stdout(`${result.file} : ${result.job?.status === 'cancelled' ? 'import annulé, rien n’a été conservé' : `échec — ${result.job?.error ?? 'erreur inconnue'}`}`);
      }
    }
    const followUpStarted = performance.now();
    // A follow-up that fails (a scan too large for this machine) leaves the imported journeys in place: their counts
    // are still printed, and the failure said after them.
    let followUpError: string | null = null;
    try {
      await refreshStatsAfter(services, jobs);
      await scanAfter(services, jobs);
      await warmBlocksAfter(services, jobs);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      followUpError = error.message;
    }
    const followUpSeconds = (performance.now() - followUpStarted) / 1000;
    if (options.json) {
      const fileResults = results.map((r) => ({ file: r.file, status: r.job?.status ?? 'failed', error: r.job?.error ?? null, batch: r.entry }));
      context.stdout(JSON.stringify({ files: fileResults, seconds, followup_seconds: followUpSeconds, followup_error: followUpError }, null, 2));
    } else {
      context.stdout(`Durée : import ${formatDecimal(seconds)} s, puis statistiques, analyse des nouveaux trajets et préparation des simulations ${formatDecimal(followUpSeconds)} s.`);
    }
    const failed = results.filter((r) => r.job?.status !== 'done');
    if (failed.length > 0) throw new CliError(`${failed.length} fichier(s) non importé(s) ; la base est restée cohérente`);
    if (followUpError !== null) throw new CliError(`trajets importés ; ${followUpError}`);
  });
}

/** `atelier sync-log [--db FILE] [--json] [--limit N]`: the most recent files imported, newest first. */
export async function syncLogCommand(context: CliContext, options: { db?: string | undefined; json: boolean; limit: number }): Promise<void> {
  const services = await openStore(context, options.db, true);
  try {
    const entries = await services.imports.syncLog(options.limit);
    if (options.json) context.stdout(JSON.stringify(entries, null, 2));
    else if (entries.length === 0) context.stdout('Aucun import pour le moment.');
    else for (const entry of entries) context.stdout(`#${entry.id} ${entry.startedAt.slice(0, 19).replace('T', ' ')} UTC — ${syncLine(entry)}`);
  } finally {
    await services.close();
  }
}
