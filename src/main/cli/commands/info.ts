import { formatBytes, formatInteger } from '../../../shared/util/format';
import type { CliContext } from '../cli-services';
import { openStore } from '../cli-services';

/** `atelier info [--db FILE] [--json]`: schema version and row counts of a store. */
export async function infoCommand(context: CliContext, options: { db?: string | undefined; json: boolean }): Promise<void> {
  const services = await openStore(context, options.db, true);
  try {
    const info = await services.store.info();
    if (options.json) {
      context.stdout(JSON.stringify(info, null, 2));
      return;
    }
    const width = Math.max(...info.tables.map((table) => table.name.length));
    context.stdout(
      [
        `Base     : ${info.location}`,
        `Taille   : ${formatBytes(info.sizeBytes)}`,
        `Schéma   : ${info.schemaVersion} (${info.migrationCount} migrations)`,
        `Moteur   : ${info.engineVersion}`,
        'Tables   :',
        ...info.tables.map((table) => `  ${table.name.padEnd(width)}  ${formatInteger(table.rows).padStart(12)}`),
      ].join('\n'),
    );
  } finally {
    await services.close();
  }
}
