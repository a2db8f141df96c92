import { TextDecoder } from 'node:util';
import type { Feature } from 'geojson';
import * as shapefile from 'shapefile';
import { ContourFileError } from './contour-file-error';
import type { RawFeature, RawLayer } from './contour-types';
import { ACCEPTED_SYSTEMS, systemOfPrj, type CoordinateSystem } from './coordinate-systems';
import { featureGeometry } from './feature-geometry';

/** The files of one shapefile layer, read whole. */
export interface ShapefileParts {
  /** How messages name the layer: `COMMUNE.shp` or `archive.zip › dossier/COMMUNE.shp`. */
  label: string;
  /** Base name in upper case (`COMMUNE`). */
  layerName: string;
  shp: Uint8Array;
  dbf: Uint8Array | null;
  prj: string | null;
  cpg: string | null;
}

/** Shape types of the .shp header (ESRI Shapefile Technical Description), by what they hold. */
const POLYGON_TYPES = new Set([5, 15, 25]);
const TYPE_NAMES: Readonly<Record<number, string>> = { 0: 'vide', 1: 'points', 3: 'lignes', 8: 'multipoints', 11: 'points', 13: 'lignes', 18: 'multipoints', 21: 'points', 23: 'lignes', 28: 'multipoints', 31: 'multipatch' };
/** `9994`, big-endian, opens every .shp and .shx. */
const SHAPEFILE_CODE = 9994;

/** Checks the .shp header: signature, declared length against the bytes present, polygon shape type. */
function checkShpHeader(parts: ShapefileParts): void {
  const { shp, label } = parts;
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (shp.byteLength < 100 || view.getInt32(0, false) !== SHAPEFILE_CODE) throw new ContourFileError(`« ${label} » : ce n’est pas un fichier .shp (en-tête absent ou endommagé).`);
  const declared = view.getInt32(24, false) * 2;
  if (shp.byteLength < declared) {
    throw new ContourFileError(`« ${label} » : fichier .shp tronqué (${shp.byteLength} octets sur les ${declared} annoncés par son en-tête).`);
  }
  const type = view.getInt32(32, true);
  if (!POLYGON_TYPES.has(type)) {
    throw new ContourFileError(`« ${label} » : la couche contient des ${TYPE_NAMES[type] ?? `formes de type ${type}`}, pas des polygones : il faut des contours de communes, EPCI, départements ou régions.`);
  }
}

/** Record count and field names of a .dbf (dBASE III header), after checking the records are all present. */
function readDbfHeader(label: string, dbf: Uint8Array): { records: number; fields: string[] } {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  if (dbf.byteLength < 33) throw new ContourFileError(`« ${label} » : fichier .dbf vide ou endommagé.`);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || dbf.byteLength < headerLength + records * recordLength) {
    throw new ContourFileError(`« ${label} » : fichier .dbf tronqué ou endommagé (${records} enregistrements annoncés).`);
  }
  const fields: string[] = [];
  for (let offset = 32; offset + 32 <= headerLength && dbf[offset] !== 0x0d; offset += 32) {
    const raw = dbf.subarray(offset, offset + 11);
    const end = raw.indexOf(0);
    fields.push(Buffer.from(raw.subarray(0, end < 0 ? 11 : end)).toString('latin1'));
  }
  return { records, fields };
}

/**
 * Encoding of the .dbf text: what the .cpg says (ADMIN EXPRESS ships `UTF-8`), else UTF-8 when the records are
 * valid UTF-8, else Windows-1252 (the dBASE default of French shapefiles without .cpg).
 */
function dbfEncoding(cpg: string | null, dbf: Uint8Array): string {
  const declared = cpg?.trim().toLowerCase() ?? '';
  if (/utf-?8/.test(declared)) return 'utf-8';
  if (/1252|ansi/.test(declared)) return 'windows-1252';
  if (/8859-?15/.test(declared)) return 'iso-8859-15';
  if (/8859-?1|88591|latin-?1/.test(declared)) return 'iso-8859-1';
  try {
    // The records only: the binary header (counts, lengths) is not text.
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength).getUint16(8, true)));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function coordinateSystem(parts: ShapefileParts): CoordinateSystem {
  if (parts.prj === null) {
    throw new ContourFileError(`« ${parts.label} » : fichier .prj absent ; sans lui le système de coordonnées est inconnu (attendu : ${ACCEPTED_SYSTEMS}).`);
  }
  const system = systemOfPrj(parts.prj);
  if (!system) {
    const name = /^\s*[A-Z]+\s*\[\s*"([^"]*)"/i.exec(parts.prj)?.[1];
    throw new ContourFileError(`« ${parts.label} » : système de coordonnées non pris en charge${name ? ` (« ${name} »)` : ''} ; attendu : ${ACCEPTED_SYSTEMS}.`);
  }
  return system;
}

/**
 * Reads one shapefile layer (polygons, with its .dbf attributes and .prj system) into WGS 84 features. Throws
 * `ContourFileError` naming the layer when the .dbf or .prj is missing, a file is truncated or corrupt, the
 * system is not one of ADMIN EXPRESS's, or a feature is not a polygon. `onFeature` is called after each feature
 * (progress, cancel).
 */
export async function readShapefileLayer(parts: ShapefileParts, onFeature: (done: number, total: number) => void): Promise<RawLayer> {
  const { label } = parts;
  checkShpHeader(parts);
  if (parts.dbf === null) throw new ContourFileError(`« ${label} » : fichier .dbf absent ; sans lui les codes des contours sont inconnus.`);
  const { records, fields } = readDbfHeader(label, parts.dbf);
  const system = coordinateSystem(parts);
  const source = await shapefile.open(parts.shp, parts.dbf, { encoding: dbfEncoding(parts.cpg, parts.dbf) });
  const features: RawFeature[] = [];
  for (;;) {
    const index = features.length + 1;
    let result: { done: boolean; value: Feature | undefined };
    try {
      result = await source.read();
    } catch (error) {
      throw new ContourFileError(`« ${label} », objet n° ${index} : illisible, fichier .shp endommagé (${(error as Error).message}).`);
    }
    if (result.done || !result.value) break;
    if (index > records) throw new ContourFileError(`« ${label} » : le .shp contient plus d’objets que les ${records} lignes du .dbf.`);
    features.push({ index, properties: result.value.properties ?? {}, geometry: featureGeometry(label, index, result.value.geometry, system) });
    onFeature(index, records);
  }
  if (features.length !== records) throw new ContourFileError(`« ${label} » : ${features.length} objets dans le .shp pour ${records} lignes dans le .dbf (fichiers endommagés ou d’origines différentes).`);
  if (features.length === 0) throw new ContourFileError(`« ${label} » : couche vide.`);
  return { label, layerName: parts.layerName, fields, system: system.label, features };
}
