import { readFileSync } from 'node:fs';
import { atelier, expect, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';

test.describe('Exports', () => {
  test('une liste de trajets et un classeur APDF se produisent depuis la page et s’y listent', async ({ page, storeAddress, startApp }) => {
    atelier('demo', '--db', storeAddress, '--trips', '1500', '--seed', '9');
    const app = await startApp();
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Exports', exact: true }).click();

    // CSV for French Excel unless asked otherwise.
    await page.getByTestId('trip-export-format').selectOption('csv');
    await expect(page.getByTestId('trip-export-dialect-excel-fr')).toBeChecked();
    expect(await seriousViolations(page, '[data-testid="exports-page"]')).toEqual([]);
    await page.getByTestId('trip-export-submit').click();
    const tripJob = page.getByTestId('trip-export').getByTestId('job-progress');
    await expect(tripJob).toHaveAttribute('data-status', 'done');
    // Once done, the page says the file was written, no longer that it is being written.
    const written = tripJob.getByTestId('job-detail');
    await expect(written).toHaveText(/^Fichier écrit : .*trajets-[\d-]+_[\d-]+\.csv$/);
    await expect(tripJob).not.toContainText('en cours');

    // The file as French Excel reads it: BOM, `;`, decimal commas, dd/mm/yyyy hh:mm:ss.
    const csv = readFileSync((await written.innerText()).replace('Fichier écrit : ', ''), 'utf8');
    const [header, line] = csv.split('\r\n');
    expect(header?.startsWith('\uFEFFIdentifiant registre;Opérateur;')).toBe(true);
    expect(line).toMatch(/;\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2};/);
    expect(line).toMatch(/;\d+,\d{3};/);

    await expect(page.getByTestId('apdf-sheets')).toContainText('« Synthèse par tranche »');
    await expect(page.getByTestId('apdf-choice')).toContainText('Démonstration — Nantes Métropole');
    await page.getByTestId('apdf-submit').click();
    const apdfJob = page.getByTestId('apdf-export').getByTestId('job-progress');
    await expect(apdfJob).toHaveAttribute('data-status', 'done');
    await expect(apdfJob.getByTestId('job-detail')).toHaveText(/^Fichier écrit : .*APDF-.*-9001-.*\.xlsx$/);

    const rows = page.getByTestId('export-row');
    await expect(rows.filter({ hasText: 'Classeur APDF' })).toHaveCount(1);
    await expect(rows.filter({ hasText: '-9001-' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'Liste de trajets' })).toHaveCount(1);
    expect(await seriousViolations(page, '[data-testid="exports-page"]')).toEqual([]);
  });
});
