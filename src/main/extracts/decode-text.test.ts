import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text';
import { ExtractFileError } from './extract-file-error';

/**
 * The decoder on bytes handed over in chunks cut anywhere (inside a character too): one encoding per file, decided
 * on its first non-ASCII character and held to the end; a contradiction, UTF-16 or a NUL byte refuses the file.
 */

/** Windows-1252 bytes of a text made of Latin-1 characters and ’ (0x92). */
function windows1252(text: string): Buffer {
  return Buffer.from(text.replace(/’/g, '\u0092'), 'latin1');
}

/** Decodes `bytes` given in chunks of `chunk` bytes; answers the text and encoding, or the refusal's message. */
async function decode(bytes: Buffer, chunk = bytes.length || 1, options: { compressed?: boolean } = {}): Promise<{ text: string; encoding: string } | { refused: string }> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  const decoder = decodeText('extrait.csv', options);
  const parts: string[] = [];
  try {
    for await (const part of Readable.from(pieces).pipe(decoder)) parts.push(part as string);
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractFileError);
    return { refused: (error as Error).message };
  }
  return { text: parts.join(''), encoding: decoder.encoding() };
}

const SIZES = [1, 2, 3, 5, 64, 1 << 20];

describe('decodeText — one encoding per file', () => {
  it('reads ASCII, UTF-8 (BOM dropped) and Windows-1252, whatever the chunks', async () => {
    const text = 'a;b\nÉvry-Courcouronnes;Val-d’Oise — 3 €\n';
    for (const chunk of SIZES) {
      expect(await decode(Buffer.from('a;b\n1;2\n'), chunk)).toEqual({ text: 'a;b\n1;2\n', encoding: 'ascii' });
      expect(await decode(Buffer.from(text), chunk)).toEqual({ text, encoding: 'utf-8' });
      expect(await decode(Buffer.from(`\uFEFF${text}`), chunk)).toEqual({ text, encoding: 'utf-8' });
      expect(await decode(Buffer.concat([windows1252('a;b\nÉvry;Val-d’Oise\n'), Buffer.from([0x80, 0x97, 0x0a])]), chunk)).toEqual({
        text: 'a;b\nÉvry;Val-d’Oise\n€—\n',
        encoding: 'windows-1252',
      });
    }
  });

  it('decides on the first non-ASCII character, however far it is', async () => {
    const ascii = 'a;b\n'.repeat(100_000);
    expect(await decode(Buffer.concat([Buffer.from(ascii), windows1252('Évry\n')]), 65_536)).toEqual({ text: `${ascii}Évry\n`, encoding: 'windows-1252' });
    expect(await decode(Buffer.from(`${ascii}Évry\n`), 65_536)).toEqual({ text: `${ascii}Évry\n`, encoding: 'utf-8' });
  });

  it('refuses a stray Windows-1252 byte in a UTF-8 file, naming its line and byte and what decided', async () => {
    const bytes = Buffer.concat([Buffer.from('a;b\nRégion;1\n2;3\n'), windows1252('Évry;4\n'), Buffer.from('Métropole;5\n')]);
    for (const chunk of SIZES) {
      expect(await decode(bytes, chunk)).toEqual({
        refused:
          'extrait.csv : encodage mélangé, fichier refusé : lu en UTF-8 d’après « é » écrit en UTF-8 ligne 2 (octet n° 6), mais la ligne 4 ' +
          '(octet n° 19) contient l’octet 0xC9 (« É » en Windows-1252), qui n’est pas de l’UTF-8 — réenregistrez tout le fichier en UTF-8',
      });
    }
  });

  it('refuses UTF-8 text after a Windows-1252 start, never storing « Ã© »', async () => {
    const bytes = Buffer.concat([windows1252('a;b\nÉvry;1\n'), Buffer.from('Métropole;2\n')]);
    for (const chunk of SIZES) {
      expect(await decode(bytes, chunk)).toEqual({
        refused:
          'extrait.csv : encodage mélangé, fichier refusé : lu en Windows-1252 d’après l’octet 0xC9 (« É » en Windows-1252) ligne 2 (octet n° 5), ' +
          'qui n’est pas de l’UTF-8, mais la ligne 3 (octet n° 13) contient « é » écrit en UTF-8 — réenregistrez tout le fichier en UTF-8',
      });
    }
  });

  it('does not take Windows-1252 text for UTF-8 when two letters happen to form a UTF-8 sequence', async () => {
    // « É » then a no-break space (0xC9 0xA0) is well-formed UTF-8 (ɠ), but not a character French text writes.
    expect(await decode(windows1252('a;b\nÉTÉ\u00a0: 1;Évry\n'))).toEqual({ text: 'a;b\nÉTÉ\u00a0: 1;Évry\n', encoding: 'windows-1252' });
  });

  it('refuses a UTF-8 file cut in the middle of its last character', async () => {
    const bytes = Buffer.from('a;b\nÉvry;é');
    expect(await decode(bytes.subarray(0, bytes.length - 1))).toMatchObject({ refused: expect.stringMatching(/^extrait\.csv : encodage mélangé, .+ la ligne 2 \(octet n° 11\) contient l’octet 0xC3/) });
  });
});

describe('decodeText — files that are not text', () => {
  it('refuses UTF-16 with or without BOM, saying what to do', async () => {
    const text = 'journey_id;operator_class\n1;C\n';
    const message = { refused: 'extrait.csv : encodage UTF-16 non pris en charge — enregistrez le fichier en UTF-8' };
    for (const chunk of [1, 3, 1 << 20]) {
      expect(await decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), chunk)).toEqual(message);
      expect(await decode(Buffer.from(text, 'utf16le'), chunk)).toEqual(message);
      expect(await decode(Buffer.from(text, 'utf16le').swap16(), chunk)).toEqual(message);
    }
  });

  it('refuses a NUL byte, naming its line and byte', async () => {
    const bytes = Buffer.from('a;b\n1;2\r\n3;\u00004\n');
    for (const chunk of [1, 4, 100]) {
      expect(await decode(bytes, chunk)).toEqual({
        refused: 'extrait.csv : octet nul ligne 3 (octet n° 12) : ce n’est pas un texte CSV (fichier binaire, abîmé ou en UTF-16 ?) — réexportez-le en CSV UTF-8',
      });
    }
    // Lines ended by CR alone are counted too.
    expect(await decode(Buffer.from('a;b\r1;2\r\u0000'))).toMatchObject({ refused: expect.stringContaining('octet nul ligne 3 (octet n° 9)') });
  });

  it('holds a refusal of decompressed bytes until their end, so that the archive’s own error comes first', async () => {
    const bytes = Buffer.from('a;b\n\u0000\n');
    const failing = new Readable({
      read() {
        this.push(bytes);
        this.destroy(new ExtractFileError('extrait.csv.gz : fichier gzip illisible ou tronqué (unexpected end of file)'));
      },
    });
    const decoder = decodeText('extrait.csv.gz', { compressed: true });
    failing.on('error', (error) => decoder.destroy(error));
    const error = await (async () => {
      for await (const part of failing.pipe(decoder)) void part;
    })().catch((failure: unknown) => failure);
    expect((error as Error).message).toBe('extrait.csv.gz : fichier gzip illisible ou tronqué (unexpected end of file)');
    // Without an error of the archive, the held refusal comes at the end.
    expect(await decode(bytes, 2, { compressed: true })).toMatchObject({ refused: expect.stringContaining('octet nul ligne 2') });
  });
});
