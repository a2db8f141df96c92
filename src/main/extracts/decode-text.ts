import { isAscii } from 'node:buffer';
import { Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import { formatInteger } from '../../shared/util/format';
import { ExtractFileError } from './extract-file-error';

/**
 * Encoding an extract was read in: `ascii` when it holds no byte above 0x7F (the same text in UTF-8 and
 * Windows-1252), else the one its first non-ASCII character showed.
 */
export type TextEncodingName = 'ascii' | 'utf-8' | 'windows-1252';

/** Where the text stands: line (1-based, counted in the bytes) and byte (1-based) of the file or member. */
interface Place {
  line: number;
  byte: number;
}

/** Why the encoding was chosen: the first non-ASCII character (line 0: the UTF-8 BOM), said before and after its place. */
interface Evidence extends Place {
  what: string;
  after?: string;
}

/**
 * Length of the well-formed UTF-8 sequence starting at `i` (2 to 4 bytes), 0 when the bytes there are not UTF-8
 * (stray continuation byte, overlong form, surrogate, beyond U+10FFFF), -1 when the end of `bytes` cuts it.
 */
function utf8SequenceAt(bytes: Buffer, i: number): number {
  const lead = bytes[i] as number;
  let need: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) need = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    need = 2;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    need = 3;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k += 1) {
    if (i + k >= bytes.length) return -1;
    const byte = bytes[i + k] as number;
    if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return 0;
  }
  return need + 1;
}

/** Index of the first byte that does not start a well-formed UTF-8 character (ASCII or sequence), or -1. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    if ((bytes[i] as number) < 0x80) i += 1;
    else {
      const length = utf8SequenceAt(bytes, i);
      if (length <= 0) return i;
      i += length;
    }
  }
  return -1;
}

/** Where a UTF-8 sequence cut by the end of `bytes` starts (to carry it to the next chunk), or `bytes.length`. */
function incompleteTail(bytes: Buffer): number {
  for (let i = Math.max(0, bytes.length - 3); i < bytes.length; i += 1) {
    if ((bytes[i] as number) >= 0xc2 && utf8SequenceAt(bytes, i) === -1) return i;
  }
  return bytes.length;
}

/**
 * UTF-8 forms of the characters Windows-1252 has above ASCII (U+00A0–U+00FF, Œ œ Š š Ÿ Ž ž ƒ ˆ ˜, typographic
 * quotes and dashes, …, ‰, ‹ ›, €, ™), matched on the bytes read as Latin-1. In a file read as Windows-1252 they
 * can only be text written in UTF-8 (decoding them would store `Ã©` for `é`): by chance a Windows-1252 text would
 * need `Â` or `Ã` followed by a symbol such as `©` or `«`.
 */
const UTF8_OF_WINDOWS_1252 = /\xC2[\xA0-\xBF]|\xC3[\x80-\xBF]|\xC5[\x92\x93\xA0\xA1\xB8\xBD\xBE]|\xC6\x92|\xCB[\x86\x9C]|\xE2\x80[\x93\x94\x98-\x9A\x9C-\x9E\xA0-\xA2\xA6\xB0\xB9\xBA]|\xE2\x82\xAC|\xE2\x84\xA2/;

/** Counts `byte` in `bytes[0, end)`. */
function countByte(bytes: Buffer, byte: number, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(byte); i >= 0 && i < end; i = bytes.indexOf(byte, i + 1)) count += 1;
  return count;
}

const hex = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Windows-1252 from 0x80 to 0x9F, where it differs from Latin-1 (undefined bytes kept as the C1 control of the same
 * code, as WHATWG decoders do). Decoded here rather than by `TextDecoder('windows-1252')`: Node 20's decoder, called
 * without `stream`, decodes Latin-1 instead (0x92 gives U+0092, not ’).
 */
const WINDOWS_1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';
function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\x80-\x9f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] as string);
}
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** `0xE9 (« é » en Windows-1252)`: a byte as shown in messages. */
function describeByte(bytes: Buffer, i: number): string {
  return `${hex(bytes[i] as number)} (« ${decodeWindows1252(bytes.subarray(i, i + 1))} » en Windows-1252)`;
}
const UTF16_REFUSED = 'encodage UTF-16 non pris en charge — enregistrez le fichier en UTF-8';

/** Whether the first bytes look like UTF-16 without BOM: ASCII text with a NUL byte every other byte. */
function looksLikeUtf16(head: Buffer): boolean {
  const pairs = Math.floor(Math.min(head.length, 256) / 2);
  if (pairs < 2) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (head[2 * i] === 0) evenNul += 1;
    if (head[2 * i + 1] === 0) oddNul += 1;
  }
  return Math.max(evenNul, oddNul) >= pairs * 0.6 && Math.min(evenNul, oddNul) <= pairs * 0.1;
}

/**
 * Decodes an extract's bytes to text, reading each file in a single encoding decided on evidence and checked to
 * the end (docs/import.md):
 * - UTF-8 (BOM dropped) when the first non-ASCII character is well-formed UTF-8 (or the file starts with a BOM),
 *   Windows-1252 when it is not; a file without any byte above 0x7F is plain ASCII, the same in both;
 * - any later byte that contradicts the choice (a byte that is not UTF-8 in a UTF-8 file, a character written in
 *   UTF-8 in a Windows-1252 file) refuses the file, naming the line and byte of that contradiction and of the
 *   character that decided: the text is never stored garbled (`Ã©` for `é`);
 * - UTF-16 (with or without BOM) and files holding a NUL byte (binary, damaged) are refused.
 * Time and memory are linear in the size: each byte is looked at a bounded number of times, nothing is kept but a
 * cut character (at most 3 bytes) between chunks. Emits strings (object mode).
 *
 * `compressed`: the bytes come out of a decompressor, where a damaged archive yields garbage before its own error
 * (bad CRC, truncated data) comes at the end. The refusal then waits for the end of the input, read but not decoded
 * (the expansion guard still bounds it), so that the archive's error, when there is one, is the one reported.
 */
export function decodeText(name: string, options: { compressed?: boolean } = {}): Transform & { encoding: () => TextEncodingName } {
  let mode: TextEncodingName = 'ascii';
  let decided: Evidence | null = null;
  let carry: Buffer = Buffer.alloc(0);
  /** Bytes of the file before `carry` + the chunk being looked at, and line breaks among them. */
  let offset = 0;
  let lineFeeds = 0;
  let carriageReturns = 0;
  let head: Buffer | null = null;
  /** A refusal held until the end of a compressed input. */
  let refusal: Error | null = null;

  /** Line and byte of index `i` of `bytes`, which start at `offset` (CR-only files counted by their CRs). */
  function placeOf(bytes: Buffer, i: number): Place {
    const feeds = lineFeeds + countByte(bytes, 0x0a, i);
    const line = 1 + (feeds > 0 ? feeds : carriageReturns + countByte(bytes, 0x0d, i));
    return { line, byte: offset + i + 1 };
  }
  const at = (place: Place): string => `ligne ${formatInteger(place.line)} (octet n° ${formatInteger(place.byte)})`;

  function mixed(found: string): ExtractFileError {
    const evidence = decided as Evidence;
    const why = (evidence.line === 0 ? evidence.what : `${evidence.what} ${at(evidence)}`) + (evidence.after ?? '');
    const read = mode === 'utf-8' ? 'UTF-8' : 'Windows-1252';
    return new ExtractFileError(`${name} : encodage mélangé, fichier refusé : lu en ${read} d’après ${why}, mais la ${found} — réenregistrez tout le fichier en UTF-8`);
  }

  /** Chooses the encoding from the first non-ASCII byte of `bytes` (index `i`). */
  function decide(bytes: Buffer, i: number): void {
    const length = utf8SequenceAt(bytes, i);
    if (length > 0) {
      mode = 'utf-8';
      decided = { ...placeOf(bytes, i), what: `« ${bytes.toString('utf8', i, i + length)} » écrit en UTF-8` };
    } else {
      mode = 'windows-1252';
      decided = { ...placeOf(bytes, i), what: `l’octet ${describeByte(bytes, i)}`, after: ', qui n’est pas de l’UTF-8' };
    }
  }

  /** Refuses UTF-16 from its BOM and drops the UTF-8 BOM, which decides UTF-8. */
  function start(bytes: Buffer): Buffer {
    head = Buffer.from(bytes.subarray(0, 256));
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new ExtractFileError(`${name} : ${UTF16_REFUSED}`);
    if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) return bytes;
    mode = 'utf-8';
    decided = { line: 0, byte: 0, what: 'la marque UTF-8 (BOM) en tête du fichier' };
    offset = 3;
    return bytes.subarray(3);
  }

  /** Checks and decodes `bytes` (whole characters only), then moves the line and byte counts past them. */
  function decode(bytes: Buffer): string {
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      if (head && looksLikeUtf16(head)) throw new ExtractFileError(`${name} : ${UTF16_REFUSED}`);
      throw new ExtractFileError(`${name} : octet nul ${at(placeOf(bytes, nul))} : ce n’est pas un texte CSV (fichier binaire, abîmé ou en UTF-16 ?) — réexportez-le en CSV UTF-8`);
    }
    let text: string;
    if (isAscii(bytes)) text = bytes.toString('latin1');
    else {
      if (mode === 'ascii') {
        let i = 0;
        while ((bytes[i] as number) < 0x80) i += 1;
        decide(bytes, i);
      }
      if (mode === 'utf-8') {
        try {
          text = utf8.decode(bytes);
        } catch {
          const i = firstInvalidUtf8(bytes);
          throw mixed(`${at(placeOf(bytes, i))} contient l’octet ${describeByte(bytes, i)}, qui n’est pas de l’UTF-8`);
        }
      } else {
        const latin1 = bytes.toString('latin1');
        const found = UTF8_OF_WINDOWS_1252.exec(latin1);
        if (found) throw mixed(`${at(placeOf(bytes, found.index))} contient « ${Buffer.from(found[0], 'latin1').toString('utf8')} » écrit en UTF-8`);
        text = latin1.replace(/[\x80-\x9f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] as string);
      }
    }
    lineFeeds += countByte(bytes, 0x0a, bytes.length);
    if (lineFeeds === 0) carriageReturns += countByte(bytes, 0x0d, bytes.length);
    offset += bytes.length;
    return text;
  }

  const transform = new Transform({
    readableObjectMode: true,
    readableHighWaterMark: 4,
    transform(chunk: Buffer, _encoding, callback) {
      if (refusal) return callback();
      try {
        let bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        if (head === null) {
          // The first chunk can be tiny (a pipe, a stream cut anywhere): the start is judged on 4 bytes at least.
          if (bytes.length < 4) {
            carry = bytes;
            return callback();
          }
          bytes = start(bytes);
        }
        const end = incompleteTail(bytes);
        carry = Buffer.from(bytes.subarray(end));
        const text = decode(bytes.subarray(0, end));
        callback(null, text === '' ? undefined : text);
      } catch (error) {
        if (options.compressed) {
          refusal = error as Error;
          callback();
        } else callback(error as Error);
      }
    },
    flush(callback) {
      if (refusal) return callback(refusal);
      try {
        // Fewer than 4 bytes in all, or a character cut by the end of the file (not UTF-8, then).
        const bytes = head === null ? start(carry) : carry;
        const text = bytes.length > 0 ? decode(bytes) : '';
        callback(null, text === '' ? undefined : text);
      } catch (error) {
        callback(error as Error);
      }
    },
  }) as Transform & { encoding: () => TextEncodingName };
  transform.encoding = () => mode;
  return transform;
}
