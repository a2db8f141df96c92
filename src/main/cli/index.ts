import { bundledWorker } from '../workers/worker-location';
import { runCli } from './run-cli';

// `atelier … | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** Entry of the `atelier` command (bin/atelier.js loads the bundled copy of this file). */
runCli(process.argv.slice(2), {
  worker: bundledWorker(__dirname),
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
