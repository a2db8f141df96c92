import type { JobProgress } from '../../shared/types/jobs';
import type { EventBus } from '../events/event-bus';
import type { CliContext } from './cli-services';
import { formatDuration, formatInteger } from '../../shared/util/format';

const STEP_LABELS: Readonly<Record<string, string>> = {
  prepare: 'préparation',
  generate: 'génération',
  read: 'lecture',
  aggregate: 'agrégats (mois)',
  simulate: 'simulation',
  scan: 'contrôles',
  write: 'écriture',
  finalize: 'finalisation',
  start: 'démarrage',
  hash: 'empreinte du fichier',
  import: 'import',
  queued: 'en attente',
  blocks: 'préparation des simulations (jours)',
  pseudonymise: 'pseudonymisation des identifiants',
  issue: 'émission des attestations',
  waitingForImport: 'en attente : un autre processus importe dans cette base',
  simplify: 'simplification des contours (niveaux)',
  derive: 'regroupement des communes (niveaux)',
  assets: 'copie des styles et polices du site (fichiers)',
  site: 'écriture des pages du site (fichiers)',
};

/** One French line of job progress: `écriture 12 000 / 20 000 lignes (60 %) — 8 500 lignes/s — reste 1 s`. */
export function progressLine(progress: JobProgress): string {
  const step = STEP_LABELS[progress.step] ?? progress.step;
  const amount = progress.total > 0
    ? `${formatInteger(progress.current)} / ${formatInteger(progress.total)} lignes (${Math.floor((progress.current * 100) / progress.total)} %)`
    : `${formatInteger(progress.current)} lignes`;
  const eta = progress.etaSeconds === null ? '' : ` — reste ${formatDuration(progress.etaSeconds)}`;
  return `${step} ${amount} — ${formatInteger(progress.rowsPerSecond)} lignes/s${eta}`;
}

/**
 * Prints the progress of the store's jobs on stderr (stdout keeps the result): redrawn in place on a terminal,
 * else one line every 2 s. Answers the function that stops it.
 */
export function printProgress(context: CliContext, bus: EventBus): () => void {
  let lastLine = 0;
  return bus.subscribe((event, payload) => {
    if (event !== 'job:progress') return;
    const now = Date.now();
    if (!context.interactive && now - lastLine < 2_000) return;
    lastLine = now;
    const line = progressLine(payload as JobProgress);
    context.stderr(context.interactive ? `\r${line.padEnd(90)}` : line);
  });
}
