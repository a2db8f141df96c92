import { createLocationResolver } from '../../geo/location-resolver';
import { importExtract, type ImportParams, type ImportSummary } from '../../extracts/import-extract';
import type { TaskContext } from './task-context';

/** Imports one extract file through the worker's own connection (see ImportWriter). */
export function extractImport(params: ImportParams, context: TaskContext): Promise<ImportSummary> {
  return importExtract(params, {
    signal: context.signal,
    progress: context.progress,
    createResolver: createLocationResolver,
    now: () => new Date(),
  });
}
