import type { ShapeLevel } from '../../../shared/types/map';
import { normaliseInseeCode } from '../../domain/geo/geo-resolver';
import { polygonsOf } from './area-geometry';
import { ContourFileError } from './contour-file-error';
import type { RawLayer, SourceContour } from './contour-types';

/** What the application knows of codes, to tell EPCI from AOM SIRENs and départements from régions. */
export interface CodeBook {
  /** Name of a code at a level, or null when the geography (or the store's AOM table) does not know it. */
  name(level: ShapeLevel, code: string): string | null;
}

/** A layer recognised: its level, the fields its codes and names come from, and one contour per code. */
export interface LevelLayer {
  level: ShapeLevel;
  label: string;
  codeField: string;
  nameField: string | null;
  contours: SourceContour[];
}

/** ADMIN EXPRESS layers by their file's base name. */
export const ADMIN_EXPRESS_LAYERS: Readonly<Record<string, ShapeLevel>> = {
  COMMUNE: 'com',
  ARRONDISSEMENT_MUNICIPAL: 'com',
  EPCI: 'epci',
  DEPARTEMENT: 'dep',
  REGION: 'reg',
};

/**
 * Code fields that name their level, by level, in the order tried (upper case). ADMIN EXPRESS (INSEE_COM, INSEE_ARM,
 * CODE_SIREN, INSEE_DEP, INSEE_REG; CODE_EPCI before version 3), INSEE (CODGEO), OpenDataSoft (COM_CODE…). A
 * commune layer also carries its département's and région's codes: levels are tried from the commune up.
 */
const LEVEL_FIELDS: ReadonlyArray<readonly [ShapeLevel, readonly string[]]> = [
  ['com', ['INSEE_ARM', 'INSEE_COM', 'CODE_INSEE', 'CODGEO', 'CODE_COM', 'COM_CODE', 'CODE_COMMUNE', 'INSEE']],
  ['epci', ['CODE_SIREN', 'CODE_EPCI', 'EPCI_CODE', 'SIREN_EPCI']],
  ['aom', ['SIREN_AOM', 'CODE_AOM', 'N_SIREN_AOM']],
  ['dep', ['INSEE_DEP', 'CODE_DEP', 'DEP_CODE', 'CODE_DEPT']],
  ['reg', ['INSEE_REG', 'CODE_REG', 'REG_CODE']],
];

/** Code fields that do not say their level (Etalab's contours: `code`); the codes' shape then tells it. */
const GENERIC_CODE_FIELDS = ['CODE', 'SIREN'];

/** Name fields by level, then for any level. */
const NAME_FIELDS: Readonly<Record<ShapeLevel, readonly string[]>> = {
  com: ['NOM', 'NOM_COM', 'NOM_ARM', 'LIBGEO', 'COM_NAME'],
  epci: ['NOM', 'NOM_EPCI', 'EPCI_NAME', 'RAISON_SOCIALE'],
  aom: ['NOM', 'NOM_AOM', 'AOM_NAME'],
  dep: ['NOM', 'NOM_DEP', 'DEP_NAME'],
  reg: ['NOM', 'NOM_REG', 'REG_NAME'],
};
const GENERIC_NAME_FIELDS = ['NOM_OFFICIEL', 'LIBELLE', 'LIB', 'NAME', 'NOM_M'];

const CODE_PATTERNS: Readonly<Record<ShapeLevel, RegExp>> = {
  com: /^(?:\d{5}|2[AB]\d{3})$/,
  epci: /^\d{9}$/,
  aom: /^\d{9}$/,
  dep: /^(?:\d{2}|2[AB]|97[1-8]|98[4-9])$/,
  reg: /^(?:\d{2}|97[5-8]|98[4-9])$/,
};

/** What each level's codes look like, for messages. */
const CODE_SHAPES: Readonly<Record<ShapeLevel, string>> = {
  com: 'des communes (code INSEE à 5 caractères, 44109, 2A004)',
  epci: 'des EPCI (SIREN à 9 chiffres)',
  aom: 'des AOM (SIREN à 9 chiffres)',
  dep: 'des départements (44, 2A, 971)',
  reg: 'des régions (code INSEE à 2 chiffres, 52)',
};

/** A code as files spell it (text, or a number when a .dbf stores it as one), normalised for its level. */
function normaliseCode(level: ShapeLevel, value: unknown): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (level === 'com') return normaliseInseeCode(text);
  if (level === 'epci' || level === 'aom') return text.replace(/\s/g, '');
  return /^\d$/.test(text) ? `0${text}` : text;
}

/** Letters of a name without accents, case or punctuation, to compare names across sources. */
function looseName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The file's spelling of the first candidate present (fields compare case-insensitively). */
function findField(fields: readonly string[], candidates: readonly string[]): string | null {
  const byUpper = new Map(fields.map((field) => [field.toUpperCase(), field]));
  for (const candidate of candidates) {
    const found = byUpper.get(candidate);
    if (found !== undefined) return found;
  }
  return null;
}

function nameOf(value: unknown): string | null {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return text === '' ? null : text;
}

/**
 * The level of codes read from a field that does not say it, from their shape: 5 characters = communes; 9 digits =
 * EPCI, or AOM when more of them are AOMs the store knows than EPCIs the geography knows; 2–3 characters =
 * départements, or régions when every code is a région's and the names are régions' names rather than départements'.
 */
function levelOfCodes(layer: RawLayer, field: string, nameField: string | null, codes: CodeBook): ShapeLevel {
  const values = layer.features.map((feature) => ({ raw: feature.properties[field], name: nameField ? nameOf(feature.properties[nameField]) : null }));
  const fits = (level: ShapeLevel): boolean => values.every(({ raw }) => CODE_PATTERNS[level].test(normaliseCode(level, raw)));
  if (fits('com')) return 'com';
  if (fits('epci')) {
    const known = (level: ShapeLevel): number => values.filter(({ raw }) => codes.name(level, normaliseCode(level, raw)) !== null).length;
    return known('aom') > known('epci') ? 'aom' : 'epci';
  }
  if (fits('dep')) {
    if (!fits('reg') || values.some(({ raw }) => codes.name('reg', normaliseCode('reg', raw)) === null)) return 'dep';
    const matches = (level: ShapeLevel): number =>
      values.filter(({ raw, name }) => {
        const known = codes.name(level, normaliseCode(level, raw));
        return name !== null && known !== null && looseName(known) === looseName(name);
      }).length;
    if (matches('reg') > matches('dep')) return 'reg';
    if (matches('dep') > matches('reg')) return 'dep';
    throw new ContourFileError(
      `« ${layer.label} » : les codes du champ ${field} peuvent être des départements comme des régions, et les noms ne permettent pas de trancher ; indiquez le niveau (atelier map contours import --level dep|reg).`,
    );
  }
  const sample = values.slice(0, 3).map(({ raw }) => `« ${String(raw ?? '')} »`).join(', ');
  throw new ContourFileError(
    `« ${layer.label} » : les valeurs du champ ${field} (${sample}…) ne sont ni des codes INSEE de communes, départements ou régions, ni des SIREN d’EPCI ou d’AOM.`,
  );
}

/** The level of a layer and the field of its codes: given, from an ADMIN EXPRESS layer name, from a field that names its level, or from the codes. */
function recognise(layer: RawLayer, given: ShapeLevel | null, codes: CodeBook): { level: ShapeLevel; codeField: string } {
  const level = given ?? (layer.layerName ? ADMIN_EXPRESS_LAYERS[layer.layerName] : undefined) ?? null;
  if (level !== null) {
    const specific = LEVEL_FIELDS.find(([candidate]) => candidate === level)?.[1] ?? [];
    const codeField = findField(layer.fields, [...specific, ...GENERIC_CODE_FIELDS]);
    if (codeField) return { level, codeField };
  } else {
    for (const [candidate, fields] of LEVEL_FIELDS) {
      const codeField = findField(layer.fields, fields);
      if (codeField) return { level: candidate, codeField };
    }
    const generic = findField(layer.fields, GENERIC_CODE_FIELDS);
    if (generic) {
      const nameField = findField(layer.fields, [...new Set(Object.values(NAME_FIELDS).flat()), ...GENERIC_NAME_FIELDS]);
      return { level: levelOfCodes(layer, generic, nameField, codes), codeField: generic };
    }
  }
  const expected = level ? [...(LEVEL_FIELDS.find(([candidate]) => candidate === level)?.[1] ?? []), 'CODE'] : ['INSEE_COM', 'CODE_SIREN', 'INSEE_DEP', 'INSEE_REG', 'code'];
  throw new ContourFileError(
    `« ${layer.label} » : aucun champ de code reconnu (${expected.join(', ')}…) ; champs présents : ${layer.fields.length === 0 ? 'aucun' : layer.fields.join(', ')}.`,
  );
}

/**
 * Recognises a layer's level (`given`, else its ADMIN EXPRESS name, else its fields, else its codes), its code and
 * name fields, and gathers one contour per code (parts of a code spread over several features are joined). Throws
 * `ContourFileError` naming the layer, field and feature when no code field is found or a code is not an INSEE code
 * or SIREN of the level.
 */
export function layerLevel(layer: RawLayer, given: ShapeLevel | null, codes: CodeBook): LevelLayer {
  const { level, codeField } = recognise(layer, given, codes);
  const nameField = findField(layer.fields, [...NAME_FIELDS[level], ...GENERIC_NAME_FIELDS]);
  const byCode = new Map<string, SourceContour>();
  for (const feature of layer.features) {
    const raw = feature.properties[codeField];
    const code = normaliseCode(level, raw);
    const name = nameField ? nameOf(feature.properties[nameField]) : null;
    if (!CODE_PATTERNS[level].test(code)) {
      throw new ContourFileError(
        `« ${layer.label} », objet n° ${feature.index}${name ? ` (${name})` : ''} : ${code === '' ? 'code vide' : `code « ${String(raw)} »`} dans le champ ${codeField}, attendu un code ${CODE_SHAPES[level]}.`,
      );
    }
    const entry = byCode.get(code);
    if (entry) entry.geometry = { type: 'MultiPolygon', coordinates: [...polygonsOf(entry.geometry), ...polygonsOf(feature.geometry)] };
    else byCode.set(code, { code, name, geometry: feature.geometry });
  }
  return { level, label: layer.label, codeField, nameField, contours: [...byCode.values()] };
}
