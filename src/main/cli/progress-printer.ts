import type { JobProgress } from '../../shared/types/jobs';
import { formatDuration, formatInteger } from '../../shared/util/format';

const STEP_LABELS: Readonly<Record<string, string>> = {
  prepare: 'préparation',
  generate: 'génération',
  write: 'écriture',
  finalize: 'finalisation',
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
