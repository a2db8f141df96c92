import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What the watcher needs from the rest of the application. */
export interface WatchFolderDeps {
  /** The folder to watch now (setting `sync.watchFolder`), or null. */
  folder(): Promise<string | null>;
  /** Starts importing files; answers job ids. */
  importFiles(paths: readonly string[]): Promise<string[]>;
  /** Paths (with their size in bytes) already imported successfully, to skip on startup. */
  importedFiles(): Promise<Map<string, number>>;
  onError(message: string): void;
}

/** Extensions of files the watcher picks up; anything else in the folder (notes, spreadsheets) is left alone. */
const EXTRACT_FILE = /\.(csv|csv\.gz|gz|zip)$/i;

/**
 * Imports new extract files that appear in a folder (e.g. a shared drive where extracts land), by polling:
 * file watching is unreliable on network drives. A file is taken once its size and modification time stayed
 * the same over two polls (so a file still being copied is not read half-written), and only once.
 */
export class WatchFolderService {
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<string, string>();
  private readonly taken = new Map<string, number>();
  private primed = false;

  constructor(
    private readonly deps: WatchFolderDeps,
    private readonly intervalMs = 5_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look at the folder; answers the job ids it started (exposed for tests and for an immediate check). */
  async poll(): Promise<string[]> {
    const folder = await this.deps.folder();
    if (!folder) return [];
    if (!this.primed) {
      for (const [path, size] of await this.deps.importedFiles()) this.taken.set(path, size);
      this.primed = true;
    }
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      this.deps.onError(`Dossier surveillé inaccessible : ${folder} (${(error as Error).message})`);
      return [];
    }
    const ready: string[] = [];
    for (const name of names.filter((n) => EXTRACT_FILE.test(n)).sort()) {
      const path = join(folder, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      if (this.taken.get(path) === info.size) continue;
      const signature = `${info.size}:${info.mtimeMs}`;
      if (this.pending.get(path) === signature) {
        this.pending.delete(path);
        this.taken.set(path, info.size);
        ready.push(path);
      } else {
        this.pending.set(path, signature);
      }
    }
    return ready.length > 0 ? this.deps.importFiles(ready) : [];
  }
}
