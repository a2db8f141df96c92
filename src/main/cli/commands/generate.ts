import { formatBytes, formatInteger } from '../../../shared/util/format';
import { demoPeriod } from '../../domain/demo/demo-period';
import { DEMO_REGIONS, type DemoRegion } from '../../domain/demo/demo-geography';
import { GENERATED_FORMATS, type GeneratedFormat } from '../../domain/extracts/write-extract-row';
import { utcToParisLocal } from '../../domain/time/paris-time';
import { generateExtractFile, type GenerateExtractResult } from '../../extracts/generate-extract';
import { CliError } from '../cli-error';
import type { CliContext } from '../cli-services';
import { integerOption } from './demo';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `atelier generate --rows N --format F --out FILE [--seed S] [--region 52|11] [--from YYYY-MM-DD] [--days N]
 * [--json]`: writes a synthetic extract in a registry format (`.csv`, `.csv.gz` or `.zip` by extension). Without
 * `--from`, the period is the three whole months before the current month (Europe/Paris), like the demo.
 */
export async function generateCommand(
  context: CliContext,
  options: {
    rows?: string | undefined;
    format?: string | undefined;
    seed?: string | undefined;
    out?: string | undefined;
    region?: string | undefined;
    from?: string | undefined;
    days?: string | undefined;
    json: boolean;
  },
): Promise<GenerateExtractResult> {
  const rows = integerOption('rows', options.rows, 1, 50_000_000);
  if (rows === undefined) throw new CliError('--rows est obligatoire (nombre de trajets à écrire)');
  if (!options.out) throw new CliError('--out est obligatoire (fichier .csv, .csv.gz ou .zip)');
  if (!/\.(csv|csv\.gz|zip)$/i.test(options.out)) throw new CliError(`--out doit finir par .csv, .csv.gz ou .zip (reçu « ${options.out} »)`);
  const format = (options.format ?? 'territory') as GeneratedFormat;
  if (!GENERATED_FORMATS.includes(format)) {
    throw new CliError(`--format inconnu « ${options.format ?? ''} » (attendu : ${GENERATED_FORMATS.join(', ')})`);
  }
  const region = (options.region ?? '52') as DemoRegion;
  if (!(region in DEMO_REGIONS)) {
    throw new CliError(`--region « ${region} » non disponible (attendu : ${Object.keys(DEMO_REGIONS).join(' ou ')})`);
  }
  if (options.from !== undefined && !(DAY.test(options.from) && !Number.isNaN(Date.parse(`${options.from}T00:00:00Z`)))) {
    throw new CliError(`--from doit être une date AAAA-MM-JJ (reçu « ${options.from} »)`);
  }
  const fallback = demoPeriod(utcToParisLocal(new Date().toISOString()).slice(0, 10));
  const firstDay = options.from ?? fallback.firstDay;
  const days = integerOption('days', options.days, 1, 3_660) ?? fallback.days;
  const seed = integerOption('seed', options.seed, 0, 2 ** 31 - 1) ?? 1;

  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort(new CliError('Génération annulée : aucun fichier partiel n’a été laissé.'));
  process.once('SIGINT', onInterrupt);
  const started = performance.now();
  let lastLine = 0;
  try {
    const result = await generateExtractFile({
      rows,
      format,
      seed,
      out: options.out,
      region,
      firstDay,
      days,
      signal: controller.signal,
      onProgress: (written) => {
        const now = Date.now();
        if (now - lastLine < (context.interactive ? 200 : 2_000) && written < rows) return;
        lastLine = now;
        const line = `génération ${formatInteger(written)} / ${formatInteger(rows)} lignes (${Math.floor((written * 100) / rows)} %)`;
        context.stderr(context.interactive ? `\r${line.padEnd(60)}` : line);
      },
    });
    if (context.interactive) context.stderr('\n');
    const seconds = (performance.now() - started) / 1000;
    if (options.json) context.stdout(JSON.stringify({ ...result, seed, region, firstDay, days, seconds }, null, 2));
    else {
      context.stdout(
        `${result.file} : ${formatInteger(result.rows)} trajets au format ${format}, ${formatBytes(result.bytes)}, ` +
          `période de ${formatInteger(days)} jours à partir du ${firstDay}, graine ${seed}.`,
      );
    }
    return result;
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
