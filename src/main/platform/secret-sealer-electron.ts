import { safeStorage } from 'electron';
import { safeStorageProtects } from './key-protector-electron';
import type { SecretSealer } from './store-choice';

/**
 * The desktop app's sealer over Electron's `safeStorage`: available only where it really protects (not on Linux's
 * `basic_text` fallback). A sealed secret opens only for this user on this machine. Use after `app.whenReady()`.
 */
export const safeStorageSealer: SecretSealer = {
  available: safeStorageProtects,
  seal: (text) => safeStorage.encryptString(text).toString('base64'),
  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};
