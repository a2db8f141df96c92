import { closeSync, mkdirSync, openSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { join } from 'node:path';

/**
 * Rights of what the app creates on POSIX systems: folders `rwx------`, files `rw-------`, readable by the user who
 * runs the app only (the store and exports hold personal data: docs/privacy.md). They apply when the app creates the
 * folder or file; the umask can only remove rights, never add any. On Windows Node ignores these modes (only the
 * write bit maps to the read-only attribute): the files inherit the ACL of their folder, which, under the user
 * profile (`%APPDATA%`), grants access to the user, SYSTEM and administrators only. No ACL is set by the app.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a folder and its missing parents `0700` (existing folders are left as they are). */
export async function makePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Writes `value` as JSON to `path`, readable by the user only (`0600`, its folder `0700` when created): to a new file
 * renamed over the old one, so that a crash never leaves half a file.
 */
export async function writePrivateJson(path: string, value: unknown): Promise<void> {
  await makePrivateDir(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  await rm(temporary, { force: true });
  const handle = await open(temporary, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/** `makePrivateDir`, synchronously (store opening). */
export function makePrivateDirSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates `path` empty and `0600` when it does not exist yet (an existing file is left untouched). Lets a library
 * that creates files with its own default rights (SQLite: `0644`) open a file that already has the private ones.
 */
export function createPrivateFileIfMissing(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Creates a new file `0600` under the first free name among `name('')`, `name(' (2)')`, `name(' (3)')`… in `dir`,
 * and opens it for writing. Never replaces a file: creation is exclusive (two exports in the same second get two
 * files), and a name that differs from an existing one only by case or Unicode form is not free either (it is the
 * same file on Windows and macOS, where the folder may be copied). Answers its path and handle (the caller closes it).
 */
export async function openNewPrivateFile(dir: string, name: (suffix: string) => string): Promise<{ path: string; handle: FileHandle }> {
  const taken = new Set((await readdir(dir)).map(sameFileKey));
  for (let n = 1; ; n += 1) {
    const candidate = name(n === 1 ? '' : ` (${n})`);
    if (taken.has(sameFileKey(candidate))) continue;
    const path = join(dir, candidate);
    try {
      return { path, handle: await open(path, 'wx', PRIVATE_FILE_MODE) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 10_000) throw error;
    }
  }
}

/**
 * The key under which two file names are the same file somewhere: Windows and macOS file systems ignore case, macOS
 * also Unicode normalisation, and names derived from operator or campaign names often differ only by them
 * (« BlaBlaCar Daily » / « Blablacar daily », « =1+1 » / « ＝1+1 »). NFKC then case folding is stricter than any of
 * them, so names with different keys are different files everywhere.
 */
export function sameFileKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}
