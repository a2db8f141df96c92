import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Extensions of the registry extracts the import reads (docs/import.md), lower case. */
export const EXTRACT_EXTENSIONS = ['.csv', '.csv.gz', '.zip'] as const;

/** What a launch or an « Ouvrir avec » hands the app: extracts to import, and the files it cannot take. */
export interface OpenedFiles {
  /** Absolute paths of existing extracts, each once, in the order given. */
  files: string[];
  /** Extracts named that do not exist, or are no file (a folder), as given once resolved. */
  missing: string[];
  /** Existing files whose extension is no extract's (`.xlsx`, `.txt`…). */
  unsupported: string[];
}

/** Options of the command line that take the next argument as their value: it is no file to open. */
const OPTIONS_WITH_VALUE = new Set(['--db']);

/** Whether a path names an extract by its extension (case-insensitive: `EXTRAIT.CSV` from Windows). */
export function isExtractPath(path: string): boolean {
  const lower = path.toLowerCase();
  return EXTRACT_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

function existingFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** A command-line argument as a path: Linux file managers pass `file://` URIs (`%U` of the .desktop entry). */
function argumentPath(argument: string, cwd: string): string {
  return resolve(cwd, argument.startsWith('file://') ? fileURLToPath(argument) : argument);
}

/**
 * Sorts paths (absolute, or relative to `cwd`) into extracts to import, missing ones and unsupported files, each
 * path once. `isFile` answers whether a path is an existing file (the file system by default).
 */
export function sortOpenedPaths(paths: readonly string[], cwd: string, isFile: (path: string) => boolean = existingFile): OpenedFiles {
  const opened: OpenedFiles = { files: [], missing: [], unsupported: [] };
  const seen = new Set<string>();
  for (const path of paths.map((entry) => argumentPath(entry, cwd))) {
    if (seen.has(path)) continue;
    seen.add(path);
    if (!isFile(path)) opened.missing.push(path);
    else if (isExtractPath(path)) opened.files.push(path);
    else opened.unsupported.push(path);
  }
  return opened;
}

/**
 * The files a command line names (Windows and Linux hand opened files as arguments): `argv` as Electron gives it
 * (`process.argv`, or a second launch's in `second-instance`), less its first `skip` entries (the executable, and
 * the app's path when run as `electron <app>`), Chromium switches (`--no-sandbox`, `--flag=value`) and `--db`'s
 * value; after a bare `--`, every argument is a path. Relative paths are resolved against `cwd`, the launch's
 * working directory.
 */
export function commandLineFiles(argv: readonly string[], options: { skip: number; cwd: string; isFile?: (path: string) => boolean }): OpenedFiles {
  const paths: string[] = [];
  let positionalOnly = false;
  for (let i = options.skip; i < argv.length; i += 1) {
    const argument = argv[i] as string;
    if (!positionalOnly && argument === '--') positionalOnly = true;
    else if (!positionalOnly && OPTIONS_WITH_VALUE.has(argument)) i += 1;
    else if (positionalOnly || !argument.startsWith('-')) paths.push(argument);
  }
  return sortOpenedPaths(paths, options.cwd, options.isFile);
}

/**
 * The warning about opened files that were not imported, in French (one line per file, by name and folder), or
 * null when every file went to the import.
 */
export function openedFilesWarning(opened: OpenedFiles): string | null {
  const lines = [
    ...opened.missing.map((path) => `${basename(path)} : fichier introuvable (${path})`),
    ...opened.unsupported.map((path) => `${basename(path)} : pas un extrait du registre (fichiers .csv, .csv.gz ou .zip seulement)`),
  ];
  return lines.length > 0 ? lines.join('\n') : null;
}

/**
 * Files opened before the app can import them (macOS's `open-file` fires before `ready`, a second launch may come
 * while the first is still opening its store), handed over in the order they came once it can, then as they come.
 * A file already waiting is not queued twice.
 */
export class OpenedFilesQueue {
  private waiting: OpenedFiles = { files: [], missing: [], unsupported: [] };
  private consumer: ((opened: OpenedFiles) => void) | null = null;

  /** Queues what was opened, or hands it over at once when the app is ready. Nothing to say: nothing happens. */
  add(opened: OpenedFiles): void {
    if (opened.files.length + opened.missing.length + opened.unsupported.length === 0) return;
    if (this.consumer) {
      this.consumer(opened);
      return;
    }
    for (const key of ['files', 'missing', 'unsupported'] as const) {
      for (const path of opened[key]) if (!this.waiting[key].includes(path)) this.waiting[key].push(path);
    }
  }

  /** From now on, opened files go to `consumer`; those waiting go first, in one batch. */
  start(consumer: (opened: OpenedFiles) => void): void {
    this.consumer = consumer;
    const waiting = this.waiting;
    this.waiting = { files: [], missing: [], unsupported: [] };
    this.add(waiting);
  }
}
