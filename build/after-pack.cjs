// @ts-check
'use strict';
/**
 * electron-builder `afterPack` hook: flips the Electron fuses decided in build/fuses.cjs on the packaged binary,
 * before signing (`afterPack: 'build/after-pack.cjs'`). Not needed when the configuration sets `electronFuses`.
 */
const { join } = require('node:path');
const { fuseV1Config } = require('./fuses.cjs');

/** electron-builder's `Arch` enum, by number. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * @typedef {{
 *   appOutDir: string,
 *   electronPlatformName: string,
 *   arch: number | string,
 *   packager: { appInfo: { productFilename: string }, executableName?: string },
 * }} AfterPackContext the part of electron-builder's context this hook reads
 */

/**
 * The packaged Electron binary that carries the fuse wire: the `.app` bundle on macOS (@electron/fuses finds the
 * framework inside), `<product>.exe` on Windows, the executable (package name by default) on Linux.
 * @param {AfterPackContext} context
 * @returns {string}
 */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
}

/**
 * Arguments of `flipFuses` for a packaged app: on Apple silicon (and universal builds) the ad-hoc signature must be
 * redone after the binary changed, or macOS refuses to start it before the real signing.
 * @param {AfterPackContext} context
 * @param {Parameters<typeof fuseV1Config>[0]} fuses the @electron/fuses module
 * @returns {[string, Record<string, unknown>]}
 */
function flipArguments(context, fuses) {
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : context.arch;
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  return [electronBinary(context), fuseV1Config(fuses, { resetAdHocDarwinSignature: darwin && (arch === 'arm64' || arch === 'universal') })];
}

/**
 * @param {AfterPackContext} context
 * @returns {Promise<void>}
 */
async function afterPack(context) {
  const fuses = require('@electron/fuses');
  const [binary, config] = flipArguments(context, fuses);
  await fuses.flipFuses(binary, /** @type {import('@electron/fuses').FuseConfig} */ (/** @type {unknown} */ (config)));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.electronBinary = electronBinary;
module.exports.flipArguments = flipArguments;
