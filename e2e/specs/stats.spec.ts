import { readFileSync } from 'node:fs';
import { atelier, expect, test } from '../fixtures/app-server';
import { HomePage } from '../fixtures/home-page';

test.describe('Statistiques', () => {
  test('le tableau de bord d’un territoire se dessine, se lit en tableau et s’exporte en PNG', async ({ page, dbFile, startApp }) => {
    // `atelier demo` loads the journeys and, like the app after each sync, rebuilds the aggregates.
    atelier('demo', '--db', dbFile, '--trips', '2000', '--seed', '3');
    const app = await startApp();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await new HomePage(page).open(app.launchUrl);
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Statistiques', exact: true }).click();

    await expect(page.getByTestId('stats-heading')).toContainText('Loire-Atlantique (Département)');
    await expect(page.getByTestId('key-journeys')).toContainText(/\d/);
    // chart.js really drew on a canvas (Chromium, strict CSP).
    const canvas = page.getByTestId('chart-hours').locator('canvas');
    await expect(canvas).toBeVisible();
    expect((await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(100);

    // The data behind a chart is a real table for screen readers.
    await page.getByTestId('chart-weekdays').getByText('Voir les données du graphique').click();
    await expect(page.getByTestId('chart-weekdays-table').locator('tbody tr')).toHaveCount(7);

    const download = page.waitForEvent('download');
    await page.getByTestId('chart-hours-png').click();
    const file = await (await download).path();
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');

    // Another territory and direction.
    await page.getByTestId('stats-level').selectOption('aom');
    await expect(page.getByTestId('stats-territory')).toContainText('Nantes Métropole');
    await page.getByTestId('stats-territory').selectOption('244400404');
    await page.getByTestId('stats-direction').selectOption('intra');
    await page.getByTestId('stats-submit').click();
    await expect(page.getByTestId('stats-heading')).toContainText('Nantes Métropole (AOM) — Trajets internes');
    await expect(page.getByTestId('top-flows')).toContainText('Nantes (44109)');

    // The territory workbook, written by a job, then listed on the Exports page.
    await page.getByTestId('stats-export').click();
    await expect(page.getByTestId('job-progress').first()).toHaveAttribute('data-status', 'done');
    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Exports', exact: true }).click();
    await expect(page.getByTestId('export-row').first()).toContainText('statistiques-aom-244400404-');
    await expect(page.getByTestId('export-row').first()).toContainText('Statistiques du territoire');
    expect(consoleErrors).toEqual([]);
  });
});
