import { join } from 'node:path';
import { expect, test } from '../fixtures/app-server';
import { territoryLine, writeTerritoryCsv } from '../fixtures/extract-files';
import { HomePage } from '../fixtures/home-page';

test.describe('Données', () => {
  test('un extrait s’importe par son chemin, le journal et la quarantaine le montrent', async ({ page, storeDir, startApp }) => {
    const file = join(storeDir, 'rpc-2024-04-territory.csv');
    writeTerritoryCsv(file, [territoryLine(1001), territoryLine(1002), territoryLine(1003, { operator_class: 'D' })]);
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Données', exact: true }).click();

    await page.getByTestId('import-paths').fill(file);
    await page.getByTestId('import-submit').click();
    await expect(page.getByTestId('job-progress').first()).toHaveAttribute('data-status', 'done');

    await expect(page.getByTestId('coverage-journeys')).toHaveText('2');
    const row = page.getByTestId('sync-row').first();
    await expect(row).toContainText('rpc-2024-04-territory.csv');
    await expect(page.getByTestId('rejected-total')).toContainText('1');
    await expect(page.locator('main')).toContainText('classe de preuve inconnue');

    // The sync log's eleven columns fit the window: none hidden behind a sideways scroll.
    const log = page.getByRole('region', { name: 'Fichiers importés, les plus récents en premier' });
    await expect(log).toHaveAttribute('tabindex', '0');
    expect(await log.evaluate((region) => region.scrollWidth - region.clientWidth)).toBeLessThanOrEqual(1);
    const last = await log.getByRole('columnheader', { name: 'Codes INSEE non résolus' }).boundingBox();
    const region = await log.boundingBox();
    expect((last?.x ?? Infinity) + (last?.width ?? 0)).toBeLessThanOrEqual((region?.x ?? 0) + (region?.width ?? 0) + 1);
  });
});
