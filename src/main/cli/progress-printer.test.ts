import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/types/jobs';
import { EventBus } from '../events/event-bus';
import type { CliContext } from './cli-services';
import { printProgress, progressLine } from './progress-printer';

/** The line with its no-break spaces (thousands, before « % ») as plain ones, for readable expectations. */
function plain(line: string): string {
  return line.replace(/[\u202f\u00a0]/g, ' ');
}

/** `progressLine` as read by a person. */
function lineOf(overrides: Partial<JobProgress>): string {
  return plain(progressLine(progress(overrides)));
}

function progress(overrides: Partial<JobProgress>): JobProgress {
  return { jobId: 'j1', kind: 'checks.scan', step: 'scan', current: 0, total: 0, rowsPerSecond: 0, etaSeconds: null, ...overrides };
}

/** A CLI context that records what goes to stderr. */
function recordingContext(interactive: boolean): { context: CliContext; lines: string[] } {
  const lines: string[] = [];
  const context: CliContext = { worker: { script: '', eval: false }, stdout: () => undefined, stderr: (text) => lines.push(text), interactive };
  return { context, lines };
}

describe('progressLine', () => {
  it('counts each step in its own unit, not in lines', () => {
    expect(lineOf({ current: 12, total: 28 })).toBe('passage des contrôles 12 / 28 contrôles (42 %)');
    expect(lineOf({ step: 'store', current: 1, total: 1 })).toBe('enregistrement des signalements 1 / 1 signalement (100 %)');
    expect(lineOf({ kind: 'stats.refresh', step: 'aggregate', current: 3, total: 3 })).toBe('agrégats 3 / 3 mois (100 %)');
    expect(lineOf({ kind: 'demo.load', step: 'write', current: 10_000, total: 20_000, rowsPerSecond: 2_500, etaSeconds: 4 })).toBe(
      'écriture 10 000 / 20 000 lignes (50 %) — 2 500 lignes/s — reste 4 s',
    );
  });

  it('leaves out the rate until it is measured, and the figures of steps that count nothing shown', () => {
    expect(lineOf({ current: 0, total: 28 })).toBe('passage des contrôles 0 / 28 contrôles (0 %)');
    expect(lineOf({ step: 'read' })).toBe('lecture');
    expect(lineOf({ kind: 'demo.load', step: 'finalize', current: 20_000, total: 20_000 })).toBe('finalisation');
  });

  it('writes numbers the French way, with narrow no-break spaces', () => {
    expect(progressLine(progress({ kind: 'demo.load', step: 'write', current: 10_000, total: 20_000 }))).toBe('écriture 10\u202f000 / 20\u202f000 lignes (50\u202f%)');
  });

  it('never prints more than 100 %', () => {
    expect(lineOf({ kind: 'demo.load', step: 'write', current: 20_317, total: 20_000 })).toContain('(100 %)');
  });
});

describe('printProgress', () => {
  it('prints, in a log, the first and last figures of every step even within 2 s', () => {
    const bus = new EventBus();
    const { context, lines } = recordingContext(false);
    printProgress(context, bus);
    bus.emit('job:progress', progress({ step: 'read' }));
    bus.emit('job:progress', progress({ current: 0, total: 28 }));
    bus.emit('job:progress', progress({ current: 5, total: 28 }));
    bus.emit('job:progress', progress({ current: 28, total: 28, rowsPerSecond: 14, etaSeconds: 0 }));
    bus.emit('job:progress', progress({ step: 'store', current: 0, total: 3 }));
    bus.emit('job:progress', progress({ step: 'store', current: 3, total: 3 }));
    expect(lines.map(plain)).toEqual([
      'lecture',
      'passage des contrôles 0 / 28 contrôles (0 %)',
      'passage des contrôles 28 / 28 contrôles (100 %) — 14 contrôles/s',
      'enregistrement des signalements 0 / 3 signalements (0 %)',
      'enregistrement des signalements 3 / 3 signalements (100 %)',
    ]);
  });

  it('redraws one line per step on a terminal, keeping each finished step on its own line', () => {
    const bus = new EventBus();
    const { context, lines } = recordingContext(true);
    printProgress(context, bus);
    bus.emit('job:progress', progress({ current: 27, total: 28 }));
    bus.emit('job:progress', progress({ current: 28, total: 28 }));
    bus.emit('job:progress', progress({ step: 'store', current: 0, total: 3 }));
    expect(lines.map((line) => plain(line).trimEnd())).toEqual([
      '\rpassage des contrôles 27 / 28 contrôles (96 %)',
      '\rpassage des contrôles 28 / 28 contrôles (100 %)',
      '\r\nenregistrement des signalements 0 / 3 signalements (0 %)',
    ]);
  });
});
