import { basename } from 'node:path';
import type { ShapeLevel } from '../../../shared/types/map';
import { replaceContourLevels } from '../../db/contour-writer';
import { withStoreConnection } from '../../db/store-connection';
import { createGeoResolver, withAom } from '../../domain/geo/geo-resolver';
import { loadDecoupageReference } from '../../geo/decoupage-reference';
import { buildContourRows, type ContourBuild } from '../../geo/contours/build-contours';
import { readContourFile } from '../../geo/contours/read-contour-file';
import type { TaskContext } from './task-context';

/** What `contours.import` is started with. */
export interface ContoursImportParams {
  storeAddress: string;
  filePath: string;
  /** Level of a single-layer file, or null to recognise it from its fields and codes. */
  level: ShapeLevel | null;
  /** Instant stored with the rows (ISO UTC). */
  importedAt: string;
  /** The store's AOM table (commune → AOM SIREN) and AOM names, to dissolve communes into AOMs. */
  aomByCommune: ReadonlyMap<string, string>;
  aomNames: ReadonlyMap<string, string>;
}

/** What an import stored, per level, and what the file held besides. */
export type ContoursImportSummary = {
  file: string;
  /** `zip (Lambert-93 (EPSG:2154), …)`, `shapefile (…)` or `geojson (degrés WGS 84)`. */
  format: string;
  attribution: string;
  levels: ContourBuild['levels'];
  notDerived: ContourBuild['notDerived'];
  unplacedCommunes: number;
  /** Layers of the file that hold no map level (ADMIN EXPRESS cantons, chefs-lieux…). */
  ignoredLayers: string[];
  rows: number;
};

/**
 * Imports a contour file off the main thread: reads and converts it to WGS 84 (`read`, features), simplifies each
 * level and dissolves communes into the levels the file lacks (`simplify`, `derive`, levels), then replaces those
 * levels in `map_contours` in one transaction through the worker's own connection (`write`, rows). Anything wrong
 * with the file fails the job before the store is touched.
 */
export async function contoursImport(params: ContoursImportParams, context: TaskContext): Promise<ContoursImportSummary> {
  context.progress('read', 0, 0);
  const reference = withAom(loadDecoupageReference(), params.aomByCommune, params.aomNames);
  const resolver = createGeoResolver(reference);
  const file = await readContourFile(params.filePath, {
    level: params.level,
    codes: { name: (level, code) => resolver.name(level, code) },
    progress: (_label, done, total) => context.progress('read', done, total),
    signal: context.signal,
  });
  const built = buildContourRows(file, reference, { progress: (step, done, total) => context.progress(step, done, total), signal: context.signal });
  context.signal.throwIfAborted();
  context.progress('write', 0, built.rows.length);
  await withStoreConnection(params.storeAddress, (db) =>
    replaceContourLevels(db, built.levels.map((level) => level.level), built.rows, params.importedAt, (written) => context.progress('write', written, built.rows.length)),
  );
  return {
    file: basename(params.filePath),
    format: file.format,
    attribution: file.attribution,
    levels: built.levels,
    notDerived: built.notDerived,
    unplacedCommunes: built.unplacedCommunes,
    ignoredLayers: file.ignoredLayers,
    rows: built.rows.length,
  };
}
