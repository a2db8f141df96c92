import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';
import { ExtractFileError } from './extract-file-error';

/** One CSV inside a file: the file itself, the content of a .gz, or a member of a .zip. */
export interface ExtractEntry {
  /** `file.csv`, or `archive.zip › member.csv`. */
  name: string;
  /** Whether the bytes come out of a decompressor (a .gz, a zip member), whose damage shows only at its end. */
  compressed: boolean;
  /** Raw bytes of the CSV; destroy the stream when done with it, even half-read, to release the file. */
  open(): Promise<Readable>;
}

/** The CSVs of an extract file; `close()` releases the file once the import is over, whatever happened. */
export interface ExtractEntries {
  entries: ExtractEntry[];
  close(): void;
}

/** Largest uncompressed CSV accepted from an archive (bytes): a month of national open data is ~0.4 GB. */
export const MAX_UNCOMPRESSED_BYTES = 16 * 1024 ** 3;
/** Largest expansion ratio accepted: real extracts compress 5–15×, zip bombs 1,000× and more. */
export const MAX_EXPANSION_RATIO = 200;

/** Output allowed before the ratio applies: a small archive may hold a header and a few lines that compress well. */
const EXPANSION_ALLOWANCE = 1024 * 1024;

/**
 * Counts bytes flowing out of a decompressor and stops with a clear error past the caps, whatever the archive
 * declares (declared sizes can lie): more than `MAX_EXPANSION_RATIO` times the compressed bytes consumed so far
 * (`compressedBytes()`, read again for each chunk: a gzip stream is judged as it goes, not on the file's size), or
 * more than `MAX_UNCOMPRESSED_BYTES`. Fires within a chunk or two of the bomb, whatever reads the output.
 */
function expansionGuard(name: string, compressedBytes: () => number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      const limit = Math.min(MAX_UNCOMPRESSED_BYTES, Math.max(compressedBytes(), 1) * MAX_EXPANSION_RATIO + EXPANSION_ALLOWANCE);
      if (seen > limit) callback(new ExtractFileError(`${name} : archive refusée, elle se décompresse au-delà de ${MAX_EXPANSION_RATIO} fois sa taille (bombe de décompression ?)`));
      else callback(null, chunk);
    },
  });
}

async function magic(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

async function zipEntries(path: string, displayName: string): Promise<ExtractEntries> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw new ExtractFileError(`${displayName} : archive zip illisible ou tronquée (${(error as Error).message})`);
  }
  const members: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/') && /\.csv$/i.test(entry.fileName)) members.push(entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', (error: Error) => {
      zip.close();
      reject(new ExtractFileError(`${displayName} : archive zip illisible ou tronquée (${error.message})`));
    });
    zip.readEntry();
  });
  if (members.length === 0) {
    zip.close();
    throw new ExtractFileError(`${displayName} : l’archive ne contient aucun fichier .csv`);
  }
  for (const entry of members) {
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > MAX_UNCOMPRESSED_BYTES || ratio > MAX_EXPANSION_RATIO) {
      zip.close();
      throw new ExtractFileError(`${displayName} : archive refusée, ${entry.fileName} se décompresse ${Math.round(ratio)} fois sa taille (bombe de décompression ?)`);
    }
  }
  let closed = false;
  const entries = members.map((entry) => ({
    name: `${displayName} › ${entry.fileName}`,
    compressed: entry.compressionMethod !== 0,
    open: () =>
      new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(new ExtractFileError(`${displayName} : ${entry.fileName} illisible (${error.message})`));
          const name = `${displayName} › ${entry.fileName}`;
          const guarded = stream.pipe(expansionGuard(name, () => entry.compressedSize));
          // pipe() does not carry errors: a corrupt member (or one larger than it declares) would never end.
          stream.on('error', (streamError: Error) => {
            // yauzl checks the size the member declares: more bytes than declared is a bomb that lies about its size.
            const message = /too many bytes/.test(streamError.message)
              ? `${name} : archive refusée, le fichier se décompresse au-delà de la taille annoncée (bombe de décompression ?)`
              : `${name} : archive zip illisible ou tronquée (${streamError.message})`;
            guarded.destroy(new ExtractFileError(message));
          });
          // Each member stream holds the archive open until it is destroyed.
          guarded.on('close', () => stream.destroy());
          resolve(guarded);
        }),
      ),
  }));
  return {
    entries,
    close: () => {
      if (closed) return;
      closed = true;
      zip.close();
    },
  };
}

/**
 * Lists the CSVs of an extract file. The container is recognised from its first bytes (zip, gzip, else plain
 * text), not from its name. Archives are checked against decompression bombs before and while reading.
 */
export async function listExtractEntries(path: string): Promise<ExtractEntries> {
  const displayName = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new ExtractFileError(`${displayName} : fichier introuvable ou illisible (${path})`);
  }
  if (size === 0) throw new ExtractFileError(`${displayName} : fichier vide`);
  const head = await magic(path);
  if (head[0] === 0x50 && head[1] === 0x4b) return zipEntries(path, displayName);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return {
      entries: [{
        name: displayName,
        compressed: true,
        open: async () => {
          const gunzip = createGunzip();
          const source = createReadStream(path);
          let consumed = 0;
          source.on('data', (chunk: Buffer | string) => {
            consumed += chunk.length;
          });
          const guarded = source.pipe(gunzip).pipe(expansionGuard(displayName, () => consumed));
          gunzip.on('error', (error) => guarded.destroy(new ExtractFileError(`${displayName} : fichier gzip illisible ou tronqué (${error.message})`)));
          // pipe() leaves the source open when a later stream fails (bomb, corrupt data): release the file.
          guarded.on('close', () => source.destroy());
          return guarded;
        },
      }],
      close: () => undefined,
    };
  }
  return { entries: [{ name: displayName, compressed: false, open: async () => createReadStream(path, { highWaterMark: 1024 * 1024 }) }], close: () => undefined };
}
