import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run package` (scripts/package.mjs): refuses clearly, before building anything, where the Electron binary is
 * not installed; otherwise builds with electron-vite and runs electron-builder on build/electron-builder.yml.
 */

interface Installation {
  electronBinary: () => string;
  exists: (file: string) => boolean;
  binScript: (packageName: string) => string;
}
interface PackageScript {
  BUILDER_CONFIG: string;
  packagingProblem: (installation: Installation) => string | null;
  runPackaging: (steps: { installation: Installation; run: (command: string, args: string[]) => number; report: (message: string) => void; builderArgs: readonly string[] }) => number;
}

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(PROJECT, 'scripts/package.mjs');

let script: PackageScript;
beforeAll(async () => {
  // A computed specifier: the script is plain JavaScript, typed by the interface above.
  script = (await import(pathToFileURL(SCRIPT).href)) as PackageScript;
});

/** An installation with Electron's binary at /opt/electron and every package installed, unless overridden. */
function installation(overrides: Partial<Installation> = {}): Installation {
  return {
    electronBinary: () => '/opt/electron',
    exists: (file) => file === '/opt/electron',
    binScript: (packageName) => `/modules/${packageName}/cli.js`,
    ...overrides,
  };
}

const noBinary = (): string => {
  throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');
};

describe('packagingProblem', () => {
  it('says, in French then English, that the Electron binary was not installed and what to do', () => {
    const message = script.packagingProblem(installation({ electronBinary: noBinary }));
    const [french, english, ...rest] = (message ?? '').split('\n');
    expect(rest).toEqual([]);
    expect(french).toMatch(/^Impossible de construire les installateurs : le binaire Electron n’est pas installé\./);
    expect(french).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(english).toMatch(/^Cannot build the installers: the Electron binary is not installed\./);
    // electron's own message would send the user to delete node_modules/electron: not repeated.
    expect(message).not.toContain('failed to install correctly');
  });

  it('names the expected binary when electron reports a path where there is no file', () => {
    expect(script.packagingProblem(installation({ exists: () => false }))).toContain('le binaire Electron n’est pas installé (/opt/electron)');
  });

  it('asks for npm ci when electron-builder is missing', () => {
    const missingBuilder = installation({
      binScript: (packageName) => {
        if (packageName === 'electron-builder') throw new Error(`Cannot find module '${packageName}/package.json'`);
        return `/modules/${packageName}/cli.js`;
      },
    });
    expect(script.packagingProblem(missingBuilder)).toMatch(/electron-builder n’est pas installé\. Lancez « npm ci »/);
  });

  it('has nothing to say when both are there', () => {
    expect(script.packagingProblem(installation())).toBeNull();
  });
});

describe('runPackaging', () => {
  const record = (codes: number[]): { calls: string[][]; run: (command: string, args: string[]) => number } => {
    const calls: string[][] = [];
    return { calls, run: (command, args) => (calls.push([command, ...args]), codes[calls.length - 1] ?? 0) };
  };

  it('builds nothing and exits with 1 when packaging cannot work here', () => {
    const { calls, run } = record([]);
    const reports: string[] = [];
    expect(script.runPackaging({ installation: installation({ electronBinary: noBinary }), run, report: (message) => reports.push(message), builderArgs: [] })).toBe(1);
    expect(calls).toEqual([]);
    expect(reports).toHaveLength(1);
  });

  it('builds with electron-vite, then runs electron-builder on build/electron-builder.yml with the extra options', () => {
    const { calls, run } = record([0, 0]);
    const reports: string[] = [];
    expect(script.runPackaging({ installation: installation(), run, report: (message) => reports.push(message), builderArgs: ['--linux', 'deb'] })).toBe(0);
    expect(script.BUILDER_CONFIG).toBe('build/electron-builder.yml');
    expect(calls).toEqual([
      [process.execPath, '/modules/electron-vite/cli.js', 'build'],
      [process.execPath, '/modules/electron-builder/cli.js', '--config', 'build/electron-builder.yml', '--linux', 'deb'],
    ]);
    expect(reports).toEqual([]);
  });

  it('stops after a failed build with its exit code', () => {
    const { calls, run } = record([2]);
    expect(script.runPackaging({ installation: installation(), run, report: () => undefined, builderArgs: [] })).toBe(2);
    expect(calls).toHaveLength(1);
  });

  it('passes on electron-builder’s exit code, with a pointer to the tools it downloads', () => {
    const { run } = record([0, 7]);
    const reports: string[] = [];
    expect(script.runPackaging({ installation: installation(), run, report: (message) => reports.push(message), builderArgs: [] })).toBe(7);
    expect(reports.join('\n')).toMatch(/^electron-builder a échoué \(code 7\).*docs\/packaging\.md\.\nelectron-builder failed \(code 7\)/s);
  });
});

describe('node scripts/package.mjs without the Electron binary', () => {
  let emptyDir: string;
  afterEach(() => {
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('exits with 1 and the message alone: no stack trace, no build', () => {
    emptyDir = mkdtempSync(join(tmpdir(), 'atelier-sans-electron-'));
    // electron's module looks for its binary below ELECTRON_OVERRIDE_DIST_PATH: an empty folder has none.
    const result = spawnSync(process.execPath, [SCRIPT], { cwd: PROJECT, encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDir } });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Impossible de construire les installateurs : le binaire Electron n’est pas installé/);
    expect(result.stderr).toContain('\nCannot build the installers: the Electron binary is not installed');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
  });
});
