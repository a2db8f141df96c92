import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../db/connection';
import { makeTempDir } from '../testing/temp-store';
import { APP_FOLDER, DB_FILE_NAME, prepareDataDir } from './data-dir';
import { createPrivateFileIfMissing, makePrivateDir, openNewPrivateFile } from './private-files';

/** Issue 16, item 8: what the app creates is readable by its user only (POSIX rights; Windows relies on the profile ACL). */
const posix = process.platform === 'win32' ? describe.skip : describe;

let dir: string;

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

posix('private files and folders', () => {
  it('creates folders 0700 (missing parents too) and files 0600, whatever a permissive umask', async () => {
    const previous = process.umask(0o002);
    try {
      await makePrivateDir(join(dir, 'a', 'b'));
      createPrivateFileIfMissing(join(dir, 'a', 'b', 'f'));
    } finally {
      process.umask(previous);
    }
    expect(modeOf(join(dir, 'a'))).toBe(0o700);
    expect(modeOf(join(dir, 'a', 'b'))).toBe(0o700);
    expect(modeOf(join(dir, 'a', 'b', 'f'))).toBe(0o600);
  });

  it('leaves an existing file alone', () => {
    const file = join(dir, 'f');
    writeFileSync(file, 'contenu', { mode: 0o644 });
    createPrivateFileIfMissing(file);
    expect(modeOf(file)).toBe(0o644);
  });

  it('opens a new file under a free name only', async () => {
    writeFileSync(join(dir, 'export.csv'), 'ancien');
    const { path, handle } = await openNewPrivateFile(dir, (suffix) => `export${suffix}.csv`);
    await handle.close();
    expect(path).toBe(join(dir, 'export (2).csv'));
    expect(modeOf(path)).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['export (2).csv', 'export.csv']);
  });

  it('creates a new store 0600 in a folder created 0700, and SQLite gives its WAL files the same rights', async () => {
    const file = join(dir, 'nouveau', DB_FILE_NAME);
    const db = await openMigratedDatabase(file);
    try {
      expect(modeOf(join(dir, 'nouveau'))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
    } finally {
      await db.destroy();
    }
  });
});

posix('prepareDataDir', () => {
  it('creates the data folder 0700', () => {
    const data = join(dir, 'conf', APP_FOLDER);
    prepareDataDir(data);
    expect(modeOf(data)).toBe(0o700);
  });

  it('restricts the app’s own folder left open by an earlier version, which hides the store it holds', () => {
    const data = join(dir, APP_FOLDER);
    mkdirSync(data);
    chmodSync(data, 0o755);
    writeFileSync(join(data, DB_FILE_NAME), '', { mode: 0o644 });
    prepareDataDir(data);
    expect(modeOf(data)).toBe(0o700);
  });

  it('leaves a folder of another name as it is (ATELIER_DATA_DIR may point to a shared one), and does nothing on Windows', () => {
    const shared = join(dir, 'partage');
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    prepareDataDir(shared);
    expect(modeOf(shared)).toBe(0o755);
    const own = join(dir, APP_FOLDER);
    mkdirSync(own);
    chmodSync(own, 0o755);
    prepareDataDir(own, 'win32');
    expect(modeOf(own)).toBe(0o755);
  });
});
