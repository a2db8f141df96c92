/** A position in a shapefile's own coordinates (metres for a projected system, degrees otherwise). */
export type XY = readonly [number, number];

/** One record: its polygons (each an exterior ring then holes, rings closed) and its text attributes. */
export interface ShapefileRecord {
  polygons: ReadonlyArray<ReadonlyArray<readonly XY[]>>;
  attributes: Readonly<Record<string, string>>;
}

/** A layer to write: text fields (name, length in bytes), records, and the .prj/.cpg texts (null: no such file). */
export interface ShapefileLayer {
  fields: ReadonlyArray<{ name: string; length: number }>;
  records: readonly ShapefileRecord[];
  prj: string | null;
  cpg?: string | null;
  /** Shape type of the header and records: 5 polygons (default), 3 polylines (a layer of the wrong kind). */
  shapeType?: 5 | 3;
}

/** The files of a layer, by extension (`.shp`, `.shx`, `.dbf`, and `.prj`/`.cpg` when given). */
export type ShapefileFiles = Record<string, Buffer>;

/** The .prj IGN ships with ADMIN EXPRESS in Lambert-93 (ESRI WKT). */
export const LAMBERT93_PRJ =
  'PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],' +
  'PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",44.0],' +
  'PARAMETER["Standard_Parallel_2",49.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]';

/** The .prj of ADMIN EXPRESS for Mayotte (RGM04 / UTM zone 38S, ESRI WKT). */
export const UTM38S_PRJ =
  'PROJCS["RGM04_UTM_zone_38S",GEOGCS["GCS_RGM_2004",DATUM["D_Reseau_Geodesique_de_Mayotte_2004",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",10000000.0],PARAMETER["Central_Meridian",45.0],PARAMETER["Scale_Factor",0.9996],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** Twice the signed area of a ring (positive when counter-clockwise). */
function signedArea(ring: readonly XY[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1, y1] = ring[i] ?? [0, 0];
    const [x2, y2] = ring[i + 1] ?? [0, 0];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** Rings as the shapefile specification wants them: exteriors clockwise, holes counter-clockwise. */
function shapefileRings(polygons: ShapefileRecord['polygons']): XY[][] {
  return polygons.flatMap((polygon) =>
    polygon.map((ring, index) => {
      const clockwise = signedArea(ring) < 0;
      return clockwise === (index === 0) ? [...ring] : [...ring].reverse();
    }),
  );
}

function bbox(points: readonly XY[]): [number, number, number, number] {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return points.length === 0 ? [0, 0, 0, 0] : [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The 100-byte header shared by .shp and .shx. */
function header(fileBytes: number, shapeType: number, box: readonly number[]): Buffer {
  const buffer = Buffer.alloc(100);
  buffer.writeInt32BE(9994, 0);
  buffer.writeInt32BE(fileBytes / 2, 24);
  buffer.writeInt32LE(1000, 28);
  buffer.writeInt32LE(shapeType, 32);
  box.forEach((value, index) => buffer.writeDoubleLE(value, 36 + index * 8));
  return buffer;
}

function shapeContent(shapeType: number, rings: readonly XY[][]): Buffer {
  const points = rings.flat();
  const content = Buffer.alloc(44 + rings.length * 4 + points.length * 16);
  content.writeInt32LE(shapeType, 0);
  bbox(points).forEach((value, index) => content.writeDoubleLE(value, 4 + index * 8));
  content.writeInt32LE(rings.length, 36);
  content.writeInt32LE(points.length, 40);
  let start = 0;
  rings.forEach((ring, index) => {
    content.writeInt32LE(start, 44 + index * 4);
    start += ring.length;
  });
  points.forEach(([x, y], index) => {
    const offset = 44 + rings.length * 4 + index * 16;
    content.writeDoubleLE(x, offset);
    content.writeDoubleLE(y, offset + 8);
  });
  return content;
}

/** dBASE III table of text fields, UTF-8 (what the .cpg of ADMIN EXPRESS says). */
function dbf(layer: ShapefileLayer): Buffer {
  const recordLength = 1 + layer.fields.reduce((sum, field) => sum + field.length, 0);
  const headerLength = 32 + layer.fields.length * 32 + 1;
  const buffer = Buffer.alloc(headerLength + layer.records.length * recordLength + 1, 0x20);
  buffer.fill(0, 0, headerLength);
  buffer.writeUInt8(0x03, 0);
  buffer.writeUInt8(124, 1);
  buffer.writeUInt8(2, 2);
  buffer.writeUInt8(22, 3);
  buffer.writeUInt32LE(layer.records.length, 4);
  buffer.writeUInt16LE(headerLength, 8);
  buffer.writeUInt16LE(recordLength, 10);
  layer.fields.forEach((field, index) => {
    const offset = 32 + index * 32;
    buffer.write(field.name.slice(0, 10), offset, 'latin1');
    buffer.write('C', offset + 11, 'latin1');
    buffer.writeUInt8(field.length, offset + 16);
  });
  buffer.writeUInt8(0x0d, headerLength - 1);
  layer.records.forEach((record, index) => {
    let offset = headerLength + index * recordLength + 1;
    for (const field of layer.fields) {
      Buffer.from(record.attributes[field.name] ?? '', 'utf8').subarray(0, field.length).copy(buffer, offset);
      offset += field.length;
    }
  });
  buffer.writeUInt8(0x1a, buffer.length - 1);
  return buffer;
}

/**
 * Writes a polygon layer as the files of an ESRI shapefile (ESRI Shapefile Technical Description, dBASE III): .shp
 * and .shx (records and index, bounding boxes computed), .dbf (text fields, UTF-8), and .prj/.cpg when given. For
 * tests of the contour import: real files the `shapefile` package reads, as IGN's tools write them.
 */
export function writeShapefile(layer: ShapefileLayer): ShapefileFiles {
  const shapeType = layer.shapeType ?? 5;
  const contents = layer.records.map((record) => shapeContent(shapeType, shapefileRings(record.polygons)));
  const box = bbox(layer.records.flatMap((record) => record.polygons.flat(2)));
  const shpBytes = 100 + contents.reduce((sum, content) => sum + 8 + content.length, 0);
  const records: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = 100;
  contents.forEach((content, position) => {
    const recordHeader = Buffer.alloc(8);
    recordHeader.writeInt32BE(position + 1, 0);
    recordHeader.writeInt32BE(content.length / 2, 4);
    records.push(recordHeader, content);
    const entry = Buffer.alloc(8);
    entry.writeInt32BE(offset / 2, 0);
    entry.writeInt32BE(content.length / 2, 4);
    index.push(entry);
    offset += 8 + content.length;
  });
  const files: ShapefileFiles = {
    '.shp': Buffer.concat([header(shpBytes, shapeType, [...box, 0, 0, 0, 0]), ...records]),
    '.shx': Buffer.concat([header(100 + contents.length * 8, shapeType, [...box, 0, 0, 0, 0]), ...index]),
    '.dbf': dbf(layer),
  };
  if (layer.prj !== null) files['.prj'] = Buffer.from(layer.prj, 'utf8');
  const cpg = layer.cpg === undefined ? 'UTF-8' : layer.cpg;
  if (cpg !== null) files['.cpg'] = Buffer.from(cpg, 'latin1');
  return files;
}
