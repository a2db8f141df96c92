import type { Channel } from '../../shared/ipc/channels';
import { UserError } from '../../shared/ipc/result';
import type { ParsedReq, Res } from '../../shared/ipc/contract';
import type { AppServices } from '../services/app-services';

/** One async function per channel: receives the validated request, answers the response data. */
export type Handlers = { [C in Channel]: (req: ParsedReq<C>) => Promise<Res<C>> };

/** What only the desktop shell can do (native dialogs); absent in browser mode. */
export interface PlatformHandlers {
  /** Shows the system's file picker for extracts; answers the chosen paths (empty when cancelled). */
  pickExtractFiles(): Promise<string[]>;
  /** Opens a folder in the system's file manager. */
  openFolder(path: string): Promise<void>;
}

/** Maps every contract channel to the service that answers it. No logic here beyond the mapping. */
export function createHandlers(services: AppServices, mode: 'electron' | 'browser', platform?: PlatformHandlers): Handlers {
  return {
    'app:info': async () => ({
      version: services.options.version,
      mode,
      dataDir: services.options.dataDir,
      timeZone: 'Europe/Paris',
    }),
    'store:info': () => services.store.info(),
    'store:disk-encryption': () => services.store.diskEncryption(),
    'settings:list': () => services.settings.list(),
    'settings:set': (req) => services.settings.set(req.key, req.value),
    'settings:store-get': () => services.storeChoice.get(),
    'settings:store-test': ({ password, ...server }) => services.storeChoice.test(server, password),
    'settings:agent-get': () => services.agentName.get(),
    'settings:agent-save': (req) => services.agentName.save(req),
    'settings:store-save': (req) => services.storeChoice.save(req),
    'jobs:list': (req) => services.jobs.list(req.limit),
    'jobs:cancel': async (req) => {
      await services.jobs.cancel(req.jobId);
      return null;
    },
    'demo:start': async (req) => ({ jobId: await services.demo.start(req) }),
    'audit:verify': () => services.audit.verify(),
    'audit:key-state': () => Promise.resolve(services.audit.keyState()),
    'audit:key-export': async () => ({ file: await services.audit.exportKeyInto(services.exports.folder()) }),
    'audit:key-import': (req) => services.audit.importKeyFile(req.path),
    'extracts:import': async (req) => ({ jobIds: await services.imports.importFiles(req.paths) }),
    'extracts:pick-files': async () => {
      if (!platform) throw new UserError('forbidden', 'Sélecteur de fichiers indisponible en mode navigateur : saisissez le chemin du fichier.');
      return { paths: await platform.pickExtractFiles() };
    },
    'extracts:sync-log': (req) => services.imports.syncLog(req.limit),
    'extracts:coverage': () => services.imports.coverage(),
    'extracts:rejected': (req) => services.imports.rejected({ batchId: req.batchId, reason: req.reason }, req.offset, req.limit),
    'extracts:rejected-reasons': (req) => services.imports.rejectedReasons(req.batchId),
    'extracts:rejected-export': (req) => services.imports.exportRejected(req),
    'aom:import': async (req) => ({ jobId: await services.aoms.importCerema(req.path) }),
    'aom:summary': () => services.aoms.summary(),
    'stats:query': (req) => services.stats.query(req),
    'stats:territories': (req) => services.stats.territories(req.level),
    'stats:period': () => services.stats.period(),
    'stats:refresh': async () => ({ jobId: await services.stats.refresh() }),
    'exports:stats': (req) => services.exports.exportStats(req.query),
    'exports:trips': (req) => services.exports.exportTrips(req.filter, req.format, undefined, req.includeConfirmedFraud, req.csvDialect),
    'exports:apdf-campaigns': () => services.exports.campaignMonths(),
    'exports:apdf': (req) =>
      req.simulationId !== undefined
        ? services.exports.exportApdfFromSimulation({ simulationId: req.simulationId, operatorId: req.operatorId, month: req.month })
        : services.exports.exportApdf({ campaignId: req.campaignId ?? '', operatorId: req.operatorId, month: req.month, includeConfirmedFraud: req.includeConfirmedFraud }),
    'exports:list': () => services.exports.list(),
    'campaigns:catalogue': async () => services.campaigns.catalogue(),
    'campaigns:definition': async (req) => services.campaigns.catalogueDefinition(req.id),
    'campaigns:validate': async (req) => services.campaigns.validate(req.definition),
    'campaigns:preview': async (req) => services.campaigns.preview(req.definition),
    'simulations:start': (req) => services.campaigns.simulate(req),
    'simulations:list': () => services.campaigns.list(),
    'simulations:result': (req) => services.campaigns.result(req.id),
    'simulations:explain': (req) => services.campaigns.explain(req.id, req.journeyId),
    'checks:scan': async (req) => ({ jobId: await services.checks.scan(req) }),
    'checks:summary': () => services.checks.summary(),
    'checks:flags': (req) => services.checks.flags(req.checkId, req.limit),
    'extracts:operators': () => services.exports.operators(),
    'checks:queue': (req) => services.reviews.page(req),
    'checks:journey': (req) => services.reviews.journey(req.naturalKey),
    'checks:person': (req) => services.reviews.person(req.person),
    'checks:decide': async (req) => ({ decided: (await services.reviews.decide(req)).decided }),
    'checks:exclusions': () => services.reviews.exclusions(),
    'checks:parameters': () => services.checks.parameters(),
    'checks:save-parameters': (req) => services.checks.saveParameters(req.overrides),
    'exports:cases': async (req) => ({ jobId: await services.exports.cases(req) }),
    'map:flows': (req) => services.map.flows(req),
    'map:export': (req) => services.map.exportFlows(req.query, req.format),
    'map:export-png': (req) => services.map.savePng(req.title, req.pngBase64),
    'map:shapes': (req) => services.contours.shapes(req.level, req.codes),
    'map:contours': () => services.contours.summary(),
    'map:contours-import': async (req) => ({ jobId: await services.contours.importFile(req.path) }),
    'attestations:create': (req) => services.attestations.create({ person: req.person, from: req.from, to: req.to }),
    'attestations:verify': (req) =>
      req.path !== undefined ? services.attestations.verifyFile(req.path) : services.attestations.verifyCode(req.code ?? '', req.person),
    'attestations:register': ({ offset, limit, ...filter }) => services.attestations.register(filter, offset, limit),
    'attestations:register-export': (req) => services.attestations.exportRegister(req),
    'attestations:batch': (req) => services.attestations.batch({ source: req.source, from: req.from, to: req.to }),
    'declarations:template': () => services.declarations.template(),
    'declarations:import': async (req) => ({ jobId: 'path' in req ? await services.declarations.importFile(req.path) : await services.declarations.importText(req.fileName, req.text) }),
    'declarations:add': (req) => services.declarations.add(req),
    'declarations:batches': (req) => services.declarations.batches(req.offset, req.limit),
    'declarations:report': (req) => services.declarations.report(req.batchId, req.offset, req.limit),
    'declarations:report-export': (req) => services.declarations.exportReport(req.batchId),
    'declarations:trips': (req) => services.declarations.trips(req.declarant, req.offset, req.limit),
    'declarations:count': (req) => services.declarations.count(req),
    'territory:search': (req) => services.territory.search(req.text, req.limit),
    'territory:summary': (req) => services.territory.summary(req),
    'territory:report': (req) => services.territory.report(req),
    'campaigns:comparable': (req) => services.discovery.comparable(req.territory),
    'campaigns:draft': (req) => services.discovery.draft(req),
    'simulations:preflight': (req) => services.campaigns.preflight(req),
    'observatory:indicators': (req) => services.observatory.indicators(req),
    'observatory:publish': (req) => services.observatory.publish(req),
    'exports:open-folder': async () => {
      const path = services.exports.folder();
      if (!platform) return { path, opened: false };
      await platform.openFolder(path);
      return { path, opened: true };
    },
  };
}
