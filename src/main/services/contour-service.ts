import { resolve as resolvePath } from 'node:path';
import type { ContourSummary, LonLat, ShapeCollection, ShapeFeature, ShapeLevel } from '../../shared/types/map';
import type { AomRepository } from '../db/repositories/aom-repository';
import type { ContourRepository } from '../db/repositories/contour-repository';
import { BUNDLED_ATTRIBUTION, bundledPositions, bundledShapes } from '../geo/bundled-background';
import type { JobDefinition, JobId } from '../jobs/job-definition';
import type { JobRunner } from '../jobs/job-runner';
import type { TaskSummary } from '../workers/task-registry';
import type { AuditService } from './audit-service';

/** What a contour import stored, per level (see `ContoursImportSummary`). */
export type ContourImportSummary = TaskSummary<'contours.import'>;

type ImportParams = { filePath: string; level: ShapeLevel | null };

const isBundled = (level: ShapeLevel): level is 'dep' | 'reg' => level === 'dep' || level === 'reg';

/**
 * The contours of the Carte page: those the user imported into the store (IGN ADMIN EXPRESS zip, shapefile or
 * GeoJSON, through a job: docs/map.md, « Contours »), and the départements and régions the application ships
 * (Natural Earth) for a background that works out of the box. Geometry is GeoJSON in WGS 84 degrees, exterior
 * rings clockwise (as d3-geo draws them).
 */
export class ContourService {
  private readonly definition: JobDefinition<'contours.import', ImportParams, { filePath: string }, ContourImportSummary>;

  constructor(
    private readonly runner: JobRunner,
    private readonly contours: ContourRepository,
    aoms: AomRepository,
    private readonly audit: AuditService,
    storeAddress: string,
    now: () => Date,
  ) {
    this.definition = {
      kind: 'contours.import',
      task: 'contours.import',
      tables: ['map_contours', 'audit_log'],
      // The AOM table is read here (the worker dissolves communes into AOMs) and handed over whole: ~35,000 pairs.
      prepare: async ({ filePath, level }) => ({
        context: { filePath },
        workerParams: { storeAddress, filePath, level, importedAt: now().toISOString(), aomByCommune: await aoms.loadMap(), aomNames: await aoms.loadNames() },
        total: 0,
      }),
      commit: (context, summary) => this.commit(context.filePath, summary),
      // The worker writes every level in one transaction at its very end: a failed or cancelled run wrote nothing.
      rollback: async () => undefined,
    };
  }

  /**
   * Starts importing a contour file (absolute or relative path): an IGN ADMIN EXPRESS / ADMIN EXPRESS COG zip of
   * shapefiles, a .shp with its .dbf and .prj, or a GeoJSON of communes, EPCI, départements or régions. `level`
   * imposes the level of a single-layer file (recognised from its fields and codes otherwise). Answers the job id;
   * the job replaces the levels the file brings (and those dissolved from its communes) in one transaction, and fails
   * with a French message naming the file, leaving the store as it was, when the file cannot be imported whole.
   */
  importFile(path: string, level: ShapeLevel | null = null): Promise<JobId<ContourImportSummary>> {
    return this.runner.start(this.definition, { filePath: resolvePath(path), level });
  }

  /**
   * Contours of a level, by code (all, or those of `codes`): the store's when it holds the level; else, for
   * départements and régions, the bundled ones (`source: 'bundled'`); else none. For départements and régions the
   * bundled contours also stand in for codes an import left out (a metropolitan-only ADMIN EXPRESS keeps its
   * overseas départements on the map), and the attribution then names both sources.
   */
  async shapes(level: ShapeLevel, codes?: readonly string[]): Promise<ShapeCollection> {
    const stored = await this.contours.contours(level, codes);
    const features: ShapeFeature[] = stored.map((row) => ({
      type: 'Feature',
      id: row.code,
      properties: { code: row.code, name: row.name, level },
      geometry: JSON.parse(row.geometryJson) as ShapeFeature['geometry'],
    }));
    const attributions = [...new Set(stored.map((row) => row.source))];
    if (isBundled(level)) {
      const held = new Set(features.map((entry) => entry.id));
      const wanted = codes === undefined ? null : new Set(codes);
      const missing = bundledShapes(level).filter((entry) => !held.has(entry.id) && (wanted === null || wanted.has(entry.id)));
      if (missing.length > 0) {
        features.push(...missing);
        features.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        attributions.push(BUNDLED_ATTRIBUTION);
      }
    }
    return { type: 'FeatureCollection', source: stored.length > 0 || attributions.length === 0 ? 'store' : 'bundled', attribution: attributions.join(' ; '), features };
  }

  /**
   * One representative point per code of a level, degrees WGS 84 `[lon, lat]`: inside each contour (its centroid,
   * or a point inside its largest part when the centroid falls outside), computed at import. The store's contours,
   * completed for départements and régions by the bundled ones. Empty for a level without contours.
   */
  async positions(level: ShapeLevel): Promise<Map<string, LonLat>> {
    const positions: Map<string, LonLat> = await this.contours.positions(level);
    if (isBundled(level)) for (const [code, position] of bundledPositions(level)) if (!positions.has(code)) positions.set(code, position);
    return positions;
  }

  /** Contours the store holds per level: how many, their attribution and when they were imported. */
  async summary(): Promise<ContourSummary> {
    return (await this.contours.levels()).map(({ level, count, source, importedAt }) => ({ level, count, source, importedAt }));
  }

  private async commit(filePath: string, summary: ContourImportSummary): Promise<ContourImportSummary> {
    await this.audit.record({
      action: 'contours.import',
      entity: 'map_contours',
      entityId: filePath,
      before: null,
      after: { file: summary.file, attribution: summary.attribution, levels: summary.levels.map(({ level, count, derived }) => ({ level, count, derived })) },
    });
    return summary;
  }
}
