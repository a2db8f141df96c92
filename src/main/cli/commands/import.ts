import type { JobDone } from '../../../shared/types/jobs';
import type { SyncLogEntry } from '../../../shared/types/sync';
import { formatInteger } from '../../../shared/util/format';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';
import { printProgress } from '../progress-printer';
import { refreshStatsAfter, scanAfter } from '../refresh-stats';

/** One French line of a file's outcome, from its sync log entry. */
export function syncLine(entry: SyncLogEntry): string {
  const counts = `${formatInteger(entry.rowsRead)} lues, ${formatInteger(entry.rowsInserted)} insérées, ${formatInteger(entry.rowsUpdated)} mises à jour, ` +
    `${formatInteger(entry.rowsUnchanged)} inchangées, ${formatInteger(entry.rowsRejected)} rejetées`;
  const period = entry.periodFrom ? ` — période ${entry.periodFrom} → ${entry.periodTo}` : '';
  const unresolved = Object.keys(entry.unresolvedCodes).length;
  const codes = unresolved > 0 ? ` — ${unresolved} code(s) INSEE inconnu(s) : ${Object.keys(entry.unresolvedCodes).slice(0, 5).join(', ')}` : '';
  return `${entry.fileName ?? entry.source} [${entry.format}, ${entry.status}] : ${counts}${period}${codes}`;
}

/**
 * `atelier import FILE... [--db FILE] [--json]`: imports extract files one after the other through the job runner,
 * prints each file's counts. Exit 1 when a file could not be imported (the others still are).
 */
export async function importCommand(context: CliContext, files: readonly string[], options: { db?: string | undefined; json: boolean }): Promise<void> {
  if (files.length === 0) throw new CliError('indiquez au moins un fichier à importer');
  const services = await openStore(context, options.db, false);
  const unsubscribe = printProgress(context, services.bus);
  const jobIds: string[] = [];
  const onInterrupt = (): void => {
    for (const jobId of jobIds) void services.jobs.cancel(jobId);
  };
  process.once('SIGINT', onInterrupt);
  try {
    jobIds.push(...(await services.imports.importFiles(files)));
    const results: Array<{ file: string; job: JobDone | null; entry: SyncLogEntry | null }> = [];
    for (const [i, jobId] of jobIds.entries()) {
      const job = await services.runner.wait(jobId);
      if (context.interactive) context.stderr('\n');
      const batchId = typeof job?.summary?.batchId === 'number' ? job.summary.batchId : null;
      const entry = batchId === null ? null : ((await services.imports.syncLog(500)).find((e) => e.id === batchId) ?? null);
      results.push({ file: files[i] as string, job, entry });
    }
    if (options.json) {
      context.stdout(JSON.stringify(results.map((r) => ({ file: r.file, status: r.job?.status ?? 'failed', error: r.job?.error ?? null, batch: r.entry })), null, 2));
    } else {
      for (const result of results) {
        if (result.entry) context.stdout(syncLine(result.entry));
        else context.stdout(`${result.file} : ${result.job?.status === 'cancelled' ? 'import annulé, rien n’a été conservé' : `échec — ${result.job?.error ?? 'erreur inconnue'}`}`);
      }
    }
    await refreshStatsAfter(services, results.map((r) => r.job));
    await scanAfter(services, results.map((r) => r.job));
    const failed = results.filter((r) => r.job?.status !== 'done');
    if (failed.length > 0) throw new CliError(`${failed.length} fichier(s) non importé(s) ; la base est restée cohérente`);
  } finally {
    process.off('SIGINT', onInterrupt);
    unsubscribe();
    await services.close();
  }
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
