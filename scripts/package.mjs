// @ts-check
// `npm run package [-- electron-builder options]`: builds the app with electron-vite, then the installers with
// electron-builder and build/electron-builder.yml (by default those of the current system; docs/packaging.md).
// Where the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1, no access to Electron's release
// server), it says so in one message, in French then English, and exits with code 1 before building anything.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The electron-builder configuration, relative to the project folder (the working directory of npm scripts). */
export const BUILDER_CONFIG = 'build/electron-builder.yml';

/**
 * What packaging needs from node_modules, behind functions so that tests can stand in for an installation.
 * @typedef {object} Installation
 * @property {() => string} electronBinary path of the Electron executable as electron's own module reports it;
 *   throws when the binary was never installed
 * @property {(file: string) => boolean} exists whether a file exists
 * @property {(packageName: string) => string} binScript path of a package's command-line script; throws when the
 *   package is not installed
 */

/**
 * The real installation, as seen from the project folder.
 * @returns {Installation}
 */
function projectInstallation() {
  const require = createRequire(join(process.cwd(), 'package.json'));
  return {
    electronBinary: () => String(require('electron')),
    exists: existsSync,
    binScript: (packageName) => {
      const manifest = require.resolve(`${packageName}/package.json`);
      /** @type {{ bin: string | Record<string, string> }} */
      const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
      return join(dirname(manifest), typeof bin === 'string' ? bin : String(bin[packageName]));
    },
  };
}

/**
 * Why the installers cannot be built with this installation, in French then English, or null when they can.
 * electron-builder fetches Electron from the server that `npm install` of electron uses (github.com or
 * ELECTRON_MIRROR): an installed binary shows that this server could be reached, a missing one that packaging would
 * most likely fail there after minutes of building, with a stack trace.
 * @param {Installation} installation
 * @returns {string | null}
 */
export function packagingProblem(installation) {
  try {
    installation.binScript('electron-builder');
  } catch {
    return [
      'Impossible de construire les installateurs : electron-builder n’est pas installé. Lancez « npm ci », puis « npm run package ».',
      'Cannot build the installers: electron-builder is not installed. Run "npm ci", then "npm run package".',
    ].join('\n');
  }
  let binary = null;
  try {
    binary = installation.electronBinary();
  } catch {
    // electron's module throws when its install step did not download the binary.
  }
  if (binary !== null && installation.exists(binary)) return null;
  const where = binary === null ? '' : ` (${binary})`;
  return [
    `Impossible de construire les installateurs : le binaire Electron n’est pas installé${where}. L’installation a été faite avec ELECTRON_SKIP_BINARY_DOWNLOAD=1 ou n’a pas pu le télécharger, et electron-builder le télécharge au même endroit (github.com, ou le miroir indiqué par ELECTRON_MIRROR). Sur une machine qui y a accès, réinstallez sans ELECTRON_SKIP_BINARY_DOWNLOAD (« npm ci »), puis relancez « npm run package ».`,
    `Cannot build the installers: the Electron binary is not installed${where}. Electron was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or its download failed, and electron-builder downloads it from the same place (github.com, or the ELECTRON_MIRROR mirror). On a machine that can reach it, reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD ("npm ci"), then run "npm run package" again.`,
  ].join('\n');
}

/**
 * Checks the installation, then builds the app and runs electron-builder; stops at the first step that fails.
 * @param {{
 *   installation: Installation,
 *   run: (command: string, args: string[]) => number,
 *   report: (message: string) => void,
 *   builderArgs: readonly string[],
 * }} steps `run` starts a process and returns its exit code; `builderArgs` are passed on to electron-builder
 *   (`--linux deb`, `--win`, `--dir`…)
 * @returns {number} the exit code of the command
 */
export function runPackaging({ installation, run, report, builderArgs }) {
  const problem = packagingProblem(installation);
  if (problem !== null) {
    report(problem);
    return 1;
  }
  const built = run(process.execPath, [installation.binScript('electron-vite'), 'build']);
  if (built !== 0) return built;
  const packaged = run(process.execPath, [installation.binScript('electron-builder'), '--config', BUILDER_CONFIG, ...builderArgs]);
  if (packaged !== 0) {
    report(
      `electron-builder a échoué (code ${packaged}) : voir ses messages ci-dessus. Il télécharge aussi les outils de chaque format (AppImage, fpm pour le .deb, NSIS) : docs/packaging.md.\n` +
        `electron-builder failed (code ${packaged}): see its messages above. It also downloads the tools of each format (AppImage, fpm for the .deb, NSIS): docs/packaging.md.`,
    );
  }
  return packaged;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runPackaging({
    installation: projectInstallation(),
    run: (command, args) => {
      const result = spawnSync(command, args, { stdio: 'inherit' });
      return result.status ?? 1;
    },
    report: (message) => console.error(message),
    builderArgs: process.argv.slice(2),
  });
}
