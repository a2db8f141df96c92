import { createHash } from 'node:crypto';
import { sameFileKey } from '../platform/private-files';

/** Eight hex digits of the SHA-256 of `text`: a short suffix that depends on the exact name only. */
export function shortNameHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

/** One file of an export, before its final name is chosen. */
export interface FileNameRequest {
  /** The exact name the file is about (an operator's name…): two requests must not share one. */
  identity: string;
  /** The file name with `suffix` inserted where it reads best, e.g. `dossier-controles-<name><suffix>-tout.xlsx`. */
  name: (suffix: string) => string;
}

/**
 * Final names for the files of one export, in the order of `requests`, no two of them the same file on any file
 * system (`sameFileKey`). A name shared by several requests is given to none of them: each gets `-<8 hex digits>` of
 * its exact identity, the same whatever else the export holds, so a re-export of the same dossier lands on the same
 * file. Should that still meet another name (or the hashes of two identities coincide), ` (2)`, ` (3)`… follow, in
 * request order. Deterministic: the same requests always give the same names.
 */
export function uniqueFileNames(requests: readonly FileNameRequest[]): string[] {
  const plain = requests.map((request) => request.name(''));
  const counts = new Map<string, number>();
  for (const name of plain) counts.set(sameFileKey(name), (counts.get(sameFileKey(name)) ?? 0) + 1);
  const used = new Set<string>();
  return requests.map((request, i) => {
    const base = (counts.get(sameFileKey(plain[i] as string)) ?? 0) > 1 ? `-${shortNameHash(request.identity)}` : '';
    let name = request.name(base);
    for (let n = 2; used.has(sameFileKey(name)); n += 1) name = request.name(`${base} (${n})`);
    used.add(sameFileKey(name));
    return name;
  });
}

/**
 * A code or label as it may appear inside a file name: letters, digits and `-` kept, anything else (`/`, `..`,
 * spaces) replaced by `_`, so that a territory code typed by the user can never lead outside the exports folder.
 */
export function fileNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 60) || '_';
}
