import type { Page } from '@playwright/test';
import { atelier, expect, test } from '../fixtures/app-server';
import { HomePage } from '../fixtures/home-page';

async function openChecks(page: Page, launchUrl: string): Promise<void> {
  await new HomePage(page).open(launchUrl);
  await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Contrôles', exact: true }).click();
}

test.describe('Contrôles', () => {
  test('de la file de revue à une décision : journal d’audit, exclusion des exports et des simulations', async ({ page, dbFile, startApp }) => {
    // The demo with one instance of each labelled pattern; `atelier demo` scans the new journeys, as the app does.
    atelier('demo', '--db', dbFile, '--trips', '1500', '--seed', '8', '--patterns', '1');
    const app = await startApp();
    await openChecks(page, app.launchUrl);

    await expect(page.getByTestId('exclusions-banner')).toContainText('Aucun trajet n’est exclu');
    await page.locator('select[data-testid=queue-filter-check], [data-testid=queue-filter-check] select').selectOption('T01@1');
    await page.getByTestId('queue-filter-apply').click();
    const row = page.getByTestId('queue-row');
    await expect(row).toHaveCount(1);
    const key = (await row.getAttribute('data-key')) ?? '';
    expect(key).toMatch(/^o:\d+:inj-selfCarpool-/);

    await row.getByTestId('queue-open').click();
    const detail = page.getByTestId('journey-detail');
    await expect(detail.getByTestId('flag-item').filter({ hasText: 'T01@1' })).toHaveCount(1);
    await expect(detail.getByTestId('evidence').first()).toBeVisible();
    await expect(detail.getByTestId('journey-plot-svg')).toBeVisible();

    await detail.getByTestId('decision-radio-confirmed').check({ force: true });
    await detail.getByTestId('decision-submit').click();
    await expect(detail.getByTestId('decision-comment-error')).toBeVisible();
    await detail.locator('textarea[data-testid=decision-comment], [data-testid=decision-comment] textarea').fill('Même personne au volant et à la place passager');
    await detail.getByTestId('decision-submit').click();
    await expect(detail.getByTestId('decision-done')).toBeVisible();
    await expect(detail.getByTestId('decision-current')).toContainText('Fraude confirmée');
    await expect(page.getByTestId('exclusions-banner')).toContainText('1 trajet exclu des simulations et des exports');

    // The decision is in the audit log and counts in the queue, the exports and the simulations.
    const queue = JSON.parse(atelier('review', '--db', dbFile, '--decision', 'confirmed', '--json')) as { journeys: Array<{ naturalKey: string; decision: { comment: string } }> };
    expect(queue.journeys.map((journey) => journey.naturalKey)).toEqual([key]);
    expect(queue.journeys[0]?.decision.comment).toBe('Même personne au volant et à la place passager');
    const info = JSON.parse(atelier('info', '--db', dbFile, '--json')) as { tables: Array<{ name: string; rows: number }> };
    expect(info.tables.find((table) => table.name === 'review_decisions')?.rows).toBe(1);
    const exported = JSON.parse(atelier('export', 'trips', '--db', dbFile, '--from', '2026-01-01', '--to', '2026-12-31', '--out', `${dbFile}.csv`, '--json')) as { excludedConfirmedFraud: number };
    expect(exported.excludedConfirmedFraud).toBe(1);

    await page.getByRole('navigation', { name: /principal/i }).getByRole('link', { name: 'Exports', exact: true }).click();
    await expect(page.getByTestId('trip-export-confirmed-fraud-notice')).toContainText('1');
  });

  test('une analyse se lance depuis l’onglet Analyses et montre les signalements d’un contrôle avec leurs preuves', async ({ page, dbFile, startApp }) => {
    atelier('demo', '--db', dbFile, '--trips', '1500', '--seed', '8');
    const app = await startApp();
    await openChecks(page, app.launchUrl);
    await page.getByTestId('test-checks-tab-analyses').click();
    const before = (await page.getByTestId('checks-run').textContent()) ?? '';
    await page.getByTestId('checks-scan').click();
    await expect(page.getByTestId('checks-run')).not.toHaveText(before);
    await expect(page.getByTestId('checks-run')).toContainText('1 500 trajets'.replace(' ', '\u202f'));
    const enabled = page.locator('[data-testid^="check-show-"]:not([disabled])').first();
    await enabled.click();
    await expect(page.getByTestId('flag-row').first()).toContainText('j:');

    await page.getByTestId('test-checks-tab-parameters').click();
    await expect(page.getByTestId('check-disabled-T07')).toContainText('itinéraire');
  });
});
