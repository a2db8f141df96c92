import type { CsvDialect } from '../../../shared/types/exports';
import { CaseExportRequest } from '../../../shared/types/reviews';
import { StatsQuery } from '../../../shared/types/stats';
import { TripFilter } from '../../../shared/types/trip-filter';
import { formatCents, formatInteger } from '../../../shared/util/format';
import type { JobId, JobSummary } from '../../jobs/job-definition';
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
    const summary = await waitExport(context, services, jobId);
    if (options.json) context.stdout(JSON.stringify(summary, null, 2));
    else context.stdout(`${file} : ${formatInteger(summary.journeys)} trajets, ${formatInteger(summary.communes)} communes, ${formatInteger(summary.flows)} flux.`);
  } finally {
    unsubscribe();
    await services.close();
  }
}

/** « (N exclus : fraude confirmée) » when confirmed fraud left journeys out of an export. */
function excludedText({ excludedConfirmedFraud }: { excludedConfirmedFraud: number }): string {
  return excludedConfirmedFraud > 0 ? ` (${formatInteger(excludedConfirmedFraud)} exclu(s) : fraude confirmée)` : '';
}

/** The store id of `--operator NAME` (case-insensitive), or a usage error naming it. */
async function operatorIdOf(services: Awaited<ReturnType<typeof openStore>>, name: string): Promise<number> {
  const id = await services.exports.operatorId(name);
  if (id === null) throw new CliError(`Opérateur inconnu dans la base : « ${name} »`);
  return id;
}

/** Runs an export job to its end with progress on stderr; answers its summary or fails with its reason. */
async function waitExport<R extends JobSummary>(context: CliContext, services: Awaited<ReturnType<typeof openStore>>, jobId: JobId<R>): Promise<R> {
  const done = await services.runner.wait(jobId);
  if (context.interactive) context.stderr('\n');
  if (done?.status !== 'done') throw new CliError(`Export non terminé : ${done?.error ?? done?.status ?? 'inconnu'}`);
  return done.summary;
}

/** Values of `--csv`: French Excel (the default) or standard CSV (see `CsvDialect`). */
const CSV_DIALECT_OPTIONS: ReadonlyMap<string, CsvDialect> = new Map([['excel', 'excel-fr'], ['standard', 'standard']]);

/**
 * `atelier export trips --db FILE --from DATE --to DATE [--level L --code C] [--operator NAME] [--status S]
 * --out FILE.csv|FILE.xlsx [--csv excel|standard] [--json]`: the trip list of a filter (xlsx continues on further
 * sheets beyond 1,048,575 journeys; a CSV is for French Excel unless `--csv standard`).
 */
export async function exportTripsCommand(
  context: CliContext,
  options: {
    db?: string | undefined; from?: string | undefined; to?: string | undefined; level?: string | undefined; code?: string | undefined; operator?: string | undefined;
    status?: string | undefined; out?: string | undefined; 'include-confirmed-fraud'?: boolean | undefined; csv?: string | undefined; json: boolean;
  },
): Promise<void> {
  const format = options.out?.toLowerCase().endsWith('.csv') ? 'csv' : options.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
  if (!options.out || !format) throw new CliError('--out FICHIER.csv ou FICHIER.xlsx est obligatoire');
  const csvDialect = CSV_DIALECT_OPTIONS.get(options.csv ?? 'excel');
  if (!csvDialect) throw new CliError(`--csv : « ${options.csv ?? ''} » inconnu (attendu : excel ou standard)`);
  if (options.csv !== undefined && format !== 'csv') throw new CliError('--csv ne vaut que pour --out FICHIER.csv');
  if ((options.level === undefined) !== (options.code === undefined)) throw new CliError('--level et --code vont ensemble');
  const services = await openStore(context, options.db, true);
  const unsubscribe = printProgress(context, services.bus);
  try {
    const operatorId = options.operator === undefined ? undefined : await operatorIdOf(services, options.operator);
    const parsed = TripFilter.safeParse({
      from: options.from, to: options.to, status: options.status, operatorId,
      territory: options.level === undefined ? undefined : { level: options.level, code: options.code },
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`--${String(issue?.path[0] ?? 'option')} : ${issue?.message ?? 'valeur invalide'}`);
    }
    const { jobId, file } = await services.exports.exportTrips(parsed.data, format, options.out, options['include-confirmed-fraud'] ?? false, csvDialect);
    const summary = await waitExport(context, services, jobId);
    if (options.json) context.stdout(JSON.stringify(summary, null, 2));
    else context.stdout(`${file} : ${formatInteger(summary.rows)} trajets${excludedText(summary)}.`);
  } finally {
    unsubscribe();
    await services.close();
  }
}

/**
 * `atelier export apdf --db FILE --campaign ID|--from-simulation ID --operator NAME --month YYYY-MM --out DIR
 * [--json]`: the APDF workbook of a registry campaign from the incentives of the extracts, or of a saved
 * simulation with its simulated amounts; checked with the registry's consistency rules after writing.
 */
export async function exportApdfCommand(
  context: CliContext,
  options: {
    db?: string | undefined; campaign?: string | undefined; 'from-simulation'?: string | undefined; operator?: string | undefined; month?: string | undefined;
    out?: string | undefined; 'include-confirmed-fraud'?: boolean | undefined; json: boolean;
  },
): Promise<void> {
  const simulationId = options['from-simulation'] === undefined ? undefined : Number(options['from-simulation']);
  if (simulationId !== undefined && !(Number.isInteger(simulationId) && simulationId > 0)) throw new CliError(`--from-simulation : numéro de simulation attendu (reçu « ${options['from-simulation'] ?? ''} »)`);
  if ((!options.campaign && simulationId === undefined) || !options.operator || !options.month || !options.out) {
    throw new CliError('--campaign (ou --from-simulation), --operator, --month et --out (dossier) sont obligatoires');
  }
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) throw new CliError(`--month doit être au format AAAA-MM (reçu « ${options.month} »)`);
  const services = await openStore(context, options.db, true);
  const unsubscribe = printProgress(context, services.bus);
  try {
    const operatorId = await operatorIdOf(services, options.operator);
    const { jobId } =
      simulationId !== undefined
        ? await services.exports.exportApdfFromSimulation({ simulationId, operatorId, month: options.month }, options.out)
        : await services.exports.exportApdf({ campaignId: options.campaign ?? '', operatorId, month: options.month, includeConfirmedFraud: options['include-confirmed-fraud'] ?? false }, options.out);
    const summary = await waitExport(context, services, jobId);
    if (options.json) context.stdout(JSON.stringify(summary, null, 2));
    else context.stdout(`${summary.file} : ${formatInteger(summary.trips)} trajets, ${formatInteger(summary.subsidized)} incités, ${formatCents(summary.amountCents)}${excludedText(summary)} ; contrôles de cohérence du registre : OK.`);
  } finally {
    unsubscribe();
    await services.close();
  }
}

/**
 * `atelier export cases --db FILE [--operator NAME] [--from DATE --to DATE] --out DIR [--json]`: the case files of the
 * current flags, one workbook per operator (journeys, evidence, decisions) and the summary by check × operator × month.
 */
export async function exportCasesCommand(
  context: CliContext,
  options: { db?: string | undefined; operator?: string | undefined; from?: string | undefined; to?: string | undefined; out?: string | undefined; json: boolean },
): Promise<void> {
  if (!options.out) throw new CliError('--out DOSSIER est obligatoire');
  const services = await openStore(context, options.db, true);
  const unsubscribe = printProgress(context, services.bus);
  try {
    const operatorId = options.operator === undefined ? undefined : await operatorIdOf(services, options.operator);
    const parsed = CaseExportRequest.safeParse({ operatorId, from: options.from, to: options.to });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`--${String(issue?.path[0] ?? 'option')} : ${issue?.message ?? 'valeur invalide'}`);
    }
    const summary = await waitExport(context, services, await services.exports.cases(parsed.data, options.out));
    if (options.json) context.stdout(JSON.stringify(summary, null, 2));
    else {
      context.stdout(`${formatInteger(summary.journeys)} trajets signalés, ${formatInteger(summary.operators)} opérateur(s) :`);
      for (const file of summary.files) context.stdout(`  ${file}`);
    }
  } finally {
    unsubscribe();
    await services.close();
  }
}
