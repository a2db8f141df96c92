import type { Channel } from '../../shared/ipc/channels';
import type { ParsedReq, Res } from '../../shared/ipc/contract';
import type { AppServices } from '../services/app-services';

/** One async function per channel: receives the validated request, answers the response data. */
export type Handlers = { [C in Channel]: (req: ParsedReq<C>) => Promise<Res<C>> };

/** Maps every contract channel to the service that answers it. No logic here beyond the mapping. */
export function createHandlers(services: AppServices, mode: 'electron' | 'browser'): Handlers {
  return {
    'app:info': async () => ({
      version: services.options.version,
      mode,
      dataDir: services.options.dataDir,
      timeZone: 'Europe/Paris',
    }),
    'store:info': () => services.store.info(),
    'settings:list': () => services.settings.list(),
    'settings:set': (req) => services.settings.set(req.key, req.value),
    'jobs:list': (req) => services.jobs.list(req.limit),
    'jobs:cancel': async (req) => {
      await services.jobs.cancel(req.jobId);
      return null;
    },
    'demo:start': async (req) => ({ jobId: await services.demo.start(req) }),
    'audit:verify': () => services.audit.verify(),
  };
}
