import { safeStorage } from 'electron';
import type { KeyProtector } from './key-protector';

/**
 * Whether Electron's `safeStorage` (macOS Keychain, Windows DPAPI, libsecret/kwallet on Linux) really protects what it
 * encrypts: false when not available yet (call after `app.whenReady()`), or on Linux's `basic_text` fallback (a
 * hard-coded password).
 */
export function safeStorageProtects(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}

/**
 * A protector over Electron's `safeStorage`, or null where it offers no real protection (`safeStorageProtects`).
 * A key it protects can only be opened by the desktop app of this user on this machine: the command line then cannot
 * verify nor extend the journal (docs/review.md, « Journal d’audit »).
 */
export function safeStorageProtector(): KeyProtector | null {
  if (!safeStorageProtects()) return null;
  return {
    protection: 'safeStorage',
    protect: (key) => safeStorage.encryptString(key.toString('base64')).toString('base64'),
    unprotect: (text) => Buffer.from(safeStorage.decryptString(Buffer.from(text, 'base64')), 'base64'),
  };
}
