import yauzl from 'yauzl';
import { ContourFileError } from './contour-file-error';

/** Largest member read from an archive (bytes): ADMIN EXPRESS COG's COMMUNE.shp for all of France is under 1 GB. */
const MAX_MEMBER_BYTES = 1.5 * 1024 ** 3;
/** Largest expansion ratio accepted: shapefiles compress 2–10×, decompression bombs 1,000× and more. */
const MAX_EXPANSION_RATIO = 200;
/** Output allowed before the ratio applies: a small .dbf of padded text may compress very well. */
const EXPANSION_ALLOWANCE = 1024 * 1024;

/** An archive opened for reading: its member names (files only) and a way to read the ones wanted. */
export interface ZipMembers {
  names: string[];
  /** Reads one member whole; refuses members above the size and expansion caps. */
  read(name: string): Promise<Buffer>;
  close(): void;
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

/**
 * Lists the files of a zip (folders and macOS `__MACOSX/` companions left out). Throws `ContourFileError` naming
 * `displayName` when the archive is unreadable or truncated.
 */
export async function openZipMembers(path: string, displayName: string): Promise<ZipMembers> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw new ContourFileError(`« ${displayName} » : archive zip illisible ou tronquée (${(error as Error).message}).`);
  }
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      if (!name.endsWith('/') && !name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(name)) entries.set(name, entry);
      zip.readEntry();
    });
    zip.on('end', resolve);
    zip.on('error', (error: Error) => {
      zip.close();
      reject(new ContourFileError(`« ${displayName} » : archive zip illisible ou tronquée (${error.message}).`));
    });
    zip.readEntry();
  });
  return {
    names: [...entries.keys()],
    read: (name) => {
      const entry = entries.get(name);
      if (!entry) return Promise.reject(new ContourFileError(`« ${displayName} » : ${name} absent de l’archive.`));
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > MAX_MEMBER_BYTES || (entry.uncompressedSize > EXPANSION_ALLOWANCE && ratio > MAX_EXPANSION_RATIO)) {
        return Promise.reject(new ContourFileError(`« ${displayName} » : ${name} refusé, il se décompresse en ${Math.round(entry.uncompressedSize / 1024 ** 2)} Mo (${Math.round(ratio)} fois sa taille).`));
      }
      return new Promise<Buffer>((resolve, reject) =>
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(new ContourFileError(`« ${displayName} › ${name} » : illisible (${error.message}).`));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          // yauzl checks the size the member declares: more bytes than declared is a bomb that lies about its size.
          stream.on('error', (streamError: Error) => reject(new ContourFileError(`« ${displayName} › ${name} » : archive endommagée (${streamError.message}).`)));
          stream.on('end', () => resolve(Buffer.concat(chunks)));
        }),
      );
    },
    close: () => zip.close(),
  };
}
