import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MapQuery } from '../../../shared/types/map';
import { formatInteger } from '../../../shared/util/format';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';
import { printProgress } from '../progress-printer';

/** `--territory LEVEL:CODE` → the query's territory (null when absent). */
function territoryOption(text: string | undefined): { level: string; code: string } | null {
  if (text === undefined) return null;
  const [level, code] = text.split(':');
  if (!level || !code) throw new CliError('--territory attend NIVEAU:CODE, par exemple aom:244400404 ou dep:44');
  return { level, code };
}

/**
 * `atelier map flows --level commune|epci|aom|dep [--territory LEVEL:CODE] --from D --to D [--min-count N]
 * [--direction both|from|to|intra] [--days 1,2,…] [--bands morning,…] --out FILE.geojson|.csv [--json]`: the flows the
 * Carte page shows, through the same service (threshold included), written as GeoJSON or CSV. Builds the map
 * aggregates first when the store's statistics predate them.
 */
export async function mapFlowsCommand(context: CliContext, args: readonly string[]): Promise<void> {
  const text = { type: 'string' } as const;
  const { values: options } = parseArgs({
    args: [...args],
    options: {
      db: text, level: text, territory: text, from: text, to: text, 'min-count': text, direction: text, days: text, bands: text, out: text,
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const out = options.out;
  const extension = out ? extname(out).toLowerCase() : '';
  const format = extension === '.geojson' || extension === '.json' ? 'geojson' : extension === '.csv' ? 'csv' : null;
  if (!out || !format) throw new CliError('--out FICHIER.geojson ou FICHIER.csv est obligatoire');
  const minCount = options['min-count'] === undefined ? undefined : Number(options['min-count']);
  const parsed = MapQuery.safeParse({
    level: options.level === 'commune' ? 'com' : options.level,
    territory: territoryOption(options.territory),
    from: options.from,
    to: options.to,
    direction: options.direction ?? 'both',
    ...(minCount === undefined ? {} : { minCount }),
    ...(options.days ? { days: options.days.split(',').map(Number) } : {}),
    ...(options.bands ? { bands: options.bands.split(',') } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `--${issue?.path.map(String).join('.') || 'option'} : ${issue?.message ?? 'valeur invalide'} (niveaux : commune, epci, aom, dep ; territoire NIVEAU:CODE ; dates AAAA-MM-JJ ; ` +
        'jours 1 à 7 ; tranches night, morning, day, evening, late)',
    );
  }
  const query = parsed.data;
  const services = await openStore(context, options.db, true);
  const unsubscribe = printProgress(context, services.bus);
  try {
    // A store filled before maps existed (or never aggregated) gets its aggregates first, as the app offers to.
    const missing = (await services.stats.period()) === null ? 'all' : await services.map.monthsMissing(query.from, query.to);
    if (missing === 'all' || missing.length > 0) {
      // The refresh rebuilds the whole months its days touch: a day inside the last missing month is enough.
      const range = missing === 'all' ? undefined : { from: `${missing[0]}-01`, to: `${missing.at(-1)}-01` };
      const jobId = await services.stats.refresh(range);
      if (jobId === null) throw new CliError('La base ne contient aucun trajet : importez des extraits d’abord.');
      const done = await services.runner.wait(jobId);
      if (done?.status !== 'done') throw new CliError(`Préparation de la carte non terminée : ${done?.error ?? done?.status ?? 'inconnu'}`);
    }
    const threshold = await services.map.threshold(query.minCount);
    if (query.minCount !== undefined && query.minCount < threshold) {
      context.stderr(`Seuil de confidentialité relevé à ${threshold} trajets (réglage map.minCount de la base).\n`);
    }
    const result = await services.map.flows(query);
    const written = await services.map.exportFlows(query, format, resolve(out));
    if (options.json) {
      context.stdout(JSON.stringify({
        flows: result.flows.length, journeys_shown: result.journeysShown, journeys_hidden_below_threshold: result.hidden.journeys,
        flows_hidden_below_threshold: result.hidden.flows, min_count: result.minCount, out: written.path,
      }, null, 2));
    } else {
      context.stdout(
        `${written.path} : ${formatInteger(result.flows.length)} flux, ${formatInteger(result.journeysShown)} trajets montrés ; ` +
          `${formatInteger(result.hidden.journeys)} trajets de ${formatInteger(result.hidden.flows)} flux masqués sous le seuil de ${result.minCount}.`,
      );
    }
  } finally {
    unsubscribe();
    await services.close();
  }
}
