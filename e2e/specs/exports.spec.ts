import { atelier, expect, test } from '../fixtures/app-server';
import { HomePage } from '../fixtures/home-page';

test.describe('Exports', () => {
  test('une liste de trajets et un classeur APDF se produisent depuis la page et s’y listent', async ({ page, dbFile, startApp }) => {
    atelier('demo', '--db', dbFile, '--trips', '1500', '--seed', '9');
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Exports', exact: true }).click();

    await page.getByTestId('trip-export-format').selectOption('csv');
    await page.getByTestId('trip-export-submit').click();
    await expect(page.getByTestId('trip-export').getByTestId('job-progress')).toHaveAttribute('data-status', 'done');

    await expect(page.getByTestId('apdf-choice')).toContainText('Démonstration — Nantes Métropole');
    await page.getByTestId('apdf-submit').click();
    await expect(page.getByTestId('apdf-export').getByTestId('job-progress')).toHaveAttribute('data-status', 'done');

    const rows = page.getByTestId('export-row');
    await expect(rows.filter({ hasText: 'Classeur APDF' })).toHaveCount(1);
    await expect(rows.filter({ hasText: '-9001-' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'Liste de trajets' })).toHaveCount(1);
  });
});
