import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import proj4 from 'proj4';
import yazl from 'yazl';
import { LAMBERT93_PRJ, UTM38S_PRJ, writeShapefile, type ShapefileFiles, type ShapefileLayer, type XY } from './shapefile-writer';

/** A place of a fixture: its code, name and position (column, row from the south-west) in a grid of square tiles. */
interface Tile {
  code: string;
  name: string;
  column: number;
  row: number;
}

/**
 * Six communes of Nantes Métropole (EPCI 244400404, Loire-Atlantique) as a 3 × 2 grid of 6 km tiles in Lambert-93,
 * Nantes in the middle of the north row, centred on Nantes (−1.5536°, 47.2184°).
 */
export const NANTES_TILES: readonly Tile[] = [
  { code: '44020', name: 'Bouguenais', column: 0, row: 0 },
  { code: '44143', name: 'Rezé', column: 1, row: 0 },
  { code: '44190', name: 'Saint-Sébastien-sur-Loire', column: 2, row: 0 },
  { code: '44162', name: 'Saint-Herblain', column: 0, row: 1 },
  { code: '44109', name: 'Nantes', column: 1, row: 1 },
  { code: '44114', name: 'Orvault', column: 2, row: 1 },
];

/** The 17 communes of Mayotte (département 976, région 06, five EPCI) as 2 km tiles, five per row. */
export const MAYOTTE_TILES: readonly Tile[] = [
  'Acoua', 'Bandraboua', 'Bandrele', 'Bouéni', 'Chiconi', 'Chirongui', 'Dembeni', 'Dzaoudzi', 'Kani-Kéli', 'Koungou', 'Mamoudzou', 'Mtsamboro',
  "M'Tsangamouji", 'Ouangani', 'Pamandzi', 'Sada', 'Tsingoni',
].map((name, index) => ({ code: String(97601 + index), name, column: index % 5, row: Math.floor(index / 5) }));

const LAMBERT93 = '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +units=m +no_defs';
const UTM38S = '+proj=utm +zone=38 +south +ellps=GRS80 +units=m +no_defs';

/** Points per tile side: far more than a 100 m simplification keeps of a 6 km side. */
const POINTS_PER_SIDE = 120;

/**
 * A grid of tiles whose sides wiggle (a few metres, deterministically), each side generated once and shared by the
 * two tiles it separates, as real borders are. Coordinates in the grid's own system (metres).
 */
class TileGrid {
  private readonly sides = new Map<string, XY[]>();

  constructor(
    private readonly origin: XY,
    private readonly size: number,
    private readonly wiggleMetres: number,
  ) {}

  private node(column: number, row: number): XY {
    return [this.origin[0] + column * this.size, this.origin[1] + row * this.size];
  }

  /** The side from node a to node b (grid indexes), generated once, reversed when walked the other way. */
  private side(a: XY, b: XY): XY[] {
    const key = `${a.join(',')}>${b.join(',')}`;
    const reverse = `${b.join(',')}>${a.join(',')}`;
    const known = this.sides.get(key) ?? this.sides.get(reverse)?.slice().reverse();
    if (known) return known;
    const [x1, y1] = this.node(a[0], a[1]);
    const [x2, y2] = this.node(b[0], b[1]);
    const points: XY[] = [];
    for (let k = 0; k <= POINTS_PER_SIDE; k += 1) {
      const t = k / POINTS_PER_SIDE;
      const offset = k === 0 || k === POINTS_PER_SIDE ? 0 : this.wiggleMetres * Math.sin(k * 1.7 + a[0] * 3 + a[1] * 5 + b[0] * 7 + b[1] * 11);
      // Perpendicular to the side: sides are horizontal or vertical.
      const [dx, dy] = x1 === x2 ? [offset, 0] : [0, offset];
      points.push([x1 + (x2 - x1) * t + dx, y1 + (y2 - y1) * t + dy]);
    }
    this.sides.set(key, points);
    return points;
  }

  /** The clockwise ring around a block of tiles from column c0, row r0 to c1, r1 (inclusive). */
  ring(c0: number, r0: number, c1: number, r1: number): XY[] {
    const walk: XY[] = [];
    for (let row = r0; row <= r1; row += 1) walk.push([c0, row]);
    for (let column = c0; column <= c1; column += 1) walk.push([column, r1 + 1]);
    for (let row = r1 + 1; row > r0; row -= 1) walk.push([c1 + 1, row]);
    for (let column = c1 + 1; column > c0; column -= 1) walk.push([column, r0]);
    walk.push([c0, r0]);
    const ring: XY[] = [];
    for (let i = 0; i + 1 < walk.length; i += 1) {
      const side = this.side(walk[i] ?? [0, 0], walk[i + 1] ?? [0, 0]);
      ring.push(...(i === 0 ? side : side.slice(1)));
    }
    return ring;
  }
}

function nantesGrid(): TileGrid {
  const [x, y] = proj4('WGS84', LAMBERT93, [-1.5536, 47.2184]);
  // Nantes' tile (column 1, row 1) is centred on Nantes.
  return new TileGrid([x - 1.5 * 6000, y - 1.5 * 6000], 6000, 15);
}

function mayotteGrid(): TileGrid {
  const [x, y] = proj4('WGS84', UTM38S, [45.1, -12.86]);
  return new TileGrid([x, y], 2000, 8);
}

const tileLayer = (grid: TileGrid, tiles: readonly Tile[], prj: string | null): ShapefileLayer => ({
  fields: [
    { name: 'ID', length: 24 },
    { name: 'NOM', length: 50 },
    { name: 'INSEE_COM', length: 5 },
    { name: 'INSEE_DEP', length: 3 },
    { name: 'INSEE_REG', length: 2 },
  ],
  records: tiles.map((tile) => ({
    polygons: [[grid.ring(tile.column, tile.row, tile.column, tile.row)]],
    attributes: { ID: `COMMUNE_${tile.code}`, NOM: tile.name, INSEE_COM: tile.code, INSEE_DEP: tile.code.slice(0, tile.code.startsWith('97') ? 3 : 2), INSEE_REG: tile.code.startsWith('97') ? '06' : '52' },
  })),
  prj,
});

/** ADMIN EXPRESS COG's COMMUNE layer of the Nantes fixture (Lambert-93, `.prj` as IGN writes it unless given). */
export function nantesCommunes(prj: string | null = LAMBERT93_PRJ): ShapefileLayer {
  return tileLayer(nantesGrid(), NANTES_TILES, prj);
}

/** EPCI (Nantes Métropole) and DEPARTEMENT (Loire-Atlantique) layers: the outline of the six tiles. */
function nantesOutlineLayers(): { EPCI: ShapefileLayer; DEPARTEMENT: ShapefileLayer } {
  const outline = [[nantesGrid().ring(0, 0, 2, 1)]];
  return {
    EPCI: {
      fields: [{ name: 'ID', length: 24 }, { name: 'CODE_SIREN', length: 9 }, { name: 'NOM', length: 60 }, { name: 'NATURE', length: 40 }],
      records: [{ polygons: outline, attributes: { ID: 'EPCI_1', CODE_SIREN: '244400404', NOM: 'Nantes Métropole', NATURE: 'Métropole' } }],
      prj: LAMBERT93_PRJ,
    },
    DEPARTEMENT: {
      fields: [{ name: 'ID', length: 24 }, { name: 'NOM', length: 40 }, { name: 'INSEE_DEP', length: 3 }, { name: 'INSEE_REG', length: 2 }],
      records: [{ polygons: outline, attributes: { ID: 'DEPARTEMENT_44', NOM: 'Loire-Atlantique', INSEE_DEP: '44', INSEE_REG: '52' } }],
      prj: LAMBERT93_PRJ,
    },
  };
}

/**
 * Paris as ADMIN EXPRESS gives it: the commune (75056) in COMMUNE, and two of its arrondissements (75101, 75102:
 * the west and east halves of the commune here) in ARRONDISSEMENT_MUNICIPAL, Lambert-93, 3 km tiles.
 */
export function parisAdminExpress(): Record<string, ShapefileFiles> {
  const [x, y] = proj4('WGS84', LAMBERT93, [2.3488, 48.8534]);
  const grid = new TileGrid([x - 3000, y - 1500], 3000, 10);
  return {
    COMMUNE: writeShapefile({
      fields: [{ name: 'NOM', length: 20 }, { name: 'INSEE_COM', length: 5 }],
      records: [{ polygons: [[grid.ring(0, 0, 1, 0)]], attributes: { NOM: 'Paris', INSEE_COM: '75056' } }],
      prj: LAMBERT93_PRJ,
    }),
    ARRONDISSEMENT_MUNICIPAL: writeShapefile({
      fields: [{ name: 'NOM', length: 40 }, { name: 'INSEE_ARM', length: 5 }, { name: 'INSEE_COM', length: 5 }],
      records: [
        { polygons: [[grid.ring(0, 0, 0, 0)]], attributes: { NOM: 'Paris 1er Arrondissement', INSEE_ARM: '75101', INSEE_COM: '75056' } },
        { polygons: [[grid.ring(1, 0, 1, 0)]], attributes: { NOM: 'Paris 2e Arrondissement', INSEE_ARM: '75102', INSEE_COM: '75056' } },
      ],
      prj: LAMBERT93_PRJ,
    }),
  };
}

/** Folder of the layers inside IGN's ADMIN EXPRESS COG 2024 archive (metropolitan edition, Lambert-93). */
export const ADMIN_EXPRESS_FOLDER = 'ADMIN-EXPRESS-COG_3-2__SHP_LAMB93_FXX_2024-02-22/ADMIN-EXPRESS-COG/1_DONNEES_LIVRAISON_2024-02-00169/ADECOG_3-2_SHP_LAMB93_FXX-ED2024-02-22';

/** Zip members `folder/NAME.ext` of layers given by name. */
export function layerMembers(folder: string, layers: Readonly<Record<string, ShapefileFiles>>): Record<string, Buffer> {
  const members: Record<string, Buffer> = {};
  for (const [name, files] of Object.entries(layers)) for (const [extension, data] of Object.entries(files)) members[`${folder}/${name}${extension}`] = data;
  return members;
}

/** The layers of the Nantes ADMIN EXPRESS COG fixture: COMMUNE, EPCI, DEPARTEMENT, and a CANTON layer the import ignores. */
export function nantesAdminExpress(): Record<string, ShapefileFiles> {
  const { EPCI, DEPARTEMENT } = nantesOutlineLayers();
  return { COMMUNE: writeShapefile(nantesCommunes()), EPCI: writeShapefile(EPCI), DEPARTEMENT: writeShapefile(DEPARTEMENT), CANTON: writeShapefile(DEPARTEMENT) };
}

/** Writes a zip of `members` (name → bytes) with yazl, as IGN's archives are (deflated, nested folders). */
export async function writeZip(path: string, members: Readonly<Record<string, Buffer>>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(members)) zip.addBuffer(data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  writeFileSync(path, Buffer.concat(chunks));
}

/** Writes the files of a layer next to each other as `dir/name.ext`; answers the .shp's path. */
export function writeLayerFiles(dir: string, name: string, files: ShapefileFiles): string {
  for (const [extension, data] of Object.entries(files)) writeFileSync(join(dir, `${name}${extension}`), data);
  return join(dir, `${name}.shp`);
}

/** Mayotte's communes as a shapefile layer in RGM04 / UTM 38S (ADMIN EXPRESS's Mayotte edition). */
export function mayotteCommunes(): ShapefileLayer {
  return tileLayer(mayotteGrid(), MAYOTTE_TILES, UTM38S_PRJ);
}

/** Mayotte's communes as Etalab publishes contours: GeoJSON in degrees, properties `code` and `nom`. */
export function mayotteGeoJson(): string {
  const grid = mayotteGrid();
  const toDegrees = (point: XY): number[] => proj4(UTM38S, 'WGS84', [point[0], point[1]]);
  return JSON.stringify({
    type: 'FeatureCollection',
    features: MAYOTTE_TILES.map((tile) => ({
      type: 'Feature',
      properties: { code: tile.code, nom: tile.name },
      geometry: { type: 'Polygon', coordinates: [grid.ring(tile.column, tile.row, tile.column, tile.row).map(toDegrees).reverse()] },
    })),
  });
}
