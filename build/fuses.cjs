// @ts-check
'use strict';
/**
 * Electron fuses of the packaged app (issue 16): features switched off in the Electron binary itself when it is
 * packaged, before signing, so that neither an environment variable nor a command-line flag can turn them back on
 * (https://www.electronjs.org/docs/latest/tutorial/fuses). One decision per fuse, with its reason; every fuse the
 * installed @electron/fuses knows must be decided here (tests/build/fuses.test.ts fails otherwise).
 *
 * Two ways to apply them, whichever the packaging uses (never both):
 * - electron-builder ≥ 25: `electronFuses: require('./build/fuses.cjs').FUSES` in its configuration;
 * - any electron-builder: `afterPack: 'build/after-pack.cjs'`, which flips them with @electron/fuses.
 * `onlyLoadAppFromAsar` and `enableEmbeddedAsarIntegrityValidation` need the app packed as `app.asar` (`asar: true`,
 * electron-builder's default) with its integrity hash recorded by the packager (macOS; Windows since Electron 30):
 * a packaged app that quits at once on start means the packager did not record it.
 */

/** @typedef {{ enabled: boolean, why: string }} FuseDecision */

/** @type {Readonly<Record<string, FuseDecision>>} */
const DECISIONS = Object.freeze({
  runAsNode: {
    enabled: false,
    why: 'ELECTRON_RUN_AS_NODE ferait du binaire signé un interpréteur Node quelconque ; l’app utilise des worker_threads (pas child_process.fork) et la CLI tourne sous Node.',
  },
  enableCookieEncryption: {
    enabled: true,
    why: 'Chiffre les cookies au repos avec la clé du trousseau du système (l’app n’en pose pas, mais une bibliothèque pourrait).',
  },
  enableNodeOptionsEnvironmentVariable: {
    enabled: false,
    why: 'NODE_OPTIONS permettrait d’injecter du code (--require) dans le processus principal.',
  },
  enableNodeCliInspectArguments: {
    enabled: false,
    why: '--inspect ouvrirait un débogueur sur le processus principal, qui a accès à la base.',
  },
  enableEmbeddedAsarIntegrityValidation: {
    enabled: true,
    why: 'Vérifie au démarrage que app.asar n’a pas été modifié (macOS ; Windows depuis Electron 30).',
  },
  onlyLoadAppFromAsar: {
    enabled: true,
    why: 'Le code n’est chargé que depuis app.asar, sans quoi un dossier app/ posé à côté contournerait la vérification d’intégrité.',
  },
  loadBrowserProcessSpecificV8Snapshot: {
    enabled: false,
    why: 'L’app ne fournit pas d’instantané V8 propre au processus principal.',
  },
  grantFileProtocolExtraPrivileges: {
    enabled: false,
    why: 'Le rendu est servi par app:// ; file:// n’a pas besoin des privilèges supplémentaires hérités.',
  },
});

/** electron-builder's `electronFuses` option: fuse name → enabled. */
const FUSES = Object.freeze(Object.fromEntries(Object.entries(DECISIONS).map(([name, decision]) => [name, decision.enabled])));

/**
 * The same decisions as an @electron/fuses configuration (`flipFuses(binary, config)`), keyed by its `FuseV1Options`
 * numbers. The enum's names are the decisions' names with a capital (`RunAsNode` ↔ `runAsNode`); a fuse of the
 * enum without a decision throws, so an upgrade of @electron/fuses that adds one cannot go unnoticed.
 * @param {{ FuseVersion: { V1: string }, FuseV1Options: Record<string, string | number> }} fuses the @electron/fuses module
 * @param {{ resetAdHocDarwinSignature?: boolean }} [options]
 * @returns {Record<string, unknown>}
 */
function fuseV1Config(fuses, options = {}) {
  /** @type {Record<string, unknown>} */
  const config = { version: fuses.FuseVersion.V1, resetAdHocDarwinSignature: options.resetAdHocDarwinSignature === true };
  for (const [name, index] of Object.entries(fuses.FuseV1Options)) {
    if (typeof index !== 'number') continue;
    const decision = DECISIONS[name.charAt(0).toLowerCase() + name.slice(1)];
    if (!decision) throw new Error(`Fusible Electron sans décision dans build/fuses.cjs : ${name}`);
    config[index] = decision.enabled;
  }
  return config;
}

module.exports = { DECISIONS, FUSES, fuseV1Config };
