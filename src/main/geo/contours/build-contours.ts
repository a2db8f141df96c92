import type { ShapeLevel } from '../../../shared/types/map';
import { createGeoResolver, type GeoReference } from '../../domain/geo/geo-resolver';
import { vertexCount } from './area-geometry';
import type { AreaGeometry, ContourFile, ContourRow } from './contour-types';
import { communeGroups, type DerivedLevel } from './derive-levels';
import { labelPoint } from './label-point';
import { dissolve, simplifiedGeometry, simplifyContours, TOLERANCE_METRES, type SimplifiedContours } from './simplify-contours';

/** What one level of an import stored: how many contours, from the file or dissolved from its communes. */
export type ContourLevelSummary = {
  level: ShapeLevel;
  count: number;
  derived: boolean;
  /** Attribution stored with the level's rows. */
  source: string;
  /** Layers and code fields read (none for a derived level). */
  layers: string[];
  /** Simplification tolerance, metres (the communes' for a derived level). */
  toleranceMetres: number;
  /** Positions read from the file (the communes dissolved, for a derived level) and positions stored. */
  verticesRead: number;
  verticesStored: number;
  /** Groups the file's communes covered only in part, not dissolved (derived levels). */
  partialGroups: number;
};

/** Levels dissolved from communes when the file does not bring them itself. */
const DERIVABLE: readonly DerivedLevel[] = ['epci', 'aom', 'dep', 'reg'];

/** Marks the attribution of a level dissolved from the file's communes. */
export function derivedSource(attribution: string): string {
  return `${attribution} (communes regroupées)`;
}

function row(level: ShapeLevel, code: string, name: string | null, geometry: AreaGeometry, source: string, derived: boolean): ContourRow {
  const [lon, lat] = labelPoint(geometry);
  return { level, code, name, geometryJson: JSON.stringify(geometry), lon, lat, source, derived };
}

/** What `buildContourRows` answers. */
export interface ContourBuild {
  rows: ContourRow[];
  /** One summary per level stored, read levels first. */
  levels: ContourLevelSummary[];
  /** Levels that could not be dissolved because the file covers each of their groups only in part. */
  notDerived: Array<{ level: DerivedLevel; partialGroups: number }>;
  /** File communes the geography does not know (not dissolved into any group). */
  unplacedCommunes: number;
}

/** Progress and cancel of `buildContourRows`. */
export interface BuildProgress {
  progress(step: 'simplify' | 'derive', done: number, total: number): void;
  signal: AbortSignal;
}

/**
 * Turns what a file holds into rows to store: each level simplified on its own topology (`TOLERANCE_METRES`), names
 * the file lacks taken from the geography, a representative point per contour; then, when the file holds communes,
 * the EPCI, AOM, département and région levels it does not bring dissolved from them (complete groups only, through
 * `reference`, AOM table included). Rows come with one summary per level stored.
 */
export function buildContourRows(file: ContourFile, reference: GeoReference, run: BuildProgress): ContourBuild {
  const resolver = createGeoResolver(reference);
  const rows: ContourRow[] = [];
  const levels: ContourLevelSummary[] = [];
  let communes: SimplifiedContours | null = null;
  let communeVertices = new Map<string, number>();
  for (const [index, level] of file.levels.entries()) {
    run.progress('simplify', index, file.levels.length);
    run.signal.throwIfAborted();
    const simplified = simplifyContours(level.contours, TOLERANCE_METRES[level.level]);
    let stored = 0;
    for (const contour of level.contours) {
      const geometry = simplifiedGeometry(simplified, contour.code);
      if (!geometry) continue;
      stored += vertexCount(geometry);
      rows.push(row(level.level, contour.code, contour.name ?? resolver.name(level.level, contour.code), geometry, file.attribution, false));
    }
    levels.push({
      level: level.level,
      count: level.contours.length,
      derived: false,
      source: file.attribution,
      layers: level.layers,
      toleranceMetres: TOLERANCE_METRES[level.level],
      verticesRead: level.contours.reduce((sum, contour) => sum + vertexCount(contour.geometry), 0),
      verticesStored: stored,
      partialGroups: 0,
    });
    if (level.level === 'com') {
      communes = simplified;
      communeVertices = new Map(level.contours.map((contour) => [contour.code, vertexCount(contour.geometry)]));
    }
  }
  run.progress('simplify', file.levels.length, file.levels.length);
  if (!communes) return { rows, levels, notDerived: [], unplacedCommunes: 0 };

  const present = new Set(file.levels.map((level) => level.level));
  const { groups, unplaced } = communeGroups([...communeVertices.keys()], reference, DERIVABLE.filter((level) => !present.has(level)));
  const source = derivedSource(file.attribution);
  const notDerived: ContourBuild['notDerived'] = [];
  for (const [index, group] of groups.entries()) {
    run.progress('derive', index, groups.length);
    run.signal.throwIfAborted();
    let read = 0;
    let stored = 0;
    for (const [code, { name, members }] of group.complete) {
      const geometry = dissolve(communes, members);
      if (!geometry) continue;
      read += members.reduce((sum, member) => sum + (communeVertices.get(member) ?? 0), 0);
      stored += vertexCount(geometry);
      rows.push(row(group.level, code, name, geometry, source, true));
    }
    if (group.complete.size === 0) {
      notDerived.push({ level: group.level, partialGroups: group.partial });
      continue;
    }
    levels.push({
      level: group.level,
      count: group.complete.size,
      derived: true,
      source,
      layers: [],
      toleranceMetres: TOLERANCE_METRES.com,
      verticesRead: read,
      verticesStored: stored,
      partialGroups: group.partial,
    });
  }
  run.progress('derive', groups.length, groups.length);
  return { rows, levels, notDerived, unplacedCommunes: unplaced };
}
