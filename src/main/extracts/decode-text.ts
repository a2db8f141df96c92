import { Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import { ExtractFileError } from './extract-file-error';

/** Bytes looked at to choose the encoding. */
const SNIFF_BYTES = 64 * 1024;

/** Whether a prefix is valid UTF-8, ignoring a multi-byte character cut at its end. */
function isUtf8(prefix: Buffer): boolean {
  let end = prefix.length;
  // Back off a possibly truncated trailing sequence (at most 3 continuation/lead bytes).
  for (let i = 1; i <= 3 && end - i >= 0; i += 1) {
    const byte = prefix[end - i] as number;
    if ((byte & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes an extract's bytes to text: UTF-8 with or without BOM, or Windows-1252/Latin-1 (detected when the
 * first 64 KiB are not valid UTF-8) converted to UTF-8. UTF-16 is refused with a message saying what to do, and
 * a UTF-8 file that turns invalid further on fails rather than importing garbled names.
 */
export function decodeText(name: string): Transform & { encoding: () => string } {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let decoder: TextDecoder | null = null;
  let chosen = 'utf-8';

  const choose = (head: Buffer): string => {
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      throw new ExtractFileError(`${name} : encodage UTF-16 non pris en charge — enregistrez le fichier en UTF-8`);
    }
    chosen = isUtf8(head) ? 'utf-8' : 'windows-1252';
    decoder = new TextDecoder(chosen, { fatal: chosen === 'utf-8', ignoreBOM: false });
    return decode(head);
  };
  const decode = (bytes: Buffer, flush = false): string => {
    try {
      return (decoder as TextDecoder).decode(bytes, { stream: !flush });
    } catch {
      throw new ExtractFileError(`${name} : caractères invalides en UTF-8 au milieu du fichier (encodage mélangé ?)`);
    }
  };

  const transform = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        if (decoder) return callback(null, decode(chunk));
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < SNIFF_BYTES) return callback();
        const head = Buffer.concat(pending);
        pending = [];
        callback(null, choose(head));
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        let text = '';
        if (!decoder && pendingBytes > 0) text = choose(Buffer.concat(pending));
        if (decoder) text += decode(Buffer.alloc(0), true);
        callback(null, text);
      } catch (error) {
        callback(error as Error);
      }
    },
  }) as Transform & { encoding: () => string };
  transform.setEncoding('utf8');
  transform.encoding = () => chosen;
  return transform;
}
