import { shell } from 'electron';

/** Schemes that may leave the app for the system browser. */
const SAFE_PROTOCOLS = new Set(['https:', 'http:']);

/** True for well-formed http(s) URLs, the only ones the app hands to the operating system. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return SAFE_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * The one way to open a link outside the app (lint forbids `shell.openExternal` elsewhere): anything but
 * http(s) — file:, javascript:, custom schemes that launch programs — is refused.
 */
export async function safeOpenExternal(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}
