import { readFileSync } from 'node:fs';
import { atelier, expect, test } from '../fixtures/app-server';
import { seriousViolations } from '../fixtures/axe';
import { HomePage } from '../fixtures/home-page';

test.describe('Statistiques', () => {
  test('le tableau de bord d’un territoire se dessine, se lit en tableau et s’exporte en PNG', async ({ page, storeAddress, startApp }) => {
    // `atelier demo` loads the journeys and, like the app after each sync, rebuilds the aggregates.
    atelier('demo', '--db', storeAddress, '--trips', '2000', '--seed', '3');
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

    // Each chart is an image named after it, described by its text summary; its data is a real table.
    await expect(page.getByRole('img', { name: 'Graphique : Trajets par heure de départ' })).toBeVisible();
    await expect(page.getByTestId('chart-hours-summary')).toContainText(/Trajets : maximum [\d\u202f]+ \(\d+ h\), minimum/);
    await page.getByTestId('chart-weekdays').getByText('Voir les données du graphique').click();
    await expect(page.getByTestId('chart-weekdays-table').locator('tbody tr')).toHaveCount(7);
    expect(await seriousViolations(page, '[data-testid="stats-page"]')).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByTestId('chart-hours-png').click();
    const file = await (await download).path();
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');

    // A period starting mid-month: that month is drawn and listed as partial, not as a collapse.
    const firstDay = await page.getByTestId('stats-from').inputValue();
    await page.getByTestId('stats-from').fill(`${firstDay.slice(0, 8)}15`);
    await page.getByTestId('stats-submit').click();
    const trend = page.getByTestId('chart-trend');
    await expect(trend.getByTestId('chart-trend-partial-note')).toContainText('périodes incomplètes');
    await expect(page.getByTestId('chart-incentives-partial-note')).toContainText('barres hachurées');
    await trend.getByText('Voir les données du graphique').click();
    const firstRow = page.getByTestId('chart-trend-table').locator('tbody tr').first();
    await expect(firstRow).toHaveAttribute('data-partial', 'true');
    const [year, month] = firstDay.split('-');
    await expect(firstRow).toContainText(`partiel : du 15/${month}/${year} au `);
    await expect(page.getByTestId('chart-trend-table').locator('tbody tr').nth(1)).toContainText('complet');
    expect(await seriousViolations(page, '[data-testid="stats-page"]')).toEqual([]);

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
