import type { WorkerLocation } from '../workers/worker-location';
import { runCli } from './run-cli';

/**
 * Runs the `atelier` command in this process with its arguments, stdout and stderr, and sets the exit code: the body
 * of the bundled entry (cli/index.ts) and of the test entry on the sources (testing/cli-process.ts).
 */
export function runCliProcess(worker: WorkerLocation): void {
  // `atelier … | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  runCli(process.argv.slice(2), {
    worker,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(text.startsWith('\r') ? text : `${text}\n`),
    interactive: Boolean(process.stderr.isTTY),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Erreur interne : ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
