import { execFileSync } from 'node:child_process';
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

    // Why one journey got its amount: the simulation is replayed up to it in the worker.
    const journeyId = execFileSync('sqlite3', [dbFile, "SELECT journey_id FROM trips WHERE status = 'ok' AND operator_class = 'C' AND distance_m BETWEEN 5000 AND 19000 LIMIT 1"]).toString().trim();
    await page.getByTestId('explain-journey').fill(journeyId);
    await page.getByTestId('explain-submit').click();
    await expect(page.getByTestId('explanation')).toContainText(`Trajet ${journeyId}`);
    await expect(page.getByTestId('explanation')).toContainText('éligible, 2,00');
  });
});
