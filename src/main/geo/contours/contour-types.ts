import type { MultiPolygon, Polygon } from 'geojson';
import type { ShapeLevel } from '../../../shared/types/map';

/** A polygonal geometry in WGS 84 degrees (longitude, latitude), coordinates rounded to 5 decimals (about 1 m). */
export type AreaGeometry = Polygon | MultiPolygon;

/** One feature of a layer as read: its attributes and its geometry, already in WGS 84. */
export interface RawFeature {
  /** 1-based position of the feature in its layer, for messages. */
  index: number;
  properties: Readonly<Record<string, unknown>>;
  geometry: AreaGeometry;
}

/** One layer of a file (a shapefile, or a GeoJSON FeatureCollection) before its level and fields are recognised. */
export interface RawLayer {
  /** How messages name it: `COMMUNE.shp`, `contours.zip › ADE/COMMUNE.shp`, `communes.geojson`. */
  label: string;
  /** Base name of a shapefile layer in upper case (`COMMUNE`, `EPCI`…), which names its level in ADMIN EXPRESS; null for GeoJSON. */
  layerName: string | null;
  /** Attribute names, in file order. */
  fields: readonly string[];
  /** The coordinate system the layer was converted from (`Lambert-93 (EPSG:2154)`, `degrés WGS 84`…). */
  system: string;
  features: RawFeature[];
}

/** A place's contour as the file gives it (parts of one code gathered into one geometry). */
export interface SourceContour {
  code: string;
  name: string | null;
  geometry: AreaGeometry;
}

/** The contours of one level a file gives, with the layers and fields they were read from. */
export interface ContourLevel {
  level: ShapeLevel;
  /** Layers read for it (ADMIN EXPRESS gives communes and arrondissements municipaux both at level `com`). */
  layers: string[];
  contours: SourceContour[];
}

/** What a contour file holds, per level, and where it comes from. */
export interface ContourFile {
  /** `shapefile` (with the coordinate systems met) or `geojson`. */
  format: string;
  /** Where the geometry comes from, printed on maps: « IGN ADMIN EXPRESS COG 2024 », else the file's name. */
  attribution: string;
  levels: ContourLevel[];
  /** Layers of the file that hold no level of the map (ADMIN EXPRESS cantons, chefs-lieux…). */
  ignoredLayers: string[];
}

/** A contour ready to store: simplified geometry (GeoJSON text) and a representative point inside it. */
export interface ContourRow {
  level: ShapeLevel;
  code: string;
  name: string | null;
  geometryJson: string;
  /** Representative point, degrees WGS 84: where maps place the code. */
  lon: number;
  lat: number;
  /** Attribution printed on maps. */
  source: string;
  /** Dissolved from the file's communes rather than read from it. */
  derived: boolean;
}
