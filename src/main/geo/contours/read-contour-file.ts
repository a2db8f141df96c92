import type { Stats } from 'node:fs';
import { open, readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, sep } from 'node:path';
import { ShapeLevel } from '../../../shared/types/map';
import { polygonsOf } from './area-geometry';
import { ContourFileError } from './contour-file-error';
import type { ContourFile, ContourLevel, RawLayer } from './contour-types';
import { ADMIN_EXPRESS_LAYERS, layerLevel, type CodeBook, type LevelLayer } from './layer-level';
import { readGeoJsonLayer } from './read-geojson';
import { readShapefileLayer, type ShapefileParts } from './read-shapefile';
import { openZipMembers, type ZipMembers } from './zip-members';

/** What reading a contour file needs besides its path. */
export interface ReadContourOptions {
  /** Level of a single-layer file when its fields and codes should not decide it; null to recognise it. */
  level: ShapeLevel | null;
  codes: CodeBook;
  /** Called as features are read: the layer's label, features read and expected. */
  progress(label: string, done: number, total: number): void;
  signal: AbortSignal;
}

const SHAPEFILE_PARTS = ['.shp', '.dbf', '.prj', '.cpg'] as const;
/** Signature of 7z archives, IGN's format for ADMIN EXPRESS deliveries. */
const SEVEN_ZIP = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);
/** Features between two progress reports (and cancel checks). */
const REPORT_EVERY = 500;

/** The accepted formats, for messages. */
const EXPECTED =
  'attendu : une archive zip IGN ADMIN EXPRESS (shapefiles COMMUNE, EPCI, DEPARTEMENT, REGION…) ou son dossier extrait, un fichier .shp accompagné de ses .dbf et .prj, ou un GeoJSON';

/**
 * Where the contours come from, printed on maps: IGN's product and edition year when the file's or its members'
 * names say it (`ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22` → « IGN ADMIN EXPRESS COG 2024 »), else the
 * file's name.
 */
function attributionOf(fileName: string, memberNames: readonly string[]): string {
  const names = [fileName, ...memberNames].join('\n');
  const product = /ADMIN[-_ ]?EXPRESS[-_ ]?COG[-_ ]?CARTO/i.test(names)
    ? 'IGN ADMIN EXPRESS COG CARTO'
    : /ADMIN[-_ ]?EXPRESS[-_ ]?COG/i.test(names)
      ? 'IGN ADMIN EXPRESS COG'
      : /ADMIN[-_ ]?EXPRESS/i.test(names)
        ? 'IGN ADMIN EXPRESS'
        : null;
  if (!product) return fileName;
  const year = /[-_](20\d\d)-\d\d-\d\d/.exec(names)?.[1];
  return year ? `${product} ${year}` : product;
}

async function firstBytes(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Files of a shapefile by extension, from names `stem.ext` (extension compared case-insensitively). */
function partsByStem(names: readonly string[]): Map<string, Map<string, string>> {
  const stems = new Map<string, Map<string, string>>();
  for (const name of names) {
    const extension = extname(name).toLowerCase();
    if (!(SHAPEFILE_PARTS as readonly string[]).includes(extension)) continue;
    const stem = name.slice(0, name.length - extension.length);
    const parts = stems.get(stem) ?? new Map<string, string>();
    parts.set(extension, name);
    stems.set(stem, parts);
  }
  return stems;
}

/** A layer's name as ADMIN EXPRESS spells it: the base name in upper case. */
const layerNameOf = (stem: string): string => basename(stem).toUpperCase();

/** Reads the files of one shapefile layer with `read` (a zip member or a file next to the .shp). */
async function shapefileParts(label: string, stem: string, parts: Map<string, string>, read: (name: string) => Promise<Buffer>): Promise<ShapefileParts> {
  const file = (extension: string): Promise<Buffer | null> => {
    const name = parts.get(extension);
    return name === undefined ? Promise.resolve(null) : read(name);
  };
  const [shp, dbf, prj, cpg] = await Promise.all([file('.shp'), file('.dbf'), file('.prj'), file('.cpg')]);
  if (!shp) throw new ContourFileError(`« ${label} » : fichier .shp absent.`);
  return { label, layerName: layerNameOf(stem), shp, dbf, prj: prj?.toString('utf8') ?? null, cpg: cpg?.toString('latin1') ?? null };
}

/** Reports progress every few hundred features and stops when the job is cancelled. */
function featureProgress(options: ReadContourOptions, label: string): (done: number, total: number) => void {
  return (done, total) => {
    if (done % REPORT_EVERY !== 0 && done !== total) return;
    options.signal.throwIfAborted();
    options.progress(label, done, total);
  };
}

/** Files of a zip or a folder, by path relative to it, and a way to read one whole. */
interface Members {
  names: readonly string[];
  read(name: string): Promise<Buffer>;
}

/**
 * The layers of a zip or a folder: ADMIN EXPRESS's map layers (or its only shapefile, whatever its name), or its
 * only GeoJSON. `container` names it in messages (« l’archive », « le dossier »).
 */
async function readMembers(members: Members, displayName: string, container: string, options: ReadContourOptions): Promise<{ layers: RawLayer[]; ignored: string[] }> {
  const stems = [...partsByStem(members.names)].filter(([, parts]) => parts.has('.shp'));
  if (stems.length === 0) {
    const geojson = members.names.filter((name) => /\.(geo)?json$/i.test(name));
    if (geojson.length !== 1) throw new ContourFileError(`« ${displayName} » : ${container} ne contient aucune couche .shp ${geojson.length > 1 ? 'et plusieurs GeoJSON' : 'ni GeoJSON'} ; ${EXPECTED}.`);
    const name = geojson[0] ?? '';
    const label = `${displayName} › ${name}`;
    return { layers: [readGeoJsonLayer(label, (await members.read(name)).toString('utf8'), featureProgress(options, label))], ignored: [] };
  }
  const wanted = stems.length === 1 ? stems : stems.filter(([stem]) => layerNameOf(stem) in ADMIN_EXPRESS_LAYERS);
  if (wanted.length === 0) {
    throw new ContourFileError(`« ${displayName} » : aucune couche reconnue (${Object.keys(ADMIN_EXPRESS_LAYERS).join(', ')}) parmi ${stems.map(([stem]) => basename(stem)).join(', ')}.`);
  }
  const layers: RawLayer[] = [];
  for (const [stem, parts] of wanted) {
    const label = `${displayName} › ${parts.get('.shp') ?? stem}`;
    layers.push(await readShapefileLayer(await shapefileParts(label, stem, parts, (name) => members.read(name)), featureProgress(options, label)));
  }
  const ignored = stems.filter((entry) => !wanted.includes(entry)).map(([stem]) => basename(stem));
  return { layers, ignored: [...new Set(ignored)].sort() };
}

async function readZip(path: string, displayName: string, options: ReadContourOptions): Promise<{ layers: RawLayer[]; ignored: string[]; memberNames: readonly string[] }> {
  const zip: ZipMembers = await openZipMembers(path, displayName);
  try {
    return { ...(await readMembers(zip, displayName, 'l’archive', options)), memberNames: zip.names };
  } finally {
    zip.close();
  }
}

/** A folder, such as the one extracting IGN's .7z gives: its files at any depth. */
async function readFolder(path: string, displayName: string, options: ReadContourOptions): Promise<{ layers: RawLayer[]; ignored: string[]; memberNames: readonly string[] }> {
  const names = (await readdir(path, { recursive: true })).map((name) => name.split(sep).join('/'));
  return { ...(await readMembers({ names, read: (name) => readFile(join(path, name)) }, displayName, 'le dossier', options)), memberNames: names };
}

/** A .shp on disk with its .dbf, .prj and .cpg next to it (same base name, extensions in any case). */
async function readShapefileOnDisk(path: string, options: ReadContourOptions): Promise<RawLayer> {
  const directory = dirname(path);
  const stem = basename(path, extname(path));
  const siblings = (await readdir(directory)).filter((name) => basename(name, extname(name)) === stem);
  const parts = partsByStem(siblings).get(stem) ?? new Map<string, string>();
  const label = basename(path);
  return readShapefileLayer(await shapefileParts(label, stem, parts, (name) => readFile(join(directory, name))), featureProgress(options, label));
}

/** The .shp a path designates: itself, or the .shp next to a .dbf, .prj, .cpg or .shx given instead. */
async function shapefileOf(path: string): Promise<string | null> {
  const extension = extname(path).toLowerCase();
  if (!['.dbf', '.prj', '.cpg', '.shx'].includes(extension)) return null;
  const stem = basename(path, extname(path));
  const found = (await readdir(dirname(path))).find((name) => name.toLowerCase() === `${stem.toLowerCase()}.shp`);
  return found === undefined ? null : join(dirname(path), found);
}

/** Gathers layers of one level (communes and arrondissements municipaux; one layer per overseas territory), levels in `ShapeLevel` order. */
function byLevel(layers: readonly LevelLayer[]): ContourLevel[] {
  const levels = new Map<ShapeLevel, ContourLevel>();
  for (const layer of layers) {
    const level = levels.get(layer.level) ?? { level: layer.level, layers: [], contours: [] };
    level.layers.push(`${layer.label} (${layer.codeField})`);
    const byCode = new Map(level.contours.map((contour) => [contour.code, contour]));
    for (const contour of layer.contours) {
      const previous = byCode.get(contour.code);
      if (previous) previous.geometry = { type: 'MultiPolygon', coordinates: [...polygonsOf(previous.geometry), ...polygonsOf(contour.geometry)] };
      else {
        level.contours.push(contour);
        byCode.set(contour.code, contour);
      }
    }
    levels.set(layer.level, level);
  }
  return [...levels.values()].sort((a, b) => ShapeLevel.options.indexOf(a.level) - ShapeLevel.options.indexOf(b.level));
}

/**
 * Reads a contour file: an IGN ADMIN EXPRESS (or ADMIN EXPRESS COG, COG CARTO) zip of shapefiles, possibly in
 * nested folders and one folder per territory, or the folder extracting IGN's .7z gives (7z itself is refused with
 * that advice); a zip of one shapefile or one GeoJSON; a .shp with its .dbf/.prj next to it; or a GeoJSON
 * FeatureCollection. Every layer is converted to WGS 84 and its level recognised. Throws
 * `ContourFileError`, naming the file and the layer, feature or field at fault, on anything it cannot import whole.
 */
export async function readContourFile(path: string, options: ReadContourOptions): Promise<ContourFile> {
  const displayName = basename(path);
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    throw new ContourFileError(`« ${displayName} » : fichier introuvable ou illisible (${path}).`);
  }
  let read: { layers: RawLayer[]; ignored: string[]; memberNames: readonly string[]; format: string };
  const head = info.isDirectory() ? Buffer.alloc(0) : await firstBytes(path, 64);
  if (info.isDirectory()) {
    read = { ...(await readFolder(path, displayName, options)), format: 'dossier' };
  } else if (info.size === 0) {
    throw new ContourFileError(`« ${displayName} » : fichier vide.`);
  } else if (head.subarray(0, 6).equals(SEVEN_ZIP)) {
    throw new ContourFileError(`« ${displayName} » : les archives 7z (format des livraisons IGN) ne sont pas lues ; extrayez-la avec 7-Zip et importez le dossier obtenu, ou une archive .zip de ses fichiers.`);
  } else if (head[0] === 0x50 && head[1] === 0x4b) {
    read = { ...(await readZip(path, displayName, options)), format: 'zip' };
  } else if (head.length >= 4 && head.readInt32BE(0) === 9994) {
    read = { layers: [await readShapefileOnDisk(path, options)], ignored: [], memberNames: [], format: 'shapefile' };
  } else {
    const shp = await shapefileOf(path);
    if (shp) return readContourFile(shp, options);
    if (extname(path).toLowerCase() === '.zip') throw new ContourFileError(`« ${displayName} » : ce n’est pas une archive zip.`);
    if (!/^\uFEFF?\s*\{/.test(head.toString('utf8'))) throw new ContourFileError(`« ${displayName} » : format non reconnu ; ${EXPECTED}.`);
    const text = await readFile(path, 'utf8');
    read = { layers: [readGeoJsonLayer(displayName, text, featureProgress(options, displayName))], ignored: [], memberNames: [], format: 'geojson' };
  }
  if (options.level !== null && read.layers.length > 1) {
    throw new ContourFileError(`« ${displayName} » : le niveau ne peut être imposé qu’à un fichier d’une seule couche (celui-ci en a ${read.layers.length}).`);
  }
  const levels = byLevel(read.layers.map((layer) => layerLevel(layer, options.level, options.codes)));
  const systems = [...new Set(read.layers.map((layer) => layer.system))].join(', ');
  return { format: `${read.format} (${systems})`, attribution: attributionOf(displayName, read.memberNames), levels, ignoredLayers: read.ignored };
}
