import type { AppServices } from '../services/app-services';
import type { CliContext } from './cli-services';
import { openStore } from './cli-services';
import { printProgress } from './progress-printer';

/**
 * Runs a command that starts jobs on a store: progress on stderr while it works, Ctrl-C cancels every job it has
 * registered with `cancelOnInterrupt` (their writes are undone), and the store is closed whatever happens.
 * `cancelOnInterrupt` answers the id it is given, with its type (a typed job id keeps its summary's type).
 */
export async function withJobSession<T>(
  context: CliContext,
  dbOption: string | undefined,
  mustExist: boolean,
  work: (services: AppServices, cancelOnInterrupt: <Id extends string>(jobId: Id) => Id) => Promise<T>,
): Promise<T> {
  const services = await openStore(context, dbOption, mustExist);
  const unsubscribe = printProgress(context, services.bus);
  const jobIds: string[] = [];
  const onInterrupt = (): void => {
    for (const jobId of jobIds) void services.jobs.cancel(jobId);
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await work(services, <Id extends string>(jobId: Id): Id => {
      jobIds.push(jobId);
      return jobId;
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    unsubscribe();
    await services.close();
  }
}
