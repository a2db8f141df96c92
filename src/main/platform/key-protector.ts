/**
 * How the store key is written in its key file: as is (`none`, the file's rights protect it), or encrypted by the
 * operating system's keychain through Electron's `safeStorage` (`safeStorage`, desktop app only: see
 * key-protector-electron.ts). The Node side (CLI, browser mode, tests) only knows `none`.
 */
export type KeyProtection = 'none' | 'safeStorage';

/** Wraps and unwraps the raw key bytes for the key file. */
export interface KeyProtector {
  readonly protection: KeyProtection;
  /** The text written in the key file for `key`. */
  protect(key: Buffer): string;
  /** The key back from the text of the key file; throws when it cannot be unwrapped. */
  unprotect(text: string): Buffer;
}

/** The key in base64, protected by the rights of its file (0600 in a 0700 folder) only. */
export const fileRightsProtector: KeyProtector = {
  protection: 'none',
  protect: (key) => key.toString('base64'),
  unprotect: (text) => Buffer.from(text, 'base64'),
};
