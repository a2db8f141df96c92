import { safeStorage } from 'electron';
import type { KeyProtector } from './key-protector';

/**
 * A protector over Electron's `safeStorage` (macOS Keychain, Windows DPAPI, libsecret/kwallet on Linux), or null
 * where it offers no real protection: not available yet (call after `app.whenReady()`), or Linux's `basic_text`
 * fallback (a hard-coded password). A key it protects can only be opened by the desktop app of this user on this
 * machine: the command line then cannot verify nor extend the journal (docs/review.md, « Journal d’audit »).
 */
export function safeStorageProtector(): KeyProtector | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    protection: 'safeStorage',
    protect: (key) => safeStorage.encryptString(key.toString('base64')).toString('base64'),
    unprotect: (text) => Buffer.from(safeStorage.decryptString(Buffer.from(text, 'base64')), 'base64'),
  };
}
