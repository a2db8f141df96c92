import { atelier, expect, test } from '../fixtures/app-server';
import { HomePage } from '../fixtures/home-page';

test.describe('Accueil', () => {
  test('montre la base et ses comptes après « atelier demo »', async ({ page, dbFile, startApp }) => {
    // The store is filled by the real CLI before the browser-mode server starts on it.
    atelier('demo', '--db', dbFile, '--trips', '1500', '--seed', '7');
    const app = await startApp();
    const home = new HomePage(page);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await home.open(app.launchUrl);

    await expect(page.getByTestId('store-info')).toContainText(dbFile);
    expect(await home.count('trips')).toBe(1500);
    expect(await home.count('operators')).toBe(4);
    expect(await home.count('audit_log')).toBe(1);
    // French digit grouping, as the UI formats every number.
    await expect(home.countCell('trips')).toHaveText(/^1[\s\u202f\u00a0]500$/);
    // Nothing blocked by the CSP, nothing fetched from the network, no runtime error.
    expect(consoleErrors).toEqual([]);
  });

  test('l’en-tête DSFR et la navigation mènent à chaque page', async ({ page, startApp }) => {
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await expect(page.locator('header')).toContainText('Atelier Covoiturage');
    for (const label of ['Données', 'Campagnes', 'Contrôles', 'Statistiques', 'Exports']) {
      await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: label, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(label);
    }
  });
});
