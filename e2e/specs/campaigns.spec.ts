import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atelier, expect, test } from '../fixtures/app-server';
import { HomePage } from '../fixtures/home-page';

test.describe('Campagnes', () => {
  test('une campagne écrite dans l’éditeur se valide, se simule sur les trajets de la base et s’enregistre', async ({ page, dbFile, startApp }) => {
    atelier('demo', '--db', dbFile, '--trips', '2000', '--seed', '5');
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Campagnes', exact: true }).click();
    await expect(page.getByTestId('catalogue-row')).toHaveCount(46);

    // Template 1 adapted to the Région Pays de la Loire, where the demo journeys are.
    const template = JSON.parse(readFileSync(join(__dirname, '../../resources/campaigns/1.json'), 'utf8')) as Record<string, unknown>;
    const definition = { ...template, id: 'essai_pdl', name: 'Essai Pays de la Loire', status: 'campaign', territory: { reg: ['52'] }, window: { from: '2020-01-01', to: null }, budget_cents: null };
    await page.getByTestId('editor-text').fill(JSON.stringify(definition, null, 2));
    await expect(page.getByTestId('editor-status')).toHaveText('Définition valide.');
    await expect(page.getByTestId('editor-preview').locator('canvas')).toBeVisible();

    await page.getByTestId('simulation-campaign').selectOption('__editor__');
    await page.getByTestId('simulation-submit').click();
    await expect(page.getByTestId('simulation-result')).toContainText('Essai Pays de la Loire');
    await expect(page.getByTestId('simulation-cost')).toContainText('€');
    await expect(page.getByTestId('saved-row')).toHaveCount(1);
  });
});
