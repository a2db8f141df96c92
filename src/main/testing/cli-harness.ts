import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { CliContext } from '../cli/cli-services';
import { makeTempDir, TEST_WORKER } from './temp-store';

/** What a test of the `atelier` command run in this process works with: its temp folder, its output, its context. */
export interface CliRun {
  dir: string;
  out: string[];
  err: string[];
  context: CliContext;
}

/**
 * A fresh CLI run for one test (call in `beforeEach`): a temp folder, stdout and stderr collected line by line, the
 * source worker, and the default store folder pointed into the temp folder (without `--db` the CLI would use the
 * user's own store). `endCliRun` undoes it.
 */
export function freshCliRun(): CliRun {
  const dir = makeTempDir();
  vi.stubEnv('ATELIER_DATA_DIR', join(dir, 'défaut'));
  const run: CliRun = {
    dir,
    out: [],
    err: [],
    context: { worker: TEST_WORKER, stdout: (text) => run.out.push(text), stderr: (text) => run.err.push(text), interactive: false },
  };
  return run;
}

/** Ends a run of `freshCliRun` (call in `afterEach`). */
export function endCliRun(run: CliRun): void {
  vi.unstubAllEnvs();
  rmSync(run.dir, { recursive: true, force: true });
}
