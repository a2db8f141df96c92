import type { SecretSealer } from '../platform/store-choice';

/**
 * A keychain stand-in for tests (Electron's `safeStorage` needs the desktop app): its sealed text does not show the
 * secret, opens back only through it, and `opened` counts the secrets it opened.
 */
export function testSealer(): SecretSealer & { opened: number } {
  const sealer = {
    opened: 0,
    available: () => true,
    seal: (text: string) => Buffer.from(`scellé:${text}`).reverse().toString('base64'),
    open: (sealed: string) => {
      const text = Buffer.from(sealed, 'base64').reverse().toString();
      if (!text.startsWith('scellé:')) throw new Error('not sealed by this sealer');
      sealer.opened += 1;
      return text.slice('scellé:'.length);
    },
  };
  return sealer;
}
