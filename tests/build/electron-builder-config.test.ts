import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, type PathLike } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration, FileSet, FileAssociation } from 'electron-builder';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import viteConfig from '../../electron.vite.config';
import { APP_FOLDER } from '../../src/main/platform/data-dir';

/**
 * The packaging configuration (build/electron-builder.yml), read and validated by the installed electron-builder's
 * own loader and schema, then checked against what the app needs once packaged: its build output, the resources it
 * reads at run time, its native module, its icons, and no auto-update.
 */

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const BUILD = join(PROJECT, 'build');

// electron-builder's loader and schema check (app-builder-lib, resolved from electron-builder so the versions match).
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string, configFromOptions: null) => Promise<Configuration>;
  validateConfiguration: (config: Configuration, debugLogger: { isEnabled: boolean; add: () => void }) => Promise<void>;
};

interface PackageJson {
  name: string;
  productName: string;
  main: string;
  build?: unknown;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const packageJson = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as PackageJson;

interface ProcessBuild {
  build: { outDir: string; rollupOptions: { input: Record<string, string> } };
}
const vite = viteConfig as unknown as Record<'main' | 'preload' | 'renderer', ProcessBuild>;

/** In the « packaged » test, the code under test sees only the files below this folder. */
const visible = vi.hoisted(() => ({ under: null as string | null }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, existsSync: (file: PathLike) => (visible.under === null || resolve(String(file)).startsWith(visible.under)) && fs.existsSync(file) };
});

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(PROJECT, 'build/electron-builder.yml', null);
});

/** Every file below a folder, relative to it, with `/` separators. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The `files`/`extraResources` entries as electron-builder normalises them (a list of file sets). */
function fileSets(value: Configuration['files']): FileSet[] {
  return (Array.isArray(value) ? value : [value]).filter((entry): entry is FileSet => typeof entry === 'object' && entry !== null);
}

describe('build/electron-builder.yml', () => {
  it('is a configuration the installed electron-builder accepts, and the only one (no « build » key in package.json)', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, targte: 'deb' } as Configuration['linux'] }, { isEnabled: false, add: () => undefined })).rejects.toThrow(
      /configuration object that does not match the API schema/,
    );
    expect(packageJson.build).toBeUndefined();
  });

  it('names the app as package.json does, so the packaged app keeps its data where the CLI and browser mode look', () => {
    expect(config.appId).toBe('fr.gouv.atelier-covoiturage');
    expect(config.productName).toBe('Atelier Covoiturage');
    expect(config.productName).toBe(packageJson.productName);
    // Electron's userData folder is named after productName; the CLI and the browser mode name it APP_FOLDER.
    expect(config.productName).toBe(APP_FOLDER);
    expect(config.linux?.executableName).toBe(packageJson.name);
  });

  it('builds an AppImage and a .deb on Linux, an NSIS installer on Windows, a dmg on macOS', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    // Per-user install: no administrator rights needed.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
  });

  it('has no auto-update: nothing to publish, no electron-updater', () => {
    expect(config.publish).toBeNull();
    expect(Object.keys({ ...packageJson.dependencies, ...packageJson.devDependencies })).not.toContain('electron-updater');
  });

  it('opens registry extracts (monthly CSV, zip archives) without taking those file types from other apps', () => {
    const associations = (Array.isArray(config.fileAssociations) ? config.fileAssociations : [config.fileAssociations]).filter(
      (entry): entry is FileAssociation => entry !== undefined,
    );
    expect(associations.map((entry) => entry.ext)).toEqual(['csv', 'zip']);
    expect(associations.map((entry) => entry.mimeType)).toEqual(['text/csv', 'application/zip']);
    for (const entry of associations) {
      expect(entry.name).toMatch(/^Extrait du registre de preuve de covoiturage/);
      expect(entry.rank).toBe('Alternate');
    }
  });

  it('packs the electron-vite output, where package.json « main » points', () => {
    const filters = fileSets(config.files).flatMap((set) => (set.from === undefined ? [set.filter ?? []].flat() : []));
    expect(filters).toContain('out/**');
    for (const process of ['main', 'preload', 'renderer'] as const) expect(vite[process].build.outDir).toMatch(/^out\//);
    expect(packageJson.main).toBe(`${vite.main.build.outDir}/index.js`);
    expect(Object.keys(vite.main.build.rollupOptions.input)).toContain('index');
  });

  it('copies resources/ whole beside app.asar, where process.resourcesPath points once packaged', () => {
    expect(fileSets(config.extraResources).map(({ from, to, filter }) => ({ from, to: to ?? '.', filter }))).toEqual([{ from: 'resources', to: '.', filter: undefined }]);
    expect(filesBelow(join(PROJECT, 'resources'))).toEqual(expect.arrayContaining(['geo/france-departements.topo.json', 'campaigns/459.json']));
  });

  it('keeps every folder the main process reads from process.resourcesPath in resources/', () => {
    // Each lookup is written join(String(…resourcesPath), '<folder>'); a new one must name a folder that is packed.
    const sources = filesBelow(join(PROJECT, 'src/main')).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    const folders = new Set(
      sources.flatMap((file) => [...readFileSync(join(PROJECT, 'src/main', file), 'utf8').matchAll(/resourcesPath\)\s*,\s*'([^']+)'\)/g)].map((match) => match[1] ?? '')),
    );
    expect([...folders].sort()).toEqual(['campaigns', 'geo']);
    for (const folder of folders) expect(filesBelow(join(PROJECT, 'resources', folder)).length, folder).toBeGreaterThan(0);
  });

  describe('once packaged', () => {
    let packaged: string;
    afterEach(() => {
      visible.under = null;
      delete (process as { resourcesPath?: string }).resourcesPath;
      rmSync(packaged, { recursive: true, force: true });
    });

    it('the app finds its map background and campaign catalogue in the copied resources, and nowhere else', async () => {
      packaged = mkdtempSync(join(tmpdir(), 'atelier-paquet-'));
      // The resources folder of a packaged app, laid out as extraResources says.
      for (const { from, to } of fileSets(config.extraResources)) cpSync(join(PROJECT, from ?? '.'), join(packaged, to ?? '.'), { recursive: true });
      Object.defineProperty(process, 'resourcesPath', { value: packaged, configurable: true });
      visible.under = packaged;
      const campaignsDir = process.env.ATELIER_CAMPAIGNS_DIR;
      delete process.env.ATELIER_CAMPAIGNS_DIR;
      try {
        const { geoResourceDir, bundledShapes } = await import('../../src/main/geo/bundled-background');
        const { catalogueDir, loadCatalogue } = await import('../../src/main/campaigns/catalogue-files');
        expect(geoResourceDir()).toBe(join(packaged, 'geo'));
        expect(catalogueDir()).toBe(join(packaged, 'campaigns'));
        expect(bundledShapes('dep').length).toBeGreaterThan(90);
        expect(loadCatalogue().length).toBe(readdirSync(join(PROJECT, 'resources/campaigns')).filter((name) => name.endsWith('.json')).length);
        // Without the copy, the same lookups fail: the test does see only the packaged folder.
        rmSync(join(packaged, 'geo'), { recursive: true });
        expect(() => geoResourceDir()).toThrow(/Fond de carte introuvable/);
      } finally {
        if (campaignsDir !== undefined) process.env.ATELIER_CAMPAIGNS_DIR = campaignsDir;
      }
    });
  });

  it('loads the code from app.asar only, sqlite3 (native) unpacked, with the fuses hook', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/sqlite3/**']);
    expect(packageJson.dependencies).toHaveProperty('sqlite3');
    const sqlite3Dir = join(PROJECT, 'node_modules/sqlite3');
    expect(filesBelow(sqlite3Dir).filter((file) => file.endsWith('.node')).length).toBeGreaterThan(0);
    expect(config.afterPack).toBe('build/after-pack.cjs');
    expect(typeof createRequire(import.meta.url)(join(PROJECT, 'build/after-pack.cjs'))).toBe('function');
  });
});

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('the icons electron-builder takes from build/', () => {
  it('build/icon.png is a 1024-pixel square (Linux; electron-builder needs at least 512)', () => {
    expect(config.directories?.buildResources).toBe('build');
    expect(pngSize(readFileSync(join(BUILD, 'icon.png')))).toEqual([1024, 1024]);
  });

  it('build/icon.ico holds 16 to 256 pixels, each image the size its directory entry says (Windows)', () => {
    const ico = readFileSync(join(BUILD, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
      const entry = 6 + 16 * index;
      const size = ico.readUInt8(entry) || 256;
      const image = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      expect(pngSize(image)).toEqual([size, size]);
      return size;
    });
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('build/icon.icns holds 16 to 1024 pixels, Retina included (macOS)', () => {
    const icns = readFileSync(join(BUILD, 'icon.icns'));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      const [width, height] = pngSize(icns.subarray(offset + 8, offset + icns.readUInt32BE(offset + 4)));
      expect(width).toBe(height);
      found[icns.toString('ascii', offset, offset + 4)] = width;
    }
    expect(found).toEqual({ icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 });
  });
});
