import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startHttpBridge } from './bridge/http-bridge';
import { createDispatcher } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { defaultDataDir } from './platform/data-dir';
import { describeStore } from './db/store-address';
import { NO_SEALER } from './platform/store-choice';
import { openStartupStore, sharedStoreProblemText } from './services/startup-store';
import { APP_VERSION } from './version';
import { bundledWorker } from './workers/worker-location';

/**
 * Browser mode: the same services as the desktop app, served to a browser by the loopback HTTP bridge.
 * `node out/main/serve.js [--db FILE|postgres://…] [--port N]` (or `npm run serve`) prints the address to open.
 * Without `--db`, the store saved in « Paramètres » (no keychain here: a shared store's password comes from
 * PGPASSWORD or ~/.pgpass).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port invalide : ${values.port}`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // `--db`, else the store chosen in Paramètres, as in the desktop app; a shared one that fails gives the local one.
  const services = await openStartupStore(
    values.db,
    { dataDir, mode: 'browser', worker: bundledWorker(__dirname), version: APP_VERSION, secretSealer: NO_SEALER },
    (problem, shared) => {
      console.error(`La base partagée n’a pas pu être ouverte, démarrage sur la base locale : ${sharedStoreProblemText(problem, shared)}`);
      return Promise.resolve(true);
    },
  );
  if (services === null) throw new Error('aucune base à ouvrir');
  const bridge = await startHttpBridge({
    dispatch: createDispatcher(createHandlers(services, 'browser')),
    bus: services.bus,
    staticDir: join(__dirname, '../renderer'),
    port,
  });
  console.log(`Atelier Covoiturage ${APP_VERSION} — mode navigateur`);
  console.log(`Base : ${describeStore(services.options.storeAddress)}`);
  console.log(`Ouvrez cette adresse dans votre navigateur (elle contient le jeton d’accès de cette session) :`);
  console.log(bridge.launchUrl);

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void bridge
      .close()
      .then(() => services.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`Démarrage impossible : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
