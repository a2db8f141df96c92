import { atelier, expect, test } from '../fixtures/app-server';
import { HomePage } from '../fixtures/home-page';

test.describe('Contrôles', () => {
  test('une analyse se lance depuis la page et montre les signalements d’un contrôle avec leurs preuves', async ({ page, dbFile, startApp }) => {
    atelier('demo', '--db', dbFile, '--trips', '1500', '--seed', '8');
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Contrôles', exact: true }).click();
    await expect(page.getByTestId('checks-run')).toHaveText('Aucune analyse pour le moment.');

    await page.getByTestId('checks-scan').click();
    await expect(page.getByTestId('checks-run')).toContainText('1 500 trajets'.replace(' ', '\u202f'));
    const enabled = page.locator('[data-testid^="check-show-"]:not([disabled])').first();
    await enabled.click();
    await expect(page.getByTestId('flag-row').first()).toContainText('j:');
  });
});
