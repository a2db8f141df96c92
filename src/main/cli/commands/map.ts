import { parseArgs } from 'node:util';
import { ShapeLevel } from '../../../shared/types/map';
import { formatInteger } from '../../../shared/util/format';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { withJobSession } from '../job-session';
import { mapFlowsCommand } from './map-flows';

/** Levels as the command prints them. */
const LEVEL_LABELS: Readonly<Record<ShapeLevel, string>> = { com: 'communes', epci: 'EPCI', aom: 'AOM', dep: 'départements', reg: 'régions' };

/**
 * `atelier map contours import FILE [--level com|epci|aom|dep|reg] [--db FILE] [--json]`: imports contours (IGN
 * ADMIN EXPRESS zip, .shp, GeoJSON) through the job runner, then prints each level stored with its count, where it
 * comes from (read from the file, or dissolved from its communes) and the points kept by the simplification.
 */
async function contoursImportCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { db: { type: 'string' }, level: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (!file) throw new CliError('indiquez le fichier de contours à importer (archive zip ADMIN EXPRESS, .shp ou GeoJSON)');
  const level = values.level === undefined ? null : ShapeLevel.safeParse(values.level);
  if (level && !level.success) throw new CliError(`--level ${values.level} : attendu ${ShapeLevel.options.join(', ')}`);
  await withJobSession(context, values.db, false, async (services, cancelOnInterrupt) => {
    const done = await services.runner.wait(cancelOnInterrupt(await services.contours.importFile(file, level?.data ?? null)));
    if (context.interactive) context.stderr('\n');
    if (!done || done.status !== 'done') {
      throw new CliError(done?.status === 'cancelled' ? 'Import annulé : les contours de la base sont inchangés.' : (done?.error ?? 'Import en échec.'));
    }
    const { summary } = done;
    if (values.json) {
      context.stdout(JSON.stringify(summary, null, 2));
      return;
    }
    context.stdout(`${file} [${summary.format}] — ${summary.attribution} :`);
    for (const stored of summary.levels) {
      // Layers by their file name: the folders of an IGN archive would fill the line.
      const origin = stored.derived ? 'regroupés à partir des communes' : stored.layers.map((layer) => layer.replace(/^.*[/›]\s*/, '')).join(', ');
      context.stdout(
        `  ${LEVEL_LABELS[stored.level]} : ${formatInteger(stored.count)} contour${stored.count > 1 ? 's' : ''} (${origin}) ; ` +
          `${formatInteger(stored.verticesRead)} points lus, ${formatInteger(stored.verticesStored)} gardés (tolérance ${stored.toleranceMetres} m)`,
      );
    }
    for (const skipped of summary.notDerived) {
      const why = skipped.partialGroups > 0 ? `${formatInteger(skipped.partialGroups)} en partie seulement dans le fichier` : 'aucune commune du fichier n’y est rattachée';
      context.stdout(`  ${LEVEL_LABELS[skipped.level]} : aucun regroupement, ${why}`);
    }
    if (summary.ignoredLayers.length > 0) context.stdout(`  couches ignorées : ${summary.ignoredLayers.join(', ')}`);
  });
}

/** `atelier map contours ACTION …`: contours of the Carte page. */
async function contoursCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'import') return contoursImportCommand(context, rest);
  throw new CliError(`Action inconnue : map contours ${action ?? ''} (attendu : import)`);
}

/**
 * `atelier map SUBCOMMAND …`: the Carte page from the command line. Each subcommand parses its own options; a new
 * one is a function `(context, args) => Promise<void>` added to this switch (and its usage lines to run-cli.ts).
 */
export async function mapCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'flows':
      return mapFlowsCommand(context, rest);
    case 'contours':
      return contoursCommand(context, rest);
    default:
      throw new CliError(`Action inconnue : map ${subcommand ?? ''} (attendu : flows ou contours)`);
  }
}
