import packageJson from '../../package.json';

/** Application version, from package.json (bundled at build time). */
export const APP_VERSION: string = packageJson.version;
