import type { Knex } from 'knex';
import type { ShapeLevel } from '../../../shared/types/map';

/** A stored contour: its GeoJSON geometry as text, its representative point (degrees) and its attribution. */
export interface StoredContour {
  code: string;
  name: string | null;
  geometryJson: string;
  source: string;
}

/** Contours per level the store holds, with their attribution and the latest import (ISO UTC). */
export interface StoredContourLevel {
  level: ShapeLevel;
  count: number;
  source: string;
  derived: boolean;
  importedAt: string;
}

/** Codes per `IN (…)` lookup, well under SQLite's bound-variable limit. */
const CODES_PER_LOOKUP = 500;

/** The user's imported contours (`map_contours`), read by the Carte page; written by the import worker (contour-writer.ts). */
export class ContourRepository {
  constructor(private readonly db: Knex) {}

  /** Contours per level, levels by name (alphabetical). */
  async levels(): Promise<StoredContourLevel[]> {
    const rows: Array<{ level: ShapeLevel; count: number; source: string; derived: number; imported_at: string }> = await this.db('map_contours')
      .select('level', this.db.raw('COUNT(*) AS count'), this.db.raw('MAX(source) AS source'), this.db.raw('MAX(derived) AS derived'), this.db.raw('MAX(imported_at) AS imported_at'))
      .groupBy('level')
      .orderBy('level');
    return rows.map((row) => ({ level: row.level, count: Number(row.count), source: row.source, derived: Number(row.derived) === 1, importedAt: row.imported_at }));
  }

  /** The contours of a level, all or those of `codes`, by code. */
  async contours(level: ShapeLevel, codes?: readonly string[]): Promise<StoredContour[]> {
    const select = (query: Knex.QueryBuilder): Knex.QueryBuilder => query.where({ level }).select('code', 'name', 'geometry_json', 'source').orderBy('code');
    let rows: Array<{ code: string; name: string | null; geometry_json: string; source: string }>;
    if (codes === undefined) rows = await select(this.db('map_contours'));
    else {
      rows = [];
      const unique = [...new Set(codes)];
      for (let offset = 0; offset < unique.length; offset += CODES_PER_LOOKUP) {
        rows.push(...(await select(this.db('map_contours').whereIn('code', unique.slice(offset, offset + CODES_PER_LOOKUP)))));
      }
      rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    }
    return rows.map((row) => ({ code: row.code, name: row.name, geometryJson: row.geometry_json, source: row.source }));
  }

  /** Representative point of each contour of a level, degrees WGS 84 `[lon, lat]`, by code. */
  async positions(level: ShapeLevel): Promise<Map<string, [number, number]>> {
    const rows: Array<{ code: string; lon: number; lat: number }> = await this.db('map_contours').where({ level }).select('code', 'lon', 'lat');
    return new Map(rows.map((row) => [row.code, [row.lon, row.lat]]));
  }
}
