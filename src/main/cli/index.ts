import { bundledWorker } from '../workers/worker-location';
import { runCliProcess } from './process-main';

/** Entry of the `atelier` command (bin/atelier.js loads the bundled copy of this file). */
runCliProcess(bundledWorker(__dirname));
