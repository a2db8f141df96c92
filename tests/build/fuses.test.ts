import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fuses from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * The fuse configuration of the packaged app (build/fuses.cjs) and the electron-builder hook that applies it
 * (build/after-pack.cjs). The Electron binary cannot be downloaded here: the hook runs on a file that carries a fuse
 * wire laid out as Electron's (sentinel, version, length, one byte per fuse).
 */

interface FuseDecision {
  enabled: boolean;
  why: string;
}
interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number | string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
type AfterPack = ((context: AfterPackContext) => Promise<void>) & {
  electronBinary: (context: AfterPackContext) => string;
  flipArguments: (context: AfterPackContext, module: typeof fuses) => [string, Record<string, unknown>];
};

const require = createRequire(import.meta.url);
const { DECISIONS, FUSES, fuseV1Config } = require('../../build/fuses.cjs') as {
  DECISIONS: Record<string, FuseDecision>;
  FUSES: Record<string, boolean>;
  fuseV1Config: (module: typeof fuses, options?: { resetAdHocDarwinSignature?: boolean }) => Record<string, unknown>;
};
const afterPack = require('../../build/after-pack.cjs') as AfterPack;
const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants') as { SENTINEL: string; FuseState: Record<string, number> };

const { FuseV1Options, FuseVersion } = fuses;

describe('the fuse decisions', () => {
  it('switch off running as Node, NODE_OPTIONS, --inspect, file:// privileges, and lock the code to an intact app.asar', () => {
    expect(FUSES).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    for (const [name, decision] of Object.entries(DECISIONS)) expect(decision.why.length, name).toBeGreaterThan(20);
  });

  it('decide every fuse the installed @electron/fuses knows, keyed by its numbers', () => {
    const config = fuseV1Config(fuses);
    const known = Object.values(FuseV1Options).filter((value): value is number => typeof value === 'number');
    expect(config).toMatchObject({ version: FuseVersion.V1, resetAdHocDarwinSignature: false });
    expect(known.map((index) => config[index])).toEqual(known.map((index) => FUSES[(FuseV1Options[index] as string).replace(/^./, (c) => c.toLowerCase())]));
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    // A fuse added by an upgrade without a decision here is refused rather than left to Electron's default.
    expect(() => fuseV1Config({ ...fuses, FuseV1Options: { ...FuseV1Options, WasmTrapHandlers: 8, 8: 'WasmTrapHandlers' } } as unknown as typeof fuses)).toThrow(
      'Fusible Electron sans décision dans build/fuses.cjs : WasmTrapHandlers',
    );
  });
});

describe('build/after-pack.cjs', () => {
  const context = (platform: string, arch: number | string): AfterPackContext => ({
    appOutDir: '/dist/app',
    electronPlatformName: platform,
    arch,
    packager: { appInfo: { productFilename: 'Atelier Covoiturage' }, ...(platform === 'linux' ? { executableName: 'atelier-covoiturage' } : {}) },
  });

  it('finds the binary of each platform, and redoes the ad-hoc signature on Apple silicon only', () => {
    expect(afterPack.electronBinary(context('darwin', 3))).toBe(join('/dist/app', 'Atelier Covoiturage.app'));
    expect(afterPack.electronBinary(context('win32', 1))).toBe(join('/dist/app', 'Atelier Covoiturage.exe'));
    expect(afterPack.electronBinary(context('linux', 1))).toBe(join('/dist/app', 'atelier-covoiturage'));
    expect(afterPack.flipArguments(context('darwin', 3), fuses)[1].resetAdHocDarwinSignature).toBe(true);
    expect(afterPack.flipArguments(context('darwin', 'universal'), fuses)[1].resetAdHocDarwinSignature).toBe(true);
    expect(afterPack.flipArguments(context('darwin', 1), fuses)[1].resetAdHocDarwinSignature).toBe(false);
    expect(afterPack.flipArguments(context('linux', 3), fuses)[1].resetAdHocDarwinSignature).toBe(false);
  });

  describe('on a binary with a fuse wire', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'atelier-fuses-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('flips the decided fuses and leaves a fuse it does not know as Electron set it', async () => {
      // Electron's defaults for nine fuses: run as Node, NODE_OPTIONS, --inspect, file:// privileges and the ninth on.
      const on = FuseState.ENABLE as number;
      const off = FuseState.DISABLE as number;
      const defaults = [on, off, on, on, off, off, off, on, on];
      const binary = join(dir, 'atelier-covoiturage');
      writeFileSync(binary, Buffer.concat([Buffer.from('ELF-code-'), Buffer.from(SENTINEL), Buffer.from([1, defaults.length, ...defaults]), Buffer.from('-fin')]));
      await afterPack({ ...context('linux', 1), appOutDir: dir });
      const wire = await fuses.getCurrentFuseWire(binary);
      const states = defaults.map((_, i) => (wire as unknown as Record<number, number>)[i]);
      expect(states).toEqual([off, on, off, off, on, on, off, off, on]);
      expect(readFileSync(binary).subarray(0, 9).toString()).toBe('ELF-code-');
      expect(readFileSync(binary).subarray(-4).toString()).toBe('-fin');
    });
  });
});
