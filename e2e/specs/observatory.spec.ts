import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { atelier, expect, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';

/** A number as the UI writes it (French digit grouping, decimal comma, units) → number. */
function frenchNumber(text: string): number {
  return Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));
}

test.describe('Observatoire', () => {
  test('les indicateurs s’affichent avec leurs tableaux, sont accessibles, et se publient en site autonome', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '3000', '--seed', '3');
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Observatoire', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Observatoire');

    await expect(page.getByTestId('observatory-heading')).toContainText('Toute la base');
    expect(frenchNumber(await page.getByTestId('observatory-journeys').locator('.fr-h4').innerText())).toBeGreaterThan(0);
    expect(frenchNumber(await page.getByTestId('observatory-operators').locator('.fr-h4').innerText())).toBeGreaterThan(0);
    await expect(page.getByTestId('observatory-attestations').locator('.fr-h4')).toHaveText(/^\d/);
    await expect(page.getByTestId('observatory-co2-method')).toContainText('CO₂');
    expect(await page.getByTestId('observatory-months-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('evolution-withCampaign')).toBeVisible();

    expect(await seriousViolations(page)).toEqual([]);

    // « Publier le site »: a job, then the folder; the site opens from the file system without any request.
    const publish = page.getByTestId('observatory-publish');
    await publish.getByRole('button', { name: 'Publier le site' }).click();
    const progress = publish.getByTestId('job-progress');
    await expect(progress).toHaveAttribute('data-status', 'done');
    const dir = (await progress.getByTestId('job-detail').innerText()).replace(/^Dossier : /, '');
    const index = join(dir, 'index.html');
    expect(existsSync(index)).toBe(true);

    const site = await page.context().newPage();
    const outside: string[] = [];
    site.on('request', (request) => {
      if (!/^(file|data|blob):/.test(request.url())) outside.push(request.url());
    });
    await site.route(/^https?:/, (route) => route.abort());
    await site.goto(pathToFileURL(index).href);
    await expect(site.locator('h1')).toBeVisible();
    await expect(site.locator('table').first()).toBeVisible();
    expect(outside).toEqual([]);
  });
});
