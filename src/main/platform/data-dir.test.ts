import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_FOLDER, DB_FILE_NAME, defaultDataDir, resolveStoreAddress } from './data-dir';

describe('defaultDataDir', () => {
  it('matches Electron’s userData folder on each platform', () => {
    expect(APP_FOLDER).toBe('Atelier Covoiturage');
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Atelier Covoiturage'));
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Atelier Covoiturage'));
    expect(defaultDataDir({}, 'win32')).toBe(join(homedir(), 'AppData', 'Roaming', 'Atelier Covoiturage'));
  });

  it('follows XDG_CONFIG_HOME on Linux and APPDATA on Windows', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/conf' }, 'linux')).toBe(join('/srv/conf', 'Atelier Covoiturage'));
    expect(defaultDataDir({ APPDATA: '/profiles/camille/AppData/Roaming' }, 'win32')).toBe(
      join('/profiles/camille/AppData/Roaming', 'Atelier Covoiturage'),
    );
    // Each variable only matters on its own platform.
    expect(defaultDataDir({ APPDATA: '/x' }, 'linux')).toBe(join(homedir(), '.config', 'Atelier Covoiturage'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Atelier Covoiturage'));
  });

  it('lets ATELIER_DATA_DIR override the default on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultDataDir({ ATELIER_DATA_DIR: '/data/atelier', XDG_CONFIG_HOME: '/x', APPDATA: '/y' }, platform)).toBe('/data/atelier');
    }
  });

  it('ignores an empty ATELIER_DATA_DIR', () => {
    expect(defaultDataDir({ ATELIER_DATA_DIR: '' }, 'linux')).toBe(join(homedir(), '.config', 'Atelier Covoiturage'));
  });

  it('reads the real environment by default', () => {
    const saved = process.env.ATELIER_DATA_DIR;
    process.env.ATELIER_DATA_DIR = '/tmp/atelier-env';
    try {
      expect(defaultDataDir()).toBe('/tmp/atelier-env');
    } finally {
      if (saved === undefined) delete process.env.ATELIER_DATA_DIR;
      else process.env.ATELIER_DATA_DIR = saved;
    }
  });
});

describe('resolveStoreAddress', () => {
  it('uses --db when given, else atelier.sqlite in the data directory', () => {
    expect(resolveStoreAddress('/elsewhere/test.sqlite', '/data')).toBe('/elsewhere/test.sqlite');
    expect(resolveStoreAddress(undefined, '/data')).toBe(join('/data', DB_FILE_NAME));
    expect(DB_FILE_NAME).toBe('atelier.sqlite');
  });
});
