import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipArchive } from './zip-archive';
import { generateExtractFile } from '../extracts/generate-extract';

/**
 * A corpus of hostile extract files, written by the tests into a temp directory (never committed): long lines in
 * every container, decompression bombs, mixed and unsupported encodings, NUL bytes, odd line ends, unbalanced quotes.
 * Each case says what the importer must do with it (docs/import.md): refuse the file with a message, or import it
 * with the listed lines rejected. The clean base is a territory export from the project's own generator, so its
 * lines are valid whatever the checks become.
 */

/** What the importer must do with a file. */
export type HostileOutcome =
  | { refused: RegExp }
  | {
      committed: {
        /** Encoding reported in the summary. */
        encoding: string;
        /** Rejected lines that must be among the quarantined ones, with their reason. */
        rejected: Array<{ line: number; reason: string }>;
        /** Lines read (inserted, updated, unchanged or rejected). */
        rowsRead: number;
      };
    };

export interface HostileCase {
  /** File name (its extension says nothing: the importer looks at the bytes). */
  name: string;
  /** What is hostile about it, in French. */
  what: string;
  /** Writes the file into `dir` and answers its path. */
  write(dir: string): string;
  expected: HostileOutcome;
}

/** A clean territory export cut in lines (header first), in UTF-8, shared by the cases. */
export interface CorpusBase {
  header: string;
  /** Data lines, without line break; most hold accented names (« Région Pays de la Loire », « Métropole »). */
  lines: string[];
}

export const BASE_ROWS = 3_000;

/** Generates the clean base (a second or so). */
export async function corpusBase(dir: string): Promise<CorpusBase> {
  const out = join(dir, 'base.csv');
  await generateExtractFile({ rows: BASE_ROWS, format: 'territory', seed: 16, out, region: '52', firstDay: '2025-01-06', days: 28 });
  const [header, ...lines] = readFileSync(out, 'utf8').replace(/\n$/, '').split('\n');
  return { header: header as string, lines };
}

const WINDOWS_1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

/** Text in Windows-1252 (every character of the base has a byte there). */
export function windows1252(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const high = WINDOWS_1252_HIGH.indexOf(text[i] as string);
    if (high >= 0 && code > 0xff) bytes[i] = 0x80 + high;
    else if (code <= 0xff) bytes[i] = code;
    else throw new Error(`pas de Windows-1252 pour « ${text[i]} »`);
  }
  return bytes;
}

/** The text without accents nor dashes outside ASCII. */
function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/—/g, '-');
}

/** Cells of a line taken out of their quotes (the base's texts hold no delimiter, quote or line break). */
function unquoted(line: string): string {
  return line.replace(/"/g, '');
}

/** `count` characters of incompressible text, with delimiters: a line no extract has, that gzip cannot shrink. */
function noise(count: number): Buffer {
  const text = Buffer.from(randomBytes(Math.ceil((count * 3) / 4)).toString('base64').slice(0, count).replace(/\//g, ';'));
  return text;
}

/**
 * A gzip file inflating to `prefix` then `size` bytes of `fill`: members of 16 MiB compressed once and repeated
 * (a multi-member gzip is one stream to gunzip), so a 1 GiB bomb is written in milliseconds.
 */
function gzipBomb(prefix: string, fill: number, size: number): Buffer {
  const block = gzipSync(Buffer.alloc(16 * 1024 * 1024, fill), { level: 9 });
  return Buffer.concat([gzipSync(Buffer.from(prefix)), ...Array.from({ length: Math.ceil(size / (16 * 1024 * 1024)) }, () => block)]);
}


const MIB = 1024 * 1024;
/** French integers as messages print them (narrow no-break space between thousands). */
const n = (value: number): string => value.toLocaleString('fr-FR').replace(/\s/g, '\u202f');
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The cases, over a base from `corpusBase`. Lines are numbered as in the file: the header is line 1. */
export function hostileCases(base: CorpusBase): HostileCase[] {
  const { header, lines } = base;
  const text = (rows: readonly string[], eol = '\n'): string => [header, ...rows].map((line) => line + eol).join('');
  const utf8 = (rows: readonly string[]): Buffer => Buffer.from(text(rows));
  const file = (name: string, content: () => Buffer | string) => (dir: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content());
    return path;
  };
  const short = lines.slice(0, 300);
  const bomb = /^.+ : archive refusée, (elle|.+\.csv) se décompresse (au-delà de 200|\d+) fois sa taille \(bombe de décompression \?\)$/;
  const mixed = (read: string, line: number): RegExp => new RegExp(`: encodage mélangé, fichier refusé : lu en ${read} d’après .+, mais la ligne ${escape(n(line))} \\(octet n° [\\d\\u202f]+\\) contient .+ — réenregistrez tout le fichier en UTF-8$`);
  // Where the first 150 KB of the base end, in whole lines.
  let switchAt = 0;
  for (let size = header.length; size < 150_000 && switchAt < lines.length; switchAt += 1) size += (lines[switchAt] as string).length + 1;
  const unbalanced = (name: string, line: number): RegExp =>
    new RegExp(`^${escape(name)} : fichier refusé : des guillemets ouverts ligne ${line} courent jusqu’à la ligne [\\d\\u202f]+, au-delà de la limite de ${escape(n(MIB))} caractères par ligne \\(guillemets déséquilibrés \\?\\)$`);
  const utf16 = /^.+ : encodage UTF-16 non pris en charge — enregistrez le fichier en UTF-8$/;
  // Lines 2 to 100 valid, line 101 huge, lines 102 to 201 valid.
  const longLine = (size: number): Buffer => Buffer.concat([utf8(short.slice(0, 99)), noise(size), Buffer.from('\n'), Buffer.from(short.slice(99, 199).join('\n') + '\n')]);
  const tooLarge = { line: 101, reason: 'ligne trop volumineuse' };
  /** A line of the base with some of its cells replaced (by column name). */
  const columns = unquoted(header).split(';');
  const changed = (line: string, cells: Readonly<Record<string, string>>): string =>
    unquoted(line).split(';').map((cell, i) => cells[columns[i] as string] ?? cell).join(';');
  const startingOn = (day: string): Record<string, string> => ({ start_datetime: `${day} 08:10:00`, start_date: day, start_time: '08:10:00' });

  return [
    {
      name: 'dates-sentinelles.csv',
      what: 'des dates sentinelles (9999-12-31, 1900-01-01), une arrivée avant le départ, des montants négatifs, une date qui contredit sa date-heure',
      write: file('dates-sentinelles.csv', () =>
        text(short.map((line, i) => {
          switch (i + 2) {
            case 10: return changed(line, startingOn('9999-12-31'));
            case 20: return changed(line, startingOn('1900-01-01'));
            case 30: return changed(line, { end_datetime: '2020-01-01 08:00:00', end_date: '2020-01-01', end_time: '08:00:00' });
            case 40: return changed(line, { driver_revenue: '-3.5' });
            case 50: return changed(line, { start_date: 'x' });
            default: return line;
          }
        }))),
      expected: {
        committed: {
          encoding: 'utf-8',
          rejected: [
            { line: 10, reason: 'date hors de la période du registre' },
            { line: 20, reason: 'date hors de la période du registre' },
            { line: 30, reason: 'fin avant le début' },
            { line: 40, reason: 'montant négatif' },
            { line: 50, reason: 'date incohérente' },
          ],
          rowsRead: 300,
        },
      },
    },
    {
      name: 'ligne-50-mo.csv',
      what: 'une ligne de 50 Mo au milieu de lignes valides',
      write: file('ligne-50-mo.csv', () => longLine(50 * MIB)),
      expected: { committed: { encoding: 'utf-8', rejected: [tooLarge], rowsRead: 200 } },
    },
    {
      name: 'ligne-16-mo.csv.gz',
      what: 'une ligne de 16 Mo incompressible, dans un gzip',
      write: file('ligne-16-mo.csv.gz', () => gzipSync(longLine(16 * MIB), { level: 1 })),
      expected: { committed: { encoding: 'utf-8', rejected: [tooLarge], rowsRead: 200 } },
    },
    {
      name: 'ligne-16-mo.zip',
      what: 'une ligne de 16 Mo incompressible, dans un membre de zip',
      write: file('ligne-16-mo.zip', () => zipArchive([{ name: 'extrait.csv', data: longLine(16 * MIB) }])),
      expected: { committed: { encoding: 'utf-8', rejected: [tooLarge], rowsRead: 200 } },
    },
    {
      name: 'bombe-zeros.csv.gz',
      what: 'gzip d’un en-tête suivi de 1 Gio d’octets nuls (une seule « ligne »)',
      write: file('bombe-zeros.csv.gz', () => gzipBomb(`${header}\n`, 0, 1024 * MIB)),
      expected: { refused: bomb },
    },
    {
      name: 'bombe-ligne.csv.gz',
      what: 'gzip d’un en-tête suivi d’une ligne de 1 Gio de « a »',
      write: file('bombe-ligne.csv.gz', () => gzipBomb(`${header}\n`, 0x61, 1024 * MIB)),
      expected: { refused: bomb },
    },
    {
      name: 'bombe-ligne.zip',
      what: 'zip d’un en-tête suivi d’une ligne de 128 Mio de « a », taille annoncée honnête',
      write: file('bombe-ligne.zip', () => zipArchive([{ name: 'bombe.csv', data: Buffer.concat([Buffer.from(`${header}\n`), Buffer.alloc(128 * MIB, 0x61)]) }])),
      expected: { refused: bomb },
    },
    {
      name: 'bombe-menteuse.zip',
      what: 'zip d’un en-tête suivi d’une ligne de 128 Mio de « a », qui n’annonce que 10 fois sa taille compressée',
      write: file('bombe-menteuse.zip', () => {
        const data = Buffer.concat([Buffer.from(`${header}\n`), Buffer.alloc(128 * MIB, 0x61)]);
        return zipArchive([{ name: 'menteuse.csv', data, declaredSize: (compressed) => compressed * 10 }]);
      }),
      expected: { refused: /^bombe-menteuse\.zip › menteuse\.csv : archive refusée, (le fichier|elle) se décompresse au-delà de (la taille annoncée|200 fois sa taille) \(bombe de décompression \?\)$/ },
    },
    {
      name: 'octet-latin1-egare.csv',
      what: 'un fichier UTF-8 dont une seule ligne (la 1 501) a un « é » en Latin-1',
      write: file('octet-latin1-egare.csv', () => {
        const bytes = utf8(lines);
        const at = bytes.indexOf('é', Buffer.byteLength(text(lines.slice(0, 1_499))));
        return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at + 2)]);
      }),
      expected: { refused: mixed('UTF-8', 1_501) },
    },
    {
      name: 'octet-latin1-en-tete.csv',
      what: 'un fichier UTF-8 dont le premier caractère accentué (ligne 2) est en Latin-1',
      write: file('octet-latin1-en-tete.csv', () => {
        const content = text(short);
        const first = /[\u0080-\uffff]/.exec(content) as RegExpExecArray;
        return Buffer.concat([Buffer.from(content.slice(0, first.index)), windows1252(first[0]), Buffer.from(content.slice(first.index + 1))]);
      }),
      expected: { refused: mixed('Windows-1252', 2) },
    },
    {
      name: 'bascule-1252-vers-utf8.csv',
      what: '150 Ko en Windows-1252, puis la suite en UTF-8',
      write: file('bascule-1252-vers-utf8.csv', () => Buffer.concat([windows1252(text(lines.slice(0, switchAt))), Buffer.from(lines.slice(switchAt).join('\n') + '\n')])),
      expected: { refused: mixed('Windows-1252', switchAt + 2) },
    },
    {
      name: 'bascule-utf8-vers-1252.csv',
      what: '150 Ko en UTF-8, puis la suite en Windows-1252',
      write: file('bascule-utf8-vers-1252.csv', () => Buffer.concat([utf8(lines.slice(0, switchAt)), windows1252(lines.slice(switchAt).join('\n') + '\n')])),
      expected: { refused: mixed('UTF-8', switchAt + 2) },
    },
    {
      name: 'windows-1252-tardif.csv',
      what: '200 lignes sans accent, puis du Windows-1252 : l’encodage est choisi au premier accent, où qu’il soit',
      write: file('windows-1252-tardif.csv', () => windows1252(text([...short.slice(0, 200).map(ascii), ...short.slice(200)]))),
      expected: { committed: { encoding: 'windows-1252', rejected: [], rowsRead: 300 } },
    },
    {
      name: 'utf16le-sans-bom.csv',
      what: 'UTF-16 petit-boutiste sans BOM',
      write: file('utf16le-sans-bom.csv', () => Buffer.from(text(short), 'utf16le')),
      expected: { refused: utf16 },
    },
    {
      name: 'utf16be-sans-bom.csv',
      what: 'UTF-16 gros-boutiste sans BOM',
      write: file('utf16be-sans-bom.csv', () => Buffer.from(text(short), 'utf16le').swap16()),
      expected: { refused: utf16 },
    },
    {
      name: 'en-tete-seul.csv',
      what: 'l’en-tête seul, sans aucune ligne de données',
      write: file('en-tete-seul.csv', () => text([])),
      expected: { refused: /^en-tete-seul\.csv : aucune ligne de données, seulement l’en-tête : rien à importer$/ },
    },
    {
      name: 'octet-nul.csv',
      what: 'un octet nul au milieu de la ligne 10',
      write: file('octet-nul.csv', () => {
        const bytes = utf8(short);
        bytes[Buffer.byteLength(text(short.slice(0, 8))) + 20] = 0;
        return bytes;
      }),
      expected: { refused: /^octet-nul\.csv : octet nul ligne 10 \(octet n° [\d\u202f]+\) : ce n’est pas un texte CSV/ },
    },
    {
      name: 'binaire.csv',
      what: '2 Mo d’octets aléatoires',
      write: file('binaire.csv', () => randomBytes(2 * MIB)),
      expected: { refused: /^binaire\.csv : (octet nul|en-tête illisible|encodage UTF-16)/ },
    },
    {
      name: 'fins-cr.csv',
      what: 'lignes terminées par CR seul (ancien Mac)',
      write: file('fins-cr.csv', () => text(short, '\r')),
      expected: { committed: { encoding: 'utf-8', rejected: [], rowsRead: 300 } },
    },
    {
      name: 'sans-fin-de-ligne.csv',
      what: '5 Mo sans aucune fin de ligne',
      write: file('sans-fin-de-ligne.csv', () => Buffer.alloc(5 * MIB, 'a;')),
      expected: { refused: new RegExp(`^sans-fin-de-ligne\\.csv : en-tête illisible, pas de fin de ligne dans les ${escape(n(MIB))} premiers caractères$`) },
    },
    {
      name: 'guillemet-ouvert.csv',
      what: 'un guillemet ouvert ligne 5 et jamais refermé, 300 lignes sans guillemets',
      write: file('guillemet-ouvert.csv', () => {
        const rows = short.map(unquoted);
        rows[3] = (rows[3] as string).replace(';', ';"');
        return text(rows);
      }),
      expected: { committed: { encoding: 'utf-8', rejected: [{ line: 5, reason: 'guillemet non fermé' }], rowsRead: 4 } },
    },
    {
      name: 'guillemet-ouvert-2-mo.csv',
      what: 'un guillemet ouvert ligne 5 et jamais refermé, 2 Mo de lignes sans guillemets derrière',
      write: file('guillemet-ouvert-2-mo.csv', () => {
        const rows = lines.map(unquoted);
        rows[3] = (rows[3] as string).replace(';', ';"');
        return text(rows);
      }),
      expected: { refused: unbalanced('guillemet-ouvert-2-mo.csv', 5) },
    },
    {
      name: 'guillemets-desequilibres.csv',
      what: 'un guillemet de trop à la fin de chaque ligne, dans tout le fichier',
      write: file('guillemets-desequilibres.csv', () => text(lines.map((line) => `${line}"`))),
      expected: { refused: unbalanced('guillemets-desequilibres.csv', 2) },
    },
    {
      name: 'un-million-de-cellules.csv',
      what: 'une ligne de 1,5 million de cellules vides (1,5 Mo de séparateurs)',
      write: file('un-million-de-cellules.csv', () => text([...short.slice(0, 99), ';'.repeat(1_500_000), ...short.slice(99, 199)])),
      expected: { committed: { encoding: 'utf-8', rejected: [tooLarge], rowsRead: 200 } },
    },
    {
      name: 'lignes-vides.csv',
      what: 'un million de lignes vides entre les lignes',
      write: file('lignes-vides.csv', () => text([...short.slice(0, 100), ...Array.from<string>({ length: 1_000_000 }).fill(''), ...short.slice(100, 200)])),
      expected: { committed: { encoding: 'utf-8', rejected: [], rowsRead: 200 } },
    },
  ];
}
