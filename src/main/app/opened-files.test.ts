import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/temp-store';
import { commandLineFiles, isExtractPath, OpenedFilesQueue, openedFilesWarning, sortOpenedPaths, type OpenedFiles } from './opened-files';

/**
 * What the packaged app does with the files it is opened with (command line, « Ouvrir avec », a second launch,
 * macOS's `open-file`): which arguments are extracts, where relative paths lead, what is reported, and the
 * queue that keeps them until the store and the window are there. On real files in a temporary folder.
 */

let root: string;
let dir: string;

beforeAll(() => {
  root = makeTempDir();
  dir = join(root, 'extraits du registre');
  mkdirSync(join(dir, 'dossier.csv'), { recursive: true });
  for (const name of ['2024-03.csv', 'territoire.zip', 'national.CSV.GZ', 'notes.txt']) writeFileSync(join(dir, name), 'x');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const none: OpenedFiles = { files: [], missing: [], unsupported: [] };

describe('isExtractPath', () => {
  it('knows the extracts’ extensions, whatever their case', () => {
    expect(['a.csv', 'a.csv.gz', 'a.zip', 'A.CSV', 'B.Zip'].map(isExtractPath)).toEqual([true, true, true, true, true]);
    expect(['a.gz', 'a.xlsx', 'a.csv.bak', 'csv', '.'].map(isExtractPath)).toEqual([false, false, false, false, false]);
  });
});

describe('commandLineFiles', () => {
  it('takes the files after the executable of the packaged app, less Chromium switches and the store option', () => {
    const argv = ['/opt/Atelier Covoiturage/atelier-covoiturage', '--no-sandbox', '--db', join(dir, '2024-03.csv'), '2024-03.csv', '--lang=fr', 'territoire.zip'];
    expect(commandLineFiles(argv, { skip: 1, cwd: dir })).toEqual({ files: [join(dir, '2024-03.csv'), join(dir, 'territoire.zip')], missing: [], unsupported: [] });
  });

  it('skips the app’s path under `electron <app>`, and takes every argument after a bare `--` as a path', () => {
    const argv = ['/usr/bin/electron', 'out/main/index.js', '--', '--inspect', join(dir, 'national.CSV.GZ')];
    expect(commandLineFiles(argv, { skip: 2, cwd: dir })).toEqual({ files: [join(dir, 'national.CSV.GZ')], missing: [join(dir, '--inspect')], unsupported: [] });
    // Without files: nothing to do.
    expect(commandLineFiles(['/usr/bin/electron', '.'], { skip: 2, cwd: dir })).toEqual(none);
  });

  it('resolves relative paths against the launch’s working directory, and reads the file URIs of Linux file managers', () => {
    const second = commandLineFiles(['atelier.exe', '../territoire.zip', pathToFileURL(join(dir, '2024-03.csv')).href], { skip: 1, cwd: join(dir, 'dossier.csv') });
    expect(second.files).toEqual([join(dir, 'territoire.zip'), join(dir, '2024-03.csv')]);
  });

  it('takes each file once, and reports files that do not exist, folders, and files that are no extract', () => {
    const argv = ['atelier', '2024-03.csv', join(dir, '2024-03.csv'), './2024-03.csv', 'absent.csv', 'dossier.csv', 'notes.txt', 'absent.txt'];
    expect(commandLineFiles(argv, { skip: 1, cwd: dir })).toEqual({
      files: [join(dir, '2024-03.csv')],
      missing: [join(dir, 'absent.csv'), join(dir, 'dossier.csv'), join(dir, 'absent.txt')],
      unsupported: [join(dir, 'notes.txt')],
    });
  });

  it('asks the file system through `isFile` when given one', () => {
    const seen: string[] = [];
    const opened = commandLineFiles(['atelier', 'a.csv'], { skip: 1, cwd: '/nulle/part', isFile: (path) => (seen.push(path), true) });
    expect(seen).toEqual([resolve('/nulle/part/a.csv')]);
    expect(opened.files).toEqual([resolve('/nulle/part/a.csv')]);
  });
});

describe('openedFilesWarning', () => {
  it('names each file not imported and why, in French; nothing when all went to the import', () => {
    const opened = sortOpenedPaths(['absent.csv', 'notes.txt', 'territoire.zip'], dir);
    expect(openedFilesWarning(opened)?.split('\n')).toEqual([
      `absent.csv : fichier introuvable (${join(dir, 'absent.csv')})`,
      'notes.txt : pas un extrait du registre (fichiers .csv, .csv.gz ou .zip seulement)',
    ]);
    expect(openedFilesWarning(sortOpenedPaths(['territoire.zip'], dir))).toBeNull();
  });
});

describe('OpenedFilesQueue', () => {
  it('keeps what comes before the app is ready, each file once, and hands it over in order, then as it comes', () => {
    const queue = new OpenedFilesQueue();
    const received: OpenedFiles[] = [];
    // macOS: `open-file` before ready; then the command line, and a second launch while the store opens.
    queue.add(sortOpenedPaths([join(dir, 'territoire.zip')], dir));
    queue.add(commandLineFiles(['atelier', '2024-03.csv', 'absent.csv'], { skip: 1, cwd: dir }));
    queue.add(commandLineFiles(['atelier', 'territoire.zip', 'absent.csv'], { skip: 1, cwd: dir }));
    queue.add(none);
    expect(received).toEqual([]);
    queue.start((opened) => received.push(opened));
    expect(received).toEqual([{ files: [join(dir, 'territoire.zip'), join(dir, '2024-03.csv')], missing: [join(dir, 'absent.csv')], unsupported: [] }]);
    // Ready: straight to the import, one batch per launch; nothing to say, nothing happens.
    queue.add(sortOpenedPaths(['notes.txt'], dir));
    queue.add(none);
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual({ files: [], missing: [], unsupported: [join(dir, 'notes.txt')] });
  });

  it('hands nothing over when nothing was opened', () => {
    const queue = new OpenedFilesQueue();
    const received: OpenedFiles[] = [];
    queue.start((opened) => received.push(opened));
    expect(received).toEqual([]);
  });
});
