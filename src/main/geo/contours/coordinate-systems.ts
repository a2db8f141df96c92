import proj4 from 'proj4';

/**
 * A coordinate system a contour file may use: the projected systems of IGN ADMIN EXPRESS (Lambert-93 for
 * metropolitan France, UTM for each overseas département) or geographic degrees, which pass through.
 */
export interface CoordinateSystem {
  /** How messages and summaries name it, e.g. `Lambert-93 (EPSG:2154)`. */
  label: string;
  /** Projected metres → degrees WGS 84 `[lon, lat]`; null for geographic degrees (no conversion). */
  toWgs84: ((x: number, y: number) => [number, number]) | null;
}

interface ProjectedSystem {
  epsg: number;
  label: string;
  proj4: string;
  /** UTM zone and hemisphere, to recognise a .prj by its parameters. */
  utm: { zone: number; south: boolean } | null;
}

/**
 * The projected systems of ADMIN EXPRESS. Their datums (RGF93, RGAF09, RGFG95, RGR92, RGM04) are within a metre of
 * WGS 84, far below the ~100 m the contours are simplified to.
 */
const PROJECTED: readonly ProjectedSystem[] = [
  {
    epsg: 2154,
    label: 'Lambert-93 (EPSG:2154)',
    proj4: '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    utm: null,
  },
  { epsg: 5490, label: 'RGAF09 / UTM 20N, Antilles (EPSG:5490)', proj4: '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', utm: { zone: 20, south: false } },
  { epsg: 2972, label: 'RGFG95 / UTM 22N, Guyane (EPSG:2972)', proj4: '+proj=utm +zone=22 +ellps=GRS80 +towgs84=2,2,-2,0,0,0,0 +units=m +no_defs', utm: { zone: 22, south: false } },
  { epsg: 2975, label: 'RGR92 / UTM 40S, La Réunion (EPSG:2975)', proj4: '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', utm: { zone: 40, south: true } },
  { epsg: 4471, label: 'RGM04 / UTM 38S, Mayotte (EPSG:4471)', proj4: '+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', utm: { zone: 38, south: true } },
];

/** Other EPSG codes of the same projections: RGF93 v2/v2b Lambert-93, RRAF 1991 and WGS 84 UTM zones. */
const PROJECTED_ALIASES: Readonly<Record<number, number>> = { 9793: 2154, 9794: 2154, 4559: 5490, 32620: 5490, 32622: 2972, 32740: 2975, 32738: 4471 };

/**
 * Geographic systems on WGS 84 or a datum within a metre of it: WGS 84, RGF93 v1 (4171, 7084), v2 (9777, 9779) and
 * v2b (9782, 9784), ETRS89, RGAF09, RGFG95, RGR92, RGM04, RRAF 1991. Files store longitude first whatever the
 * EPSG axis order.
 */
const GEOGRAPHIC_EPSG = new Set([4326, 4171, 7084, 9777, 9779, 9782, 9784, 4258, 5489, 4624, 4627, 4470, 4557]);

/** What the file is told to be in, for messages listing what is accepted. */
export const ACCEPTED_SYSTEMS =
  'Lambert-93 (EPSG:2154), UTM 20N Antilles (EPSG:5490), UTM 22N Guyane (EPSG:2972), UTM 40S La Réunion (EPSG:2975), ' +
  'UTM 38S Mayotte (EPSG:4471) ou degrés WGS 84 / RGF93';

const DEGREES: CoordinateSystem = { label: 'degrés WGS 84', toWgs84: null };

const converters = new Map<number, CoordinateSystem>();

function projected(system: ProjectedSystem): CoordinateSystem {
  let known = converters.get(system.epsg);
  if (!known) {
    const converter = proj4(system.proj4, 'WGS84');
    known = { label: system.label, toWgs84: (x, y) => converter.forward([x, y]) as [number, number] };
    converters.set(system.epsg, known);
  }
  return known;
}

/** The system of an EPSG code, or null when it is not one of those accepted. */
export function systemOfEpsg(code: number): CoordinateSystem | null {
  if (GEOGRAPHIC_EPSG.has(code)) return DEGREES;
  const epsg = PROJECTED_ALIASES[code] ?? code;
  const system = PROJECTED.find((candidate) => candidate.epsg === epsg);
  return system ? projected(system) : null;
}

/** Lowercase letters and digits only: `Standard_Parallel_1` and `Latitude of 1st standard parallel` compare loosely. */
function key(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** WKT1 (ESRI or OGC) and WKT2 PARAMETER values by loose name. */
function wktParameters(wkt: string): Map<string, number> {
  const parameters = new Map<string, number>();
  for (const match of wkt.matchAll(/PARAMETER\s*\[\s*"([^"]+)"\s*,\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)/gi)) {
    parameters.set(key(match[1] ?? ''), Number(match[2]));
  }
  return parameters;
}

function parameter(parameters: Map<string, number>, ...names: string[]): number | undefined {
  for (const name of names) {
    const value = parameters.get(key(name));
    if (value !== undefined) return value;
  }
  return undefined;
}

const near = (value: number | undefined, expected: number): boolean => value !== undefined && Math.abs(value - expected) < 1e-6;

/** The ADMIN EXPRESS system whose projection parameters the WKT carries (Lambert-93 or one of the UTM zones). */
function systemOfParameters(wkt: string): CoordinateSystem | null {
  const method = key(/(?:PROJECTION|METHOD)\s*\[\s*"([^"]+)"/i.exec(wkt)?.[1] ?? '');
  const parameters = wktParameters(wkt);
  const falseEasting = parameter(parameters, 'false_easting', 'Easting at false origin');
  const falseNorthing = parameter(parameters, 'false_northing', 'Northing at false origin');
  const centralMeridian = parameter(parameters, 'central_meridian', 'longitude_of_center', 'Longitude of natural origin', 'Longitude of false origin');
  const latitudeOfOrigin = parameter(parameters, 'latitude_of_origin', 'Latitude of natural origin', 'Latitude of false origin');
  if (method.includes('lambert') && method.includes('conic')) {
    const parallels = [parameter(parameters, 'standard_parallel_1', 'Latitude of 1st standard parallel'), parameter(parameters, 'standard_parallel_2', 'Latitude of 2nd standard parallel')]
      .map((value) => value ?? Number.NaN)
      .sort((a, b) => a - b);
    const lambert93 = near(parallels[0], 44) && near(parallels[1], 49) && near(latitudeOfOrigin, 46.5) && near(centralMeridian, 3) && near(falseEasting, 700_000) && near(falseNorthing, 6_600_000);
    return lambert93 ? systemOfEpsg(2154) : null;
  }
  if (method.includes('transversemercator') && centralMeridian !== undefined) {
    const scale = parameter(parameters, 'scale_factor', 'Scale factor at natural origin');
    const zone = (centralMeridian + 183) / 6;
    if (!near(scale, 0.9996) || !near(falseEasting, 500_000) || !Number.isInteger(zone) || !near(latitudeOfOrigin ?? 0, 0)) return null;
    const south = near(falseNorthing, 10_000_000);
    if (!south && !near(falseNorthing, 0)) return null;
    const system = PROJECTED.find((candidate) => candidate.utm?.zone === zone && candidate.utm.south === south);
    return system ? projected(system) : null;
  }
  return null;
}

/** The EPSG code a WKT declares for itself (its last AUTHORITY/ID, just before the closing bracket), if any. */
function ownEpsgCode(wkt: string): number | null {
  const match = /(?:AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]|ID\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\])\s*\]\s*$/i.exec(wkt.trim());
  return match ? Number(match[1] ?? match[2]) : null;
}

/**
 * The coordinate system a shapefile's .prj text (WKT1 as ESRI or OGC write it, or WKT2) describes: by the EPSG code
 * it declares when it does, else by its projection parameters (Lambert-93, UTM 20N, 22N, 40S, 38S); a geographic
 * system on WGS 84 or GRS 1980 (WGS 84, RGF93, ETRS89…) is read as degrees. Null for anything else (NTF Lambert II,
 * Web Mercator…): the caller refuses the file.
 */
export function systemOfPrj(wkt: string): CoordinateSystem | null {
  const text = wkt.trim();
  const declared = ownEpsgCode(text);
  if (declared !== null && systemOfEpsg(declared)) return systemOfEpsg(declared);
  if (/^(?:GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\s*\[/i.test(text)) {
    const ellipsoid = key(/(?:SPHEROID|ELLIPSOID)\s*\[\s*"([^"]+)"/i.exec(text)?.[1] ?? '');
    const meridian = /PRIMEM\s*\[\s*"[^"]*"\s*,\s*([-+\d.]+)/i.exec(text)?.[1];
    const greenwich = meridian === undefined || Number(meridian) === 0;
    return greenwich && /^(wgs1984|wgs84|grs1980|grs80|iagagrs1980)$/.test(ellipsoid) ? DEGREES : null;
  }
  if (/^(?:PROJCS|PROJCRS|PROJECTEDCRS)\s*\[/i.test(text)) {
    const units = [...text.matchAll(/\b(?:UNIT|LENGTHUNIT)\s*\[\s*"[^"]*"\s*,\s*([-+\d.eE]+)/gi)];
    // The projected system's own unit comes last; metres are the only unit ADMIN EXPRESS uses.
    if (!near(Number(units.at(-1)?.[1]), 1)) return null;
    return systemOfParameters(text);
  }
  return null;
}

/**
 * The system a GeoJSON's legacy `crs` member names (`urn:ogc:def:crs:EPSG::2154`, `EPSG:2154`, `…:CRS84`); degrees
 * WGS 84 without one (RFC 7946). Null for a named system that is not accepted.
 */
export function systemOfGeoJsonCrs(crs: unknown): CoordinateSystem | null {
  if (crs === undefined || crs === null) return DEGREES;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return DEGREES;
  const code = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name)?.[1];
  return code === undefined ? null : systemOfEpsg(Number(code));
}
