import { join } from 'node:path';

/** How to start the job worker: a script file, or (for sources) a small bootstrap evaluated as the script. */
export interface WorkerLocation {
  script: string;
  eval: boolean;
}

/** The bundled worker next to the entry that starts it (`out/main/job-worker.js`). */
export function bundledWorker(entryDir: string): WorkerLocation {
  return { script: join(entryDir, 'job-worker.js'), eval: false };
}

/**
 * The TypeScript source of the worker, loaded through tsx's require hook; used by tests, which run from
 * sources (`--import tsx` in a worker's execArgv does not apply to the worker's own entry on Node 20).
 */
export function sourceWorker(sourceFile: string): WorkerLocation {
  return { script: `require('tsx/cjs'); require(${JSON.stringify(sourceFile)});`, eval: true };
}
