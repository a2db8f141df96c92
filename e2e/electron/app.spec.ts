import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = resolve(__dirname, '../..');

/** Path of the Electron binary, or the reason it is unavailable (its download is impossible on our build machines). */
function electronBinary(): { path: string } | { reason: string } {
  try {
    const path = createRequire(join(ROOT, 'package.json'))('electron') as unknown;
    return typeof path === 'string' ? { path } : { reason: 'le paquet electron ne fournit pas de binaire' };
  } catch (error) {
    return { reason: `binaire Electron indisponible (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}

test('la fenêtre Electron démarre sur une base neuve et montre l’accueil et le diagnostic', async () => {
  const binary = electronBinary();
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');
  if (!('path' in binary)) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-electron-'));
  try {
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(ROOT, 'out/main/index.js'), '--db', join(dataDir, 'atelier.sqlite')],
      env: { ...process.env, ATELIER_DATA_DIR: dataDir },
    });
    const window = await app.firstWindow();
    await window.locator('html[data-app-ready="true"]').waitFor();
    await expect(window.locator('header')).toContainText('Atelier Covoiturage');
    // French whatever the system's language: the document, and Chromium's locale that date fields follow.
    await expect(window.locator('html')).toHaveAttribute('lang', 'fr');
    expect(await window.evaluate(() => (globalThis as unknown as { navigator: { language: string } }).navigator.language)).toBe('fr-FR');
    // A new store: the home page offers the demo data, the diagnostic page counts no trip.
    await expect(window.getByTestId('demo-offer')).toBeVisible();
    await window.getByRole('contentinfo').getByRole('link', { name: 'À propos / diagnostic' }).click();
    await expect(window.getByTestId('count-trips')).toHaveText('0');
    await app.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
