/**
 * The `atelier` command run from its TypeScript sources in a process of its own (`node --import tsx
 * src/main/testing/cli-process.ts …`): tests that need a second real process on a store (imports across processes,
 * a kill -9 half-way) start it this way, on the sources they test rather than on a bundle that may be stale.
 */
import { runCliProcess } from '../cli/process-main';
import { TEST_WORKER } from './temp-store';

runCliProcess(TEST_WORKER);
