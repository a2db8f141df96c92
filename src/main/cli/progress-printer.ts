import type { JobProgress } from '../../shared/types/jobs';
import type { EventBus } from '../events/event-bus';
import type { CliContext } from './cli-services';
import { formatDuration, formatInteger } from '../../shared/util/format';
import { progressUnit, type ProgressUnit } from '../../shared/util/progress-units';

const STEP_LABELS: Readonly<Record<string, string>> = {
  prepare: 'préparation',
  generate: 'génération',
  read: 'lecture',
  query: 'lecture des données',
  aggregate: 'agrégats',
  simulate: 'simulation',
  scan: 'passage des contrôles',
  store: 'enregistrement des signalements',
  check: 'vérification',
  write: 'écriture',
  finalize: 'finalisation',
  start: 'démarrage',
  hash: 'empreinte du fichier',
  import: 'import',
  queued: 'en attente',
  blocks: 'préparation des simulations',
  pseudonymise: 'pseudonymisation des identifiants',
  issue: 'émission des attestations',
  waitingForImport: 'en attente : un autre processus importe dans cette base',
  simplify: 'simplification des contours',
  derive: 'regroupement des communes',
  assets: 'copie des styles et polices du site',
  site: 'écriture des pages du site',
};

/** Singular and plural of each unit (French: 0 and 1 take the singular). */
const UNIT_NOUNS: Readonly<Record<ProgressUnit, readonly [string, string]>> = {
  rows: ['ligne', 'lignes'],
  journeys: ['trajet', 'trajets'],
  checks: ['contrôle', 'contrôles'],
  flags: ['signalement', 'signalements'],
  months: ['mois', 'mois'],
  days: ['jour', 'jours'],
  files: ['fichier', 'fichiers'],
  steps: ['étape', 'étapes'],
  levels: ['niveau', 'niveaux'],
  shapes: ['contour', 'contours'],
  attestations: ['attestation', 'attestations'],
};

function noun(unit: ProgressUnit, count: number): string {
  return UNIT_NOUNS[unit][Math.abs(count) < 2 ? 0 : 1];
}

/**
 * One French line of job progress, in the step's own unit: `écriture 12 000 / 20 000 lignes (60 %) — 8 500 lignes/s —
 * reste 1 s`, `passage des contrôles 28 / 28 contrôles (100 %)`. A step that counts nothing shown (waiting,
 * finalising) prints its name alone; the rate only once it is measured.
 */
export function progressLine(progress: JobProgress): string {
  const step = STEP_LABELS[progress.step] ?? progress.step;
  const unit = progressUnit(progress.kind, progress.step);
  if (unit === null) return step;
  const { current, total, rowsPerSecond, etaSeconds } = progress;
  const amount = total > 0
    ? `${formatInteger(current)} / ${formatInteger(total)} ${noun(unit, total)} (${Math.min(100, Math.floor((current * 100) / total))}\u202f%)`
    : `${formatInteger(current)} ${noun(unit, current)}`;
  const rate = rowsPerSecond > 0 ? ` — ${formatInteger(rowsPerSecond)} ${noun(unit, Math.round(rowsPerSecond))}/s` : '';
  // Nothing left once the step is done.
  const eta = etaSeconds === null || (total > 0 && current >= total) ? '' : ` — reste ${formatDuration(etaSeconds)}`;
  return `${step} ${amount}${rate}${eta}`;
}

/**
 * Prints the progress of the store's jobs on stderr (stdout keeps the result). On a terminal the line is redrawn in
 * place, and a new step starts a new line so that the last figures of the previous one stay on screen; otherwise one
 * line every 2 s, plus the first line of each step and its last one (current = total), so that a log shows every step
 * finish. Answers the function that stops it.
 */
export function printProgress(context: CliContext, bus: EventBus): () => void {
  let lastLine = 0;
  let lastStep: string | null = null;
  return bus.subscribe((event, payload) => {
    if (event !== 'job:progress') return;
    const progress = payload as JobProgress;
    const now = Date.now();
    const step = `${progress.jobId}/${progress.step}`;
    const newStep = step !== lastStep;
    const stepDone = progress.total > 0 && progress.current >= progress.total;
    if (!context.interactive && !newStep && !stepDone && now - lastLine < 2_000) return;
    const line = progressLine(progress);
    if (context.interactive) context.stderr(`${newStep && lastStep !== null ? '\r\n' : '\r'}${line.padEnd(90)}`);
    else context.stderr(line);
    lastLine = now;
    lastStep = step;
  });
}
