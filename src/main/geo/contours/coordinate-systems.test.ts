import { describe, expect, it } from 'vitest';
import { LAMBERT93_PRJ, UTM38S_PRJ } from '../../testing/shapefile-writer';
import { systemOfGeoJsonCrs, systemOfPrj } from './coordinate-systems';

/** Converts with a system and rounds to 4 decimals (about 10 m): what these checks need. */
function convert(prj: string, x: number, y: number): number[] | null {
  const system = systemOfPrj(prj);
  if (!system?.toWgs84) return null;
  return system.toWgs84(x, y).map((value) => Math.round(value * 1e4) / 1e4);
}

describe('systemOfPrj', () => {
  it('recognises Lambert-93 as IGN writes it (ESRI WKT) and converts to degrees: the Lambert-93 origin is 3° E, 46.5° N', () => {
    expect(systemOfPrj(LAMBERT93_PRJ)?.label).toBe('Lambert-93 (EPSG:2154)');
    expect(convert(LAMBERT93_PRJ, 700_000, 6_600_000)).toEqual([3, 46.5]);
  });

  it('recognises Lambert-93 by its declared EPSG code (OGC WKT with AUTHORITY, WKT2 with ID) and RGF93 v2b', () => {
    const ogc = 'PROJCS["RGF93 / Lambert-93",GEOGCS["RGF93",DATUM["Reseau_Geodesique_Francais_1993",SPHEROID["GRS 1980",6378137,298.257222101]]],PROJECTION["Lambert_Conformal_Conic_2SP"],UNIT["metre",1],AUTHORITY["EPSG","2154"]]';
    const wkt2 = 'PROJCRS["RGF93 v2b / Lambert-93",BASEGEOGCRS["RGF93 v2b",DATUM["RGF93 v2b",ELLIPSOID["GRS 1980",6378137,298.257222101]]],CONVERSION["Lambert-93",METHOD["Lambert Conic Conformal (2SP)"]],ID["EPSG",9794]]';
    // WKT2 without its own ID: recognised by the parameters' WKT2 names.
    const wkt2Parameters =
      'PROJCRS["RGF93 v2b / Lambert-93",BASEGEOGCRS["RGF93 v2b",DATUM["Reseau Geodesique Francais 1993 v2b",ELLIPSOID["GRS 1980",6378137,298.257222101,LENGTHUNIT["metre",1]]],' +
      'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",9782]],CONVERSION["Lambert-93",METHOD["Lambert Conic Conformal (2SP)",ID["EPSG",9802]],' +
      'PARAMETER["Latitude of false origin",46.5,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Longitude of false origin",3,ANGLEUNIT["degree",0.0174532925199433]],' +
      'PARAMETER["Latitude of 1st standard parallel",49,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Latitude of 2nd standard parallel",44,ANGLEUNIT["degree",0.0174532925199433]],' +
      'PARAMETER["Easting at false origin",700000,LENGTHUNIT["metre",1]],PARAMETER["Northing at false origin",6600000,LENGTHUNIT["metre",1]]],' +
      'CS[Cartesian,2],AXIS["easting (X)",east,ORDER[1],LENGTHUNIT["metre",1]],AXIS["northing (Y)",north,ORDER[2],LENGTHUNIT["metre",1]]]';
    expect(systemOfPrj(wkt2Parameters)?.label).toBe('Lambert-93 (EPSG:2154)');
    expect(systemOfPrj(ogc)?.label).toBe('Lambert-93 (EPSG:2154)');
    expect(systemOfPrj(wkt2)?.label).toBe('Lambert-93 (EPSG:2154)');
  });

  it('recognises the overseas UTM systems by their parameters: Mayotte (38S) lies near 45° E, 12.8° S', () => {
    expect(systemOfPrj(UTM38S_PRJ)?.label).toBe('RGM04 / UTM 38S, Mayotte (EPSG:4471)');
    const [lon = 0, lat = 0] = convert(UTM38S_PRJ, 510_000, 8_585_000) ?? [];
    expect(lon).toBeCloseTo(45.09, 1);
    expect(lat).toBeCloseTo(-12.8, 1);
    const guyane = UTM38S_PRJ.replace('"Central_Meridian",45.0', '"Central_Meridian",-51.0').replace('"False_Northing",10000000.0', '"False_Northing",0.0');
    expect(systemOfPrj(guyane)?.label).toBe('RGFG95 / UTM 22N, Guyane (EPSG:2972)');
  });

  it('reads geographic systems on WGS 84 or GRS 1980 as degrees', () => {
    const wgs84 = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    const rgf93 = 'GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(systemOfPrj(wgs84)).toEqual({ label: 'degrés WGS 84', toWgs84: null });
    expect(systemOfPrj(rgf93)?.toWgs84).toBeNull();
  });

  it('refuses other systems: NTF Lambert II étendu, Web Mercator, a UTM zone outside France, feet, garbage', () => {
    const lambert2 =
      'PROJCS["NTF_Paris_Lambert_II_etendu",GEOGCS["GCS_NTF_Paris",DATUM["D_NTF",SPHEROID["Clarke_1880_IGN",6378249.2,293.4660212936269]],PRIMEM["Paris",2.337229166666667],UNIT["Grad",0.01570796326794897]],' +
      'PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",600000.0],PARAMETER["False_Northing",2200000.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",45.898918964419],PARAMETER["Standard_Parallel_2",47.69601443321736],PARAMETER["Latitude_Of_Origin",46.8],UNIT["Meter",1.0]]';
    const mercator = 'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Mercator_Auxiliary_Sphere"],UNIT["Meter",1.0]]';
    const utm31 = UTM38S_PRJ.replace('"Central_Meridian",45.0', '"Central_Meridian",3.0').replace('"False_Northing",10000000.0', '"False_Northing",0.0');
    const feet = LAMBERT93_PRJ.replace('UNIT["Meter",1.0]]', 'UNIT["Foot_US",0.3048006096012192]]');
    for (const prj of [lambert2, mercator, utm31, feet, 'n’importe quoi', '']) expect(systemOfPrj(prj)).toBeNull();
  });
});

describe('systemOfGeoJsonCrs', () => {
  it('reads degrees without crs or with CRS84, an accepted EPSG code from a legacy crs member, and refuses others', () => {
    expect(systemOfGeoJsonCrs(undefined)?.toWgs84).toBeNull();
    expect(systemOfGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } })?.toWgs84).toBeNull();
    expect(systemOfGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } })?.label).toBe('Lambert-93 (EPSG:2154)');
    expect(systemOfGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:4471' } })?.label).toBe('RGM04 / UTM 38S, Mayotte (EPSG:4471)');
    expect(systemOfGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } })).toBeNull();
    expect(systemOfGeoJsonCrs({ type: 'link' })).toBeNull();
  });
});
