import { resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/ipc/result';
import { formatInteger } from '../../../shared/util/format';
import { FIELD_HEADERS } from '../../domain/declarations/declaration-format';
import { writeDeclarationTemplate } from '../../declarations/template-file';
import { CliError, EXIT_OK } from '../cli-error';
import type { CliContext } from '../cli-services';
import { withJobSession } from '../job-session';

/** Rows not accepted printed by the text form of `import` (all of them are in the batch's report and its export). */
const PRINTED_PROBLEMS = 30;

/** `atelier declare template --out FILE.csv [--json]`: writes the declared-trip template (no store needed). */
async function templateCommand(context: CliContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  if (!values.out || !values.out.toLowerCase().endsWith('.csv')) throw new CliError('--out FICHIER.csv est obligatoire');
  const path = resolvePath(values.out);
  await writeDeclarationTemplate(path);
  context.stdout(values.json ? JSON.stringify({ path }, null, 2) : `Modèle de fichier de trajets déclarés : ${path}`);
  return EXIT_OK;
}

/**
 * `atelier declare import FILE.csv [--db FILE] [--json]`: imports a file of declared journeys as a job (progress on
 * stderr, Ctrl-C cancels and nothing is kept). Prints what became of every row; `--json` prints `{rows, accepted,
 * rejected, duplicates, batch, file}` (rows = accepted + duplicates + rejected). A file whose header does not fit is
 * a usage error (exit 1, nothing written).
 */
async function importCommand(context: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new CliError('indiquez un (seul) fichier de trajets déclarés à importer');
  return withJobSession(context, values.db, false, async (services, cancelOnInterrupt) => {
    const jobId = cancelOnInterrupt(await services.declarations.importFile(file));
    const done = await services.runner.wait(jobId);
    if (context.interactive) context.stderr('\n');
    if (!done || done.status !== 'done') {
      throw new CliError(done?.status === 'cancelled' ? 'Import annulé : aucun trajet déclaré n’a été enregistré.' : `${file} : ${done?.error ?? 'import en échec'} (rien n’a été enregistré)`);
    }
    const { summary } = done;
    if (values.json) {
      context.stdout(JSON.stringify({ rows: summary.rows, accepted: summary.accepted, rejected: summary.rejected, duplicates: summary.duplicates, batch: summary.batchId, file: summary.fileName }, null, 2));
      return EXIT_OK;
    }
    context.stdout(
      `${summary.fileName ?? file} : ${formatInteger(summary.rows)} trajet(s) lu(s), ${formatInteger(summary.accepted)} accepté(s), ` +
      `${formatInteger(summary.duplicates)} déjà déclaré(s), ${formatInteger(summary.rejected)} rejeté(s) — lot n° ${summary.batchId}`,
    );
    const report = await services.declarations.report(summary.batchId, 0, PRINTED_PROBLEMS);
    for (const row of report.rows) {
      context.stdout(`  ligne ${row.line ?? '?'}${row.field ? ` (${FIELD_HEADERS[row.field]})` : ''} : ${row.outcome === 'duplicate' ? 'doublon — ' : ''}${row.reason}`);
    }
    if (report.total > report.rows.length) context.stdout(`  … et ${formatInteger(report.total - report.rows.length)} autre(s) : voir la page Déclarations (export CSV).`);
    return EXIT_OK;
  }).catch((error: unknown) => {
    if (error instanceof UserError) throw new CliError(error.message);
    throw error;
  });
}

/** `atelier declare ACTION …`: the declaration module from the command line (docs/declarations.md). */
export async function declareCommand(context: CliContext, args: readonly string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'template':
      return templateCommand(context, rest);
    case 'import':
      return importCommand(context, rest);
    default:
      throw new CliError(`Action inconnue : declare ${action ?? ''} (attendu : template ou import)`);
  }
}
